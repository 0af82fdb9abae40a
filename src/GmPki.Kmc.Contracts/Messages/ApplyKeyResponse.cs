namespace GmPki.Kmc.Messages;

/// <summary>
/// The KMC's answer to <see cref="ApplyKeyRequest"/> (GM/T 0014 <c>RetKeyRespond</c>).
/// </summary>
/// <param name="KeyId">The escrowed key's ID, which the CA keeps with the encryption certificate
/// for later recovery and revocation.</param>
/// <param name="EncryptionPublicKey">DER SubjectPublicKeyInfo of the new key pair (<c>retPubKey</c>), for the encryption certificate.</param>
/// <param name="EnvelopedKey">DER GM/T 0009 <c>SM2EnvelopedKey</c> of an SM2 key pair, encrypted to the holder's signing key
/// (<c>retPriKey</c>); null for RSA and ECDSA key pairs, whose delivery is not implemented yet (docs/kmc.md).</param>
public sealed record ApplyKeyResponse(string KeyId, byte[] EncryptionPublicKey, byte[]? EnvelopedKey);
