using GmPki.Cryptography.Sm;
using GmPki.Cryptography.Sm.P256;
using Org.BouncyCastle.Asn1.GM;
using Org.BouncyCastle.Asn1.X9;
using Org.BouncyCastle.Crypto.EC;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Crypto.Signers;
using Org.BouncyCastle.Math;
using Org.BouncyCastle.Security;
using static GmPki.Cryptography.Tests.Sm2P256.Sm2TestMath;

namespace GmPki.Cryptography.Tests.Sm2P256;

/// <summary><see cref="Sm2"/> (the BouncyCastle-typed entry points) running on the engine.</summary>
public class Sm2FacadeTests
{
    private static readonly byte[][] Ids = [Sm2UserId.Default.ToArray(), Sm2UserId.Empty.ToArray(), "alice@example.cn"u8.ToArray()];

    [Fact]
    public void Sign_VerifiedByBouncyCastleSm2SignerForEachId()
    {
        var privateKey = NewKey();
        var publicKey = Sm2.PublicKeyOf(privateKey);
        foreach (var id in Ids)
        {
            var message = System.Text.Encoding.UTF8.GetBytes("证书签发 " + id.Length);
            var signature = Sm2.Sign(privateKey, id, message);

            var verifier = new SM2Signer();
            verifier.Init(false, new ParametersWithID(publicKey, id));
            verifier.BlockUpdate(message, 0, message.Length);
            verifier.VerifySignature(signature).ShouldBeTrue();
            Sm2.Verify(publicKey, id, message, signature).ShouldBeTrue();
        }
    }

    [Fact]
    public void Verify_BouncyCastleSignaturesForEachId_TrueAndTamperedFalse()
    {
        var privateKey = NewKey();
        var publicKey = Sm2.PublicKeyOf(privateKey);
        foreach (var id in Ids)
        {
            var message = new byte[1000];
            Random.Shared.NextBytes(message);
            var signer = new SM2Signer();
            signer.Init(true, new ParametersWithID(new ParametersWithRandom(privateKey, new SecureRandom()), id));
            signer.BlockUpdate(message, 0, message.Length);
            var signature = signer.GenerateSignature();

            Sm2.Verify(publicKey, id, message, signature).ShouldBeTrue();
            message[500] ^= 0x40;
            Sm2.Verify(publicKey, id, message, signature).ShouldBeFalse();
            message[500] ^= 0x40;
            signature[^1] ^= 0x01;
            Sm2.Verify(publicKey, id, message, signature).ShouldBeFalse();
        }
    }

    [Fact]
    public void PublicKeyOf_MatchesBouncyCastleAndIsStablePerKeyObject()
    {
        var privateKey = NewKey();

        var publicKey = Sm2.PublicKeyOf(privateKey);

        publicKey.Q.ShouldBe(Multiply(privateKey.D));
        Sm2.PublicKeyOf(privateKey).Q.ShouldBe(publicKey.Q);
        Sm2.PublicKeyOf(new ECPrivateKeyParameters("EC", privateKey.D, GMObjectIdentifiers.sm2p256v1)).Q.ShouldBe(publicKey.Q);
    }

    [Fact]
    public void Sign_KeyOnAnotherCurveOrOutOfRange_Throws()
    {
        X9ECParameters p256 = CustomNamedCurves.GetByName("P-256");
        var nistKey = new ECPrivateKeyParameters(BigInteger.Three, new ECDomainParameters(p256.Curve, p256.G, p256.N));
        Should.Throw<ArgumentException>(() => Sm2.Sign(nistKey, Sm2UserId.Default.Span, "m"u8));
        Should.Throw<ArgumentException>(() => Sm2.Sign(new ECPrivateKeyParameters(N.Subtract(BigInteger.One), Sm2.Domain), Sm2UserId.Default.Span, "m"u8));
    }

    [Fact]
    public void Verify_PublicKeyOnAnotherCurve_False()
    {
        var privateKey = NewKey();
        var signature = Sm2.Sign(privateKey, Sm2UserId.Default.Span, "m"u8);
        X9ECParameters p256 = CustomNamedCurves.GetByName("P-256");
        var nistPublic = new ECPublicKeyParameters(p256.G.Multiply(BigInteger.Three).Normalize(), new ECDomainParameters(p256.Curve, p256.G, p256.N));

        Sm2.Verify(nistPublic, Sm2UserId.Default.Span, "m"u8, signature).ShouldBeFalse();
        X9ECParameters p384 = CustomNamedCurves.GetByName("P-384");
        var p384Public = new ECPublicKeyParameters(p384.G.Multiply(BigInteger.Three).Normalize(), new ECDomainParameters(p384.Curve, p384.G, p384.N));
        Sm2.Verify(p384Public, Sm2UserId.Default.Span, "m"u8, signature).ShouldBeFalse();
    }

    [Fact]
    public void BridgeComputeZ_MatchesSm2ComputeZForIdsAndKeys()
    {
        var longId = new byte[Sm2UserId.MaxLength];
        Random.Shared.NextBytes(longId);
        for (var i = 0; i < 5; i++)
        {
            var privateKey = NewKey();
            var prepared = Sm2BouncyCastleBridge.Prepare(privateKey, Sm2.Domain);
            foreach (var id in Ids.Append(longId).Append(Ids[0]))
            {
                var expected = Sm2.ComputeZ(Sm2.PublicKeyOf(privateKey).Q, id);
                Sm2BouncyCastleBridge.ComputeZ(prepared.Key.PublicX, prepared.Key.PublicY, id).ShouldBe(expected);
                prepared.GetZ(id).ShouldBe(expected);
                prepared.GetZ(id).ShouldBe(expected);
            }
        }

        Should.Throw<ArgumentException>(() => Sm2BouncyCastleBridge.ComputeZ(new byte[32], new byte[32], new byte[Sm2UserId.MaxLength + 1]));
    }

    private static ECPrivateKeyParameters NewKey()
    {
        var random = new SecureRandom();
        BigInteger d;
        do
        {
            d = new BigInteger(256, random);
        }
        while (d.SignValue == 0 || d.CompareTo(N.Subtract(BigInteger.One)) >= 0);

        return new ECPrivateKeyParameters(d, Sm2.Domain);
    }
}
