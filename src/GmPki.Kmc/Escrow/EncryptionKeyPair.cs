using GmPki.Core.Keys;
using GmPki.Cryptography.Keys;
using GmPki.Cryptography.Sm;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Security;

namespace GmPki.Kmc.Escrow;

/// <summary>
/// A freshly generated encryption key pair: DER SubjectPublicKeyInfo (RFC 5280 §4.1.2.7; SM2 as
/// id-ecPublicKey with the named curve <c>1.2.156.10197.1.301</c>, GM/T 0015) and unencrypted
/// PKCS#8 PrivateKeyInfo (RFC 5208), which the caller wipes after sealing it.
/// </summary>
/// <param name="SubjectPublicKeyInfo">DER SubjectPublicKeyInfo.</param>
/// <param name="Pkcs8">DER PrivateKeyInfo.</param>
internal sealed record EncryptionKeyPair(byte[] SubjectPublicKeyInfo, byte[] Pkcs8)
{
    /// <summary>Generates a key pair with the same generators as the CA's own keys (GmPki.Cryptography).</summary>
    public static EncryptionKeyPair Generate(KeyAlgorithm algorithm)
    {
        var (key, pkcs8) = SigningKeys.Generate(algorithm, Sm2UserId.Default);
        return new EncryptionKeyPair(key.SubjectPublicKeyInfo.ToArray(), pkcs8);
    }

    /// <summary>The SM2 private key of an SM2 PKCS#8 structure.</summary>
    public static ECPrivateKeyParameters Sm2PrivateKey(byte[] pkcs8) => (ECPrivateKeyParameters)PrivateKeyFactory.CreateKey(pkcs8);
}
