using GmPki.Core.Keys;
using GmPki.Cryptography.Sm;
using Org.BouncyCastle.Asn1.GM;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.X509;

namespace GmPki.Cryptography.Keys;

/// <summary>An SM2 private key in process memory, signing SM3withSM2 with a fixed user ID.</summary>
internal sealed class Sm2SigningKey : ISigningKey
{
    private static readonly byte[] Sm3WithSm2 = new AlgorithmIdentifier(GMObjectIdentifiers.sm2sign_with_sm3).GetDerEncoded();
    private readonly ECPrivateKeyParameters _privateKey;
    private readonly byte[] _userId;

    public Sm2SigningKey(ECPrivateKeyParameters privateKey, ReadOnlyMemory<byte> userId)
    {
        _privateKey = new ECPrivateKeyParameters("EC", privateKey.D, GMObjectIdentifiers.sm2p256v1);
        _userId = userId.ToArray();
        PublicKey = Sm2.PublicKeyOf(_privateKey);
        SubjectPublicKeyInfo = SubjectPublicKeyInfoFactory.CreateSubjectPublicKeyInfo(PublicKey).GetDerEncoded();
    }

    public KeyAlgorithm Algorithm => KeyAlgorithm.Sm2;

    public ReadOnlyMemory<byte> SubjectPublicKeyInfo { get; }

    public ReadOnlyMemory<byte> SignatureAlgorithm => Sm3WithSm2;

    /// <summary>The public half.</summary>
    public ECPublicKeyParameters PublicKey { get; }

    public byte[] Sign(ReadOnlySpan<byte> data) => Sm2.Sign(_privateKey, _userId, data);
}
