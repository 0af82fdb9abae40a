using System.Security.Cryptography;
using GmPki.Core.Keys;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.Pkcs;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.Asn1.X9;

namespace GmPki.Cryptography.Keys;

/// <summary>
/// An ECDSA (P-256/P-384) or RSA private key held by .NET's platform cryptography (OpenSSL on
/// Linux). ECDSA signs ecdsa-with-SHA256 on P-256 and ecdsa-with-SHA384 on P-384 (RFC 5758
/// §3.2, DER signatures); RSA signs sha256WithRSAEncryption (RFC 8017 PKCS#1 v1.5).
/// </summary>
internal sealed class DotNetSigningKey : ISigningKey, IDisposable
{
    private readonly AsymmetricAlgorithm _key;
    private readonly Lock _lock = new();
    private readonly HashAlgorithmName _hash;

    public DotNetSigningKey(KeyAlgorithm algorithm, AsymmetricAlgorithm key)
    {
        Algorithm = algorithm;
        _key = key;
        SubjectPublicKeyInfo = key.ExportSubjectPublicKeyInfo();
        (_hash, SignatureAlgorithm) = algorithm switch
        {
            KeyAlgorithm.EcdsaP256 => (HashAlgorithmName.SHA256, new AlgorithmIdentifier(X9ObjectIdentifiers.ECDsaWithSha256).GetDerEncoded()),
            KeyAlgorithm.EcdsaP384 => (HashAlgorithmName.SHA384, new AlgorithmIdentifier(X9ObjectIdentifiers.ECDsaWithSha384).GetDerEncoded()),
            KeyAlgorithm.Rsa2048 or KeyAlgorithm.Rsa3072 or KeyAlgorithm.Rsa4096
                => (HashAlgorithmName.SHA256, new AlgorithmIdentifier(PkcsObjectIdentifiers.Sha256WithRsaEncryption, DerNull.Instance).GetDerEncoded()),
            _ => throw new ArgumentOutOfRangeException(nameof(algorithm), algorithm, "not an ECDSA or RSA algorithm"),
        };
    }

    public KeyAlgorithm Algorithm { get; }

    public ReadOnlyMemory<byte> SubjectPublicKeyInfo { get; }

    public ReadOnlyMemory<byte> SignatureAlgorithm { get; }

    public byte[] Sign(ReadOnlySpan<byte> data)
    {
        lock (_lock)
        {
            return _key switch
            {
                ECDsa ecdsa => ecdsa.SignData(data, _hash, DSASignatureFormat.Rfc3279DerSequence),
                RSA rsa => rsa.SignData(data.ToArray(), _hash, RSASignaturePadding.Pkcs1),
                _ => throw new InvalidOperationException("unexpected key type"),
            };
        }
    }

    public void Dispose() => _key.Dispose();
}
