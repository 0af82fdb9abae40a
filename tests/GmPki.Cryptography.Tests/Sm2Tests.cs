using System.Text;
using GmPki.Cryptography.Sm;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Math;

namespace GmPki.Cryptography.Tests;

public class Sm2Tests
{
    private static readonly ECPrivateKeyParameters VectorKey =
        new("EC", new BigInteger("3945208F7B2144B13F36E38AC6D39F95889393692860B51A42FB81EF4DF7C5B8", 16), Sm2.Domain);

    [Fact]
    public void ComputeZ_GbT32918Part5AnnexA_MatchesStandard()
    {
        var z = Sm2.ComputeZ(Sm2.PublicKeyOf(VectorKey).Q, Sm2UserId.Default.Span);

        Convert.ToHexString(z).ShouldBe("B2E14C5C79C6DF5B85F4FE7ED8DB7A262B9DA7E07CCB0EA9F4747B8CCDA8A4F3");
    }

    [Fact]
    public void Sign_GbT32918Part5AnnexAWithFixedK_MatchesStandardSignature()
    {
        var k = Convert.FromHexString("59276E27D506861A16680F3AD9C02DCCEF3CC1FA3CDBE4CE6D54B80DEAC1BC21");

        var signature = Sm2.Sign(VectorKey, Sm2UserId.Default.Span, Encoding.ASCII.GetBytes("message digest"), new FixedRandom(k));

        var sequence = Org.BouncyCastle.Asn1.Asn1Sequence.GetInstance(signature);
        Org.BouncyCastle.Asn1.DerInteger.GetInstance(sequence[0]).Value.ToString(16).ToUpperInvariant()
            .ShouldBe("F5A03B0648D2C4630EEAC513E1BB81A15944DA3827D5B74143AC7EACEEE720B3");
        Org.BouncyCastle.Asn1.DerInteger.GetInstance(sequence[1]).Value.ToString(16).ToUpperInvariant()
            .ShouldBe("B1B6AA29DF212FD8763182BC0D421CA1BB9038FD1F7F42D4840B69C485BBC1AA");
    }

    [Fact]
    public void Verify_SameId_TrueAndOtherIdOrMessage_False()
    {
        var publicKey = Sm2.PublicKeyOf(VectorKey);
        var message = "政务电子认证"u8.ToArray();
        var signature = Sm2.Sign(VectorKey, Sm2UserId.Default.Span, message);

        Sm2.Verify(publicKey, Sm2UserId.Default.Span, message, signature).ShouldBeTrue();
        Sm2.Verify(publicKey, Sm2UserId.Empty.Span, message, signature).ShouldBeFalse();
        Sm2.Verify(publicKey, Sm2UserId.Default.Span, "other"u8, signature).ShouldBeFalse();
        Sm2.Verify(publicKey, Sm2UserId.Default.Span, message, [0x30, 0x00]).ShouldBeFalse();
    }

    [Fact]
    public void ComputeZ_IdTooLong_Throws()
    {
        Should.Throw<ArgumentException>(() => Sm2.ComputeZ(Sm2.PublicKeyOf(VectorKey).Q, new byte[Sm2UserId.MaxLength + 1]));
    }
}
