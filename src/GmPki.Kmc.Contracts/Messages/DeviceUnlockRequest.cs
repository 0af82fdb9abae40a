namespace GmPki.Kmc.Messages;

/// <summary>
/// A CA asks the KMC for the device authentication data that lets a holder's USB key be unlocked
/// after identity verification (密码解锁; GmPki's own message, GM/T 0014 has none). The answer is
/// <c>SM4-ECB(K, block)</c> with the device's escrowed authentication key K (GM/T 0016-2012
/// <c>SKF_DevAuth</c>).
/// </summary>
/// <param name="CaId">The requesting CA, which must be the CA that personalised the device.</param>
/// <param name="RequestId">The CA's ID for this request, 1–128 characters; recorded in the audit event.</param>
/// <param name="DeviceSerial">The device's serial number (<c>DEVINFO.SerialNumber</c>), 1–32 printable ASCII characters.</param>
/// <param name="Challenge">The device's random: exactly 8 bytes (<c>SKF_GenRandom</c>), zero-padded to the 16-byte
/// block, or exactly 16 bytes, used as the block as is.</param>
/// <param name="Reference">What authorised the unlock, for example <c>application:{guid}</c>; non-empty.</param>
/// <param name="ApprovedBy">Operators who verified the holder and approved the unlock; at least one.</param>
public sealed record DeviceUnlockRequest(string CaId, string RequestId, string DeviceSerial, byte[] Challenge, string Reference, IReadOnlyList<string> ApprovedBy);
