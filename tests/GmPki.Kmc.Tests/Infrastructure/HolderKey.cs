using Org.BouncyCastle.Asn1.GM;
using Org.BouncyCastle.Crypto.Generators;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Security;
using Org.BouncyCastle.X509;

namespace GmPki.Kmc.Tests.Infrastructure;

/// <summary>A holder's SM2 signing key pair made in the test (the holder's side of the envelope).</summary>
public sealed record HolderKey(ECPrivateKeyParameters Private, byte[] SubjectPublicKeyInfo)
{
    public static HolderKey Generate()
    {
        var generator = new ECKeyPairGenerator("EC");
        generator.Init(new ECKeyGenerationParameters(GMObjectIdentifiers.sm2p256v1, new SecureRandom()));
        var pair = generator.GenerateKeyPair();
        return new HolderKey((ECPrivateKeyParameters)pair.Private, SubjectPublicKeyInfoFactory.CreateSubjectPublicKeyInfo(pair.Public).GetDerEncoded());
    }
}
