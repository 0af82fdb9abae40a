using GmPki.Core.Keys;
using GmPki.Enrollment.Est;

namespace GmPki.Enrollment.Tests;

/// <summary>The CSR attributes of a profile (RFC 7030 §4.5.2), in the RFC's example shape.</summary>
public class EstCsrAttributesTests
{
    [Fact]
    public void For_Sm2AmongOthers_NamesSm3WithSm2AndTheSm2Curve()
    {
        var attributes = Org.BouncyCastle.Asn1.Asn1Sequence.GetInstance(EstCsrAttributes.For(new HashSet<KeyAlgorithm> { KeyAlgorithm.EcdsaP256, KeyAlgorithm.Sm2 }));

        attributes[0].ToString().ShouldBe("1.2.156.10197.1.501");
        attributes[1].ToString().ShouldBe("[1.2.840.10045.2.1, [1.2.156.10197.1.301]]");
    }

    [Fact]
    public void For_RsaOnly_NamesSha256WithRsaAndRsaEncryption()
    {
        var attributes = Org.BouncyCastle.Asn1.Asn1Sequence.GetInstance(EstCsrAttributes.For(new HashSet<KeyAlgorithm> { KeyAlgorithm.Rsa2048 }));

        attributes[0].ToString().ShouldBe("1.2.840.113549.1.1.11");
        attributes[1].ToString().ShouldBe("1.2.840.113549.1.1.1");
    }
}
