using System.Security.Cryptography;
using GmPki.Core.Keys;
using GmPki.Cryptography.Sm;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.GM;
using Org.BouncyCastle.Asn1.Pkcs;
using Org.BouncyCastle.Asn1.Sec;
using Org.BouncyCastle.Asn1.X9;
using Org.BouncyCastle.Crypto.Generators;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Pkcs;
using Org.BouncyCastle.Security;

namespace GmPki.Cryptography.Keys;

/// <summary>Creates <see cref="ISigningKey"/> instances from PKCS#8 and generates new keys (SM2 with BouncyCastle on sm2p256v1, ECDSA and RSA with .NET).</summary>
public static class SigningKeys
{
    /// <summary>Generates a key pair; returns the key and its unencrypted PKCS#8 DER (caller must wipe it).</summary>
    public static (ISigningKey Key, byte[] Pkcs8) Generate(KeyAlgorithm algorithm, ReadOnlyMemory<byte> sm2UserId)
    {
        switch (algorithm)
        {
            case KeyAlgorithm.Sm2:
                var generator = new ECKeyPairGenerator("EC");
                generator.Init(new ECKeyGenerationParameters(GMObjectIdentifiers.sm2p256v1, new SecureRandom()));
                var pair = generator.GenerateKeyPair();
                var privateKey = (ECPrivateKeyParameters)pair.Private;
                var pkcs8 = PrivateKeyInfoFactory.CreatePrivateKeyInfo(privateKey).GetDerEncoded();
                return (new Sm2SigningKey(privateKey, sm2UserId), pkcs8);
            case KeyAlgorithm.EcdsaP256 or KeyAlgorithm.EcdsaP384:
                var ecdsa = ECDsa.Create(algorithm == KeyAlgorithm.EcdsaP256 ? ECCurve.NamedCurves.nistP256 : ECCurve.NamedCurves.nistP384);
                return (new DotNetSigningKey(algorithm, ecdsa), ecdsa.ExportPkcs8PrivateKey());
            case KeyAlgorithm.Rsa2048 or KeyAlgorithm.Rsa3072 or KeyAlgorithm.Rsa4096:
                var rsa = RSA.Create(algorithm switch { KeyAlgorithm.Rsa2048 => 2048, KeyAlgorithm.Rsa3072 => 3072, _ => 4096 });
                return (new DotNetSigningKey(algorithm, rsa), rsa.ExportPkcs8PrivateKey());
            default:
                throw new ArgumentOutOfRangeException(nameof(algorithm), algorithm, null);
        }
    }

    /// <summary>Opens an unencrypted PKCS#8 PrivateKeyInfo (RFC 5208).</summary>
    /// <exception cref="CryptographicException">The structure is malformed or holds an unsupported key.</exception>
    public static ISigningKey FromPkcs8(ReadOnlySpan<byte> pkcs8, ReadOnlyMemory<byte> sm2UserId)
    {
        PrivateKeyInfo info;
        try
        {
            info = PrivateKeyInfo.GetInstance(Asn1Object.FromByteArray(pkcs8.ToArray()));
        }
        catch (Exception e) when (e is ArgumentException or IOException or InvalidCastException)
        {
            throw new CryptographicException("The private key is not a valid PKCS#8 structure.", e);
        }

        var oid = info.PrivateKeyAlgorithm.Algorithm;
        if (oid.Equals(PkcsObjectIdentifiers.RsaEncryption))
        {
            var rsa = RSA.Create();
            rsa.ImportPkcs8PrivateKey(pkcs8, out _);
            return new DotNetSigningKey(rsa.KeySize switch
            {
                2048 => KeyAlgorithm.Rsa2048,
                3072 => KeyAlgorithm.Rsa3072,
                4096 => KeyAlgorithm.Rsa4096,
                var size => throw new CryptographicException($"RSA key of {size} bits is not supported."),
            }, rsa);
        }

        if (oid.Equals(X9ObjectIdentifiers.IdECPublicKey) && info.PrivateKeyAlgorithm.Parameters is DerObjectIdentifier curve)
        {
            if (curve.Equals(GMObjectIdentifiers.sm2p256v1))
            {
                var d = ECPrivateKeyStructure.GetInstance(info.ParsePrivateKey()).GetKey();
                return new Sm2SigningKey(new ECPrivateKeyParameters("EC", d, Sm2.Domain), sm2UserId);
            }

            if (curve.Equals(SecObjectIdentifiers.SecP256r1) || curve.Equals(SecObjectIdentifiers.SecP384r1))
            {
                var ecdsa = ECDsa.Create();
                ecdsa.ImportPkcs8PrivateKey(pkcs8, out _);
                return new DotNetSigningKey(curve.Equals(SecObjectIdentifiers.SecP256r1) ? KeyAlgorithm.EcdsaP256 : KeyAlgorithm.EcdsaP384, ecdsa);
            }
        }

        throw new CryptographicException($"Private key algorithm {oid.Id} is not supported.");
    }
}
