namespace GmPki.Core.Registration;

/// <summary>
/// A dual-certificate pair (双证书, GM/T 0034) as the ledger links it: the signing certificate,
/// whose key the holder generated, and the encryption certificate, whose key pair the key management
/// centre generated and escrows. Status changes of either certificate apply to both in the same
/// ledger write (docs/kmc.md#dual-issuance).
/// </summary>
/// <param name="SigningSerial">Hex serial (ledger form) of the signing certificate.</param>
/// <param name="EncryptionSerial">Hex serial of the encryption certificate.</param>
/// <param name="KmcKeyId">The KMC's ID of the escrowed encryption key (32 hex digits).</param>
/// <param name="EnvelopedKey">The encryption private key for the holder: DER GM/T 0009 <c>SM2EnvelopedKey</c> encrypted to the signing certificate's public key; null when the holder already has it (an extension of the pair keeps the keys).</param>
/// <param name="CreatedAt">UTC.</param>
public sealed record CertificatePair(string SigningSerial, string EncryptionSerial, string KmcKeyId, byte[]? EnvelopedKey, DateTime CreatedAt);
