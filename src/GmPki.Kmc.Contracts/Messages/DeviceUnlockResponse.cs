namespace GmPki.Kmc.Messages;

/// <summary>The KMC's answer to <see cref="DeviceUnlockRequest"/>.</summary>
/// <param name="DeviceSerial">The device's serial number, as requested.</param>
/// <param name="AuthenticationData">16 bytes D1 = SM4-ECB(K, challenge block) (GM/T 0016-2012 device authentication), which the
/// client passes to <c>SKF_DevAuth</c> before <c>SKF_UnblockPIN</c>.</param>
public sealed record DeviceUnlockResponse(string DeviceSerial, byte[] AuthenticationData);
