namespace GmPki.Kmc.Messages;

/// <summary>
/// A CA asks the KMC for the device authentication key of a USB key it initialises (GmPki's own
/// message: GM/T 0014 has no device messages). The KMC generates a random 16-byte SM4 key, escrows
/// it under the master key and answers with <see cref="DevicePersonalisation"/>.
/// </summary>
/// <param name="CaId">The requesting CA's ID as registered with the KMC.</param>
/// <param name="RequestId">The CA's ID for this request, 1–128 characters; recorded in the audit event.</param>
/// <param name="DeviceSerial">The device's serial number (GM/T 0016-2012 <c>DEVINFO.SerialNumber</c>, <c>CHAR[32]</c>):
/// 1–32 printable ASCII characters without spaces (0x21–0x7E); unique per CA.</param>
public sealed record DevicePersonaliseRequest(string CaId, string RequestId, string DeviceSerial);
