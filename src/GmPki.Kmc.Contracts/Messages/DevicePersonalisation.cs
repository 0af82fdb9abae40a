namespace GmPki.Kmc.Messages;

/// <summary>The KMC's answer to <see cref="DevicePersonaliseRequest"/>.</summary>
/// <param name="DeviceSerial">The device's serial number, as requested.</param>
/// <param name="AuthenticationKey">The 16-byte SM4 device authentication key (GM/T 0016-2012 设备认证密钥), to load
/// into the device at initialisation (<c>SKF_ChangeDevAuthKey</c>); the KMC keeps it escrowed and never delivers it again.</param>
public sealed record DevicePersonalisation(string DeviceSerial, byte[] AuthenticationKey);
