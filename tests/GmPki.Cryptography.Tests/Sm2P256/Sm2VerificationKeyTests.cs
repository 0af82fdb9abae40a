using GmPki.Cryptography.Sm;
using GmPki.Cryptography.Sm.P256;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Crypto.Signers;
using Org.BouncyCastle.Math;
using Org.BouncyCastle.Security;
using static GmPki.Cryptography.Tests.Sm2P256.Sm2TestMath;

namespace GmPki.Cryptography.Tests.Sm2P256;

public class Sm2VerificationKeyTests
{
    [Fact]
    public void PublicKeyTable_MulVartime_MatchesBouncyCastle()
    {
        var random = new Random(31);
        var bytes = new byte[32];
        foreach (var q in new[] { Curve.G, Multiply(new BigInteger("123456789ABCDEF0123456789ABCDEF", 16)) })
        {
            var table = Sm2PublicKeyTable.Build(ToAffine(q));
            var scalars = Sm2PointTests.EdgeScalars().ToList();
            for (var i = 0; i < 40; i++)
            {
                random.NextBytes(bytes);
                scalars.Add(new BigInteger(1, bytes).Mod(N));
            }

            foreach (var t in scalars)
            {
                table.MulVartime(ToU256(t), out var point);
                ToBcPoint(point).ShouldBe(q.Multiply(t).Normalize(), t.ToString(16));
            }

            table.MulVartime(ToU256(N), out var order);
            Sm2Point.IsInfinityVartime(order).ShouldBeTrue();
        }
    }

    [Fact]
    public void PublicKeyTable_Recode_DigitsSumToScalar()
    {
        var random = new Random(32);
        var bytes = new byte[32];
        for (var i = 0; i < 200; i++)
        {
            random.NextBytes(bytes);
            var t = i == 0 ? Mask256 : new BigInteger(1, bytes);
            var sum = BigInteger.Zero;
            for (var window = 0; window < 65; window++)
            {
                var (digit, negative) = Sm2PublicKeyTable.Recode(ToU256(t), window);
                digit.ShouldBeInRange(0, 8);
                var term = BigInteger.ValueOf(digit).ShiftLeft(4 * window);
                sum = negative ? sum.Subtract(term) : sum.Add(term);
            }

            sum.ShouldBe(t);
        }
    }

    [Fact]
    public void Verify_SameKeyObjectBeyondPromotion_StaysCorrect()
    {
        var d = new BigInteger(256, new SecureRandom()).Mod(N.Subtract(BigInteger.Two)).Add(BigInteger.One);
        var privateKey = new ECPrivateKeyParameters(d, Sm2.Domain);
        var publicKey = Sm2.PublicKeyOf(privateKey);
        var key = Sm2BouncyCastleBridge.PrepareVerification(publicKey).ShouldNotBeNull();

        for (var i = 0; i < Sm2VerificationKey.PromotionThreshold + 4; i++)
        {
            var message = BitConverter.GetBytes(i);
            var signer = new SM2Signer();
            signer.Init(true, new ParametersWithID(new ParametersWithRandom(privateKey, new SecureRandom()), Sm2UserId.Default.ToArray()));
            signer.BlockUpdate(message, 0, message.Length);
            var signature = signer.GenerateSignature();

            Sm2.Verify(publicKey, Sm2UserId.Default.Span, message, signature).ShouldBeTrue($"use {i}");
            Sm2.Verify(publicKey, Sm2UserId.Default.Span, BitConverter.GetBytes(i + 1), signature).ShouldBeFalse($"use {i}");
            Sm2.Verify(publicKey, Sm2UserId.Empty.Span, message, signature).ShouldBeFalse($"use {i}");
            Sm2.Verify(publicKey, Sm2UserId.Default.Span, message, Sm2.Sign(privateKey, Sm2UserId.Empty.Span, message)).ShouldBeFalse($"use {i}");
        }

        key.IsPromoted.ShouldBeTrue();
        Sm2BouncyCastleBridge.PrepareVerification(publicKey).ShouldBeSameAs(key);
    }

    [Fact]
    public void PrepareVerification_InfinityOrOffCurve_Null()
    {
        Sm2BouncyCastleBridge.PrepareVerification(new ECPublicKeyParameters(Curve.G.Multiply(BigInteger.Two).Normalize(), Sm2.Domain)).ShouldNotBeNull();
        Sm2VerificationKey.TryCreate(ToBytes32(BigInteger.One), ToBytes32(BigInteger.One)).ShouldBeNull();
        Sm2VerificationKey.TryCreate(ToBytes32(P), ToBytes32(BigInteger.One)).ShouldBeNull();
    }
}
