using System.Text;
using GmPki.Cryptography.Sm;
using GmPki.Cryptography.Sm.P256;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Crypto.Signers;
using Org.BouncyCastle.Math;
using Org.BouncyCastle.Math.EC;
using Org.BouncyCastle.Security;
using static GmPki.Cryptography.Tests.Sm2P256.Sm2TestMath;

namespace GmPki.Cryptography.Tests.Sm2P256;

public class Sm2EngineTests
{
    private static readonly BigInteger VectorD = new("3945208F7B2144B13F36E38AC6D39F95889393692860B51A42FB81EF4DF7C5B8", 16);

    private static readonly byte[][] Ids = [Sm2UserId.Default.ToArray(), Sm2UserId.Empty.ToArray()];

    [Fact]
    public void TrySignWithK_GbT32918Part5AnnexA_MatchesStandardSignature()
    {
        var key = Sm2PrivateKey.Create(ToBytes32(VectorD));
        var z = Sm2.ComputeZ(PointOf(key), Sm2UserId.Default.Span);
        Convert.ToHexString(z).ShouldBe("B2E14C5C79C6DF5B85F4FE7ED8DB7A262B9DA7E07CCB0EA9F4747B8CCDA8A4F3");
        var e = Sm2BouncyCastleBridge.Digest(z, Encoding.ASCII.GetBytes("message digest"));
        var rs = new byte[64];

        Sm2Engine.TrySignWithK(key, e, Convert.FromHexString("59276E27D506861A16680F3AD9C02DCCEF3CC1FA3CDBE4CE6D54B80DEAC1BC21"), rs).ShouldBeTrue();

        Convert.ToHexString(rs[..32]).ShouldBe("F5A03B0648D2C4630EEAC513E1BB81A15944DA3827D5B74143AC7EACEEE720B3");
        Convert.ToHexString(rs[32..]).ShouldBe("B1B6AA29DF212FD8763182BC0D421CA1BB9038FD1F7F42D4840B69C485BBC1AA");
        Sm2Engine.Verify(key.PublicX, key.PublicY, e, rs.AsSpan(0, 32), rs.AsSpan(32)).ShouldBeTrue();
    }

    [Fact]
    public void TrySignWithK_KOutOfRange_FalseAndCleared()
    {
        var key = Sm2PrivateKey.Create(ToBytes32(VectorD));
        var rs = Enumerable.Repeat((byte)0xAA, 64).ToArray();
        var e = new byte[32];

        Sm2Engine.TrySignWithK(key, e, new byte[32], rs).ShouldBeFalse();
        Sm2Engine.TrySignWithK(key, e, ToBytes32(N), rs).ShouldBeFalse();
        Sm2Engine.TrySignWithK(key, e, ToBytes32(Mask256), rs).ShouldBeFalse();
        Sm2Engine.TrySignWithK(key, e, ToBytes32(N.Subtract(BigInteger.One)), rs).ShouldBeTrue();
    }

    [Fact]
    public void TrySignWithK_RPlusKEqualsN_Rejected()
    {
        // Choose e so that r = (e + x1) mod n = n − k for k = 7.
        var key = Sm2PrivateKey.Create(ToBytes32(VectorD));
        var k = BigInteger.ValueOf(7);
        var x1 = Multiply(k).AffineXCoord.ToBigInteger();
        var e = N.Subtract(k).Subtract(x1).Mod(N);
        var rs = new byte[64];

        Sm2Engine.TrySignWithK(key, ToBytes32(e), ToBytes32(k), rs).ShouldBeFalse();

        // And r = 0.
        Sm2Engine.TrySignWithK(key, ToBytes32(N.Subtract(x1.Mod(N)).Mod(N)), ToBytes32(k), rs).ShouldBeFalse();
        Sm2Engine.TrySignWithK(key, ToBytes32(e.Add(BigInteger.One).Mod(N)), ToBytes32(k), rs).ShouldBeTrue();
    }

    [Fact]
    public void PublicKey_RandomAndEdgeKeys_MatchBouncyCastle()
    {
        foreach (var d in Keys(40).Append(BigInteger.One).Append(N.Subtract(BigInteger.Two)))
        {
            var key = Sm2PrivateKey.Create(ToBytes32(d));
            PointOf(key).ShouldBe(Multiply(d), d.ToString(16));
        }
    }

    [Fact]
    public void Create_KeyOutOfRange_Throws()
    {
        foreach (var d in new[] { BigInteger.Zero, N.Subtract(BigInteger.One), N, N.Add(BigInteger.One), Mask256 })
        {
            Should.Throw<ArgumentException>(() => Sm2PrivateKey.Create(ToBytes32(d)));
        }
    }

    [Fact]
    public void Sign_EngineSignatures_VerifiedByBouncyCastleWithBothIds()
    {
        var random = new Random(11);
        foreach (var d in Keys(12))
        {
            var key = Sm2PrivateKey.Create(ToBytes32(d));
            var publicKey = new ECPublicKeyParameters(PointOf(key), Sm2.Domain);
            foreach (var id in Ids)
            {
                var message = new byte[random.Next(0, 300)];
                random.NextBytes(message);
                var e = Sm2BouncyCastleBridge.Digest(Sm2.ComputeZ(publicKey.Q, id), message);

                var signature = Sm2Engine.Sign(key, e);

                BouncyCastleVerify(publicKey, id, message, signature).ShouldBeTrue();
                Sm2Engine.Verify(key.PublicX, key.PublicY, e, signature).ShouldBeTrue();
                var otherId = id.Length == 0 ? Sm2UserId.Default.ToArray() : [];
                BouncyCastleVerify(publicKey, otherId, message, signature).ShouldBeFalse();
            }
        }
    }

    [Fact]
    public void Verify_BouncyCastleSignatures_AcceptedWithBothIds()
    {
        var random = new Random(12);
        foreach (var d in Keys(12))
        {
            var privateKey = new ECPrivateKeyParameters(d, Sm2.Domain);
            var key = Sm2PrivateKey.Create(ToBytes32(d));
            foreach (var id in Ids)
            {
                var message = new byte[random.Next(0, 300)];
                random.NextBytes(message);
                var signer = new SM2Signer();
                signer.Init(true, new ParametersWithID(new ParametersWithRandom(privateKey, new SecureRandom()), id));
                signer.BlockUpdate(message, 0, message.Length);
                var signature = signer.GenerateSignature();
                var e = Sm2BouncyCastleBridge.Digest(Sm2.ComputeZ(PointOf(key), id), message);

                Sm2Engine.Verify(key.PublicX, key.PublicY, e, signature).ShouldBeTrue();

                var tamperedMessage = message.Append((byte)1).ToArray();
                Sm2Engine.Verify(key.PublicX, key.PublicY, Sm2BouncyCastleBridge.Digest(Sm2.ComputeZ(PointOf(key), id), tamperedMessage), signature).ShouldBeFalse();
            }
        }
    }

    [Fact]
    public void Verify_TamperedOrOutOfRangeSignatures_Rejected()
    {
        var d = Keys(1).Single();
        var key = Sm2PrivateKey.Create(ToBytes32(d));
        var e = new byte[32];
        RandomNumberGeneratorFill(e);
        var (r, s) = Decode(Sm2Engine.Sign(key, e));
        Sm2Engine.Verify(key.PublicX, key.PublicY, e, Encode(r, s)).ShouldBeTrue();

        var one = BigInteger.One;
        var bad = new (BigInteger R, BigInteger S)[]
        {
            (r.Add(one), s), (r, s.Add(one)), (r.Subtract(one), s), (s, r),
            (BigInteger.Zero, s), (r, BigInteger.Zero), (N, s), (r, N), (r.Add(N), s), (r, s.Add(N)),
            (Mask256, s), (r, Mask256), (r, N.Subtract(r)), (N.Subtract(one), N.Subtract(one)),
        };
        foreach (var (badR, badS) in bad)
        {
            if (badR.BitLength <= 256 && badS.BitLength <= 256)
            {
                Sm2Engine.Verify(key.PublicX, key.PublicY, e, ToBytes32(badR), ToBytes32(badS)).ShouldBeFalse($"r={badR.ToString(16)} s={badS.ToString(16)}");
            }

            Sm2Engine.Verify(key.PublicX, key.PublicY, e, Encode(badR, badS)).ShouldBeFalse();
        }

        var tampered = (byte[])e.Clone();
        tampered[31] ^= 1;
        Sm2Engine.Verify(key.PublicX, key.PublicY, tampered, Encode(r, s)).ShouldBeFalse();

        // Wrong key, off-curve key, non-canonical coordinates.
        var other = Sm2PrivateKey.Create(ToBytes32(d.Add(one)));
        Sm2Engine.Verify(other.PublicX, other.PublicY, e, Encode(r, s)).ShouldBeFalse();
        var offCurveY = ToBytes32(new BigInteger(1, key.PublicY).Add(one).Mod(P));
        Sm2Engine.Verify(key.PublicX, offCurveY, e, Encode(r, s)).ShouldBeFalse();
        var unreducedX = ToBytes32(new BigInteger(1, key.PublicX).Add(P).Mod(R));
        Sm2Engine.Verify(unreducedX, key.PublicY, e, Encode(r, s)).ShouldBeFalse();
    }

    [Fact]
    public void Verify_MalformedDer_RejectedLikeBouncyCastle()
    {
        var key = Sm2PrivateKey.Create(ToBytes32(Keys(1).Single()));
        var e = new byte[32];
        var good = Sm2Engine.Sign(key, e);
        var (r, s) = Decode(good);
        var rBytes = r.ToByteArray();
        var sBytes = s.ToByteArray();
        List<byte[]> variants =
        [
            [],
            [0x30, 0x00],
            good.Append((byte)0).ToArray(),
            good[..^1],
            [0x31, .. good[1..]],
            [good[0], (byte)(good[1] + 1), .. good[2..], 0],
            [0x30, (byte)(rBytes.Length + sBytes.Length + 5), 0x02, (byte)(rBytes.Length + 1), 0x00, .. rBytes, 0x02, (byte)sBytes.Length, .. sBytes],
            [0x30, 0x81, (byte)(good.Length - 2), .. good[2..]],
            [0x30, (byte)(good.Length - 2 + 3), .. good[2..], 0x02, 0x01, 0x01],
            [0x30, 0x06, 0x02, 0x01, 0x80, 0x02, 0x01, 0x01],
            [0x30, 0x06, 0x02, 0x01, 0x01, 0x02, 0x01, 0x01],
        ];

        Sm2Engine.Verify(key.PublicX, key.PublicY, e, good).ShouldBeTrue();
        foreach (var variant in variants)
        {
            Sm2Engine.Verify(key.PublicX, key.PublicY, e, variant).ShouldBeFalse(Convert.ToHexString(variant));
            var rOut = new byte[32];
            var sOut = new byte[32];
            var oursDecodes = Sm2SignatureDer.TryDecode(variant, rOut, sOut)
                && new BigInteger(1, rOut).CompareTo(N) < 0 && new BigInteger(1, sOut).CompareTo(N) < 0;
            oursDecodes.ShouldBe(BouncyCastleDecodes(variant), Convert.ToHexString(variant));
        }
    }

    [Fact]
    public void SignatureDer_RoundTripsAndMatchesBouncyCastleEncoding()
    {
        var values = new[] { BigInteger.One, BigInteger.ValueOf(0x7F), BigInteger.ValueOf(0x80), BigInteger.ValueOf(0xFF00), N.Subtract(BigInteger.One), BigInteger.One.ShiftLeft(255), BigInteger.One.ShiftLeft(248) };
        foreach (var r in values)
        {
            foreach (var s in values)
            {
                var der = Sm2SignatureDer.Encode(ToBytes32(r), ToBytes32(s));
                der.ShouldBe(StandardDsaEncoding.Instance.Encode(N, r, s));
                var rOut = new byte[32];
                var sOut = new byte[32];
                Sm2SignatureDer.TryDecode(der, rOut, sOut).ShouldBeTrue();
                new BigInteger(1, rOut).ShouldBe(r);
                new BigInteger(1, sOut).ShouldBe(s);
            }
        }
    }

    [Fact]
    public void Sign_ExplicitRandomSource_DrawsKFromIt()
    {
        var key = Sm2PrivateKey.Create(ToBytes32(VectorD));
        var e = new byte[32];
        var draws = 0;
        var k = ToBytes32(BigInteger.ValueOf(12345));
        var rejected = ToBytes32(N);

        var signature = Sm2Engine.Sign(key, e, destination => (draws++ == 0 ? rejected : k).CopyTo(destination));

        draws.ShouldBe(2);
        var expected = new byte[64];
        Sm2Engine.TrySignWithK(key, e, k, expected).ShouldBeTrue();
        signature.ShouldBe(Sm2SignatureDer.Encode(expected.AsSpan(0, 32), expected.AsSpan(32)));
    }

    internal static ECPoint PointOf(Sm2PrivateKey key) => Curve.Curve.CreatePoint(new BigInteger(1, key.PublicX), new BigInteger(1, key.PublicY));

    private static bool BouncyCastleVerify(ECPublicKeyParameters publicKey, byte[] id, byte[] message, byte[] signature)
    {
        var verifier = new SM2Signer();
        verifier.Init(false, new ParametersWithID(publicKey, id));
        verifier.BlockUpdate(message, 0, message.Length);
        return verifier.VerifySignature(signature);
    }

    private static bool BouncyCastleDecodes(byte[] der)
    {
        try
        {
            StandardDsaEncoding.Instance.Decode(N, der);
            return true;
        }
        catch (Exception e) when (e is not ShouldAssertException) // as SM2Signer.VerifySignature: BC throws several types here
        {
            return false;
        }
    }

    private static IEnumerable<BigInteger> Keys(int count)
    {
        var random = new SecureRandom();
        for (var i = 0; i < count; i++)
        {
            BigInteger d;
            do
            {
                d = new BigInteger(256, random);
            }
            while (d.SignValue == 0 || d.CompareTo(N.Subtract(BigInteger.One)) >= 0);

            yield return d;
        }
    }

    private static void RandomNumberGeneratorFill(byte[] bytes) => System.Security.Cryptography.RandomNumberGenerator.Fill(bytes);

    private static (BigInteger R, BigInteger S) Decode(byte[] der)
    {
        var sequence = Asn1Sequence.GetInstance(der);
        return (DerInteger.GetInstance(sequence[0]).Value, DerInteger.GetInstance(sequence[1]).Value);
    }

    private static byte[] Encode(BigInteger r, BigInteger s) => new DerSequence(new DerInteger(r), new DerInteger(s)).GetDerEncoded();
}
