namespace GmPki.Kmc.Messages;

/// <summary>The KMC's answer to <see cref="RecoverKeyRequest"/> (GM/T 0014 <c>RetKeyRespond</c>).</summary>
/// <param name="KeyId">The escrowed key.</param>
/// <param name="EncryptionPublicKey">DER SubjectPublicKeyInfo of the escrowed key pair.</param>
/// <param name="EnvelopedKey">DER GM/T 0009 <c>SM2EnvelopedKey</c> encrypted to the recovery's recipient key.</param>
public sealed record RecoverKeyResponse(string KeyId, byte[] EncryptionPublicKey, byte[] EnvelopedKey);
