using GmPki.Testing;
using GmPki.Verification.Encoding;
using GmPki.Verification.Paths;

namespace GmPki.Verification.Tests;

/// <summary>Paths OpenSSL built: SM2 with the GM/T default signer ID and ECDSA, CRLs, peer names.</summary>
public class OpenSslPathTests
{
    [SkippableTheory]
    [InlineData("sm2")]
    [InlineData("ec")]
    public void Validate_OpenSslChainWithCrls_ValidThenRevoked(string algorithm)
    {
        using var pki = new OpenSslPki(algorithm);
        pki.Issue("leaf", "/C=CN/O=某省政务服务中心/CN=gov.example.cn", extensions: ["basicConstraints = critical, CA:false", "keyUsage = critical, digitalSignature", "subjectAltName = DNS:gov.example.cn"]);
        pki.Issue("other", "/C=CN/CN=other.example.cn", extensions: ["subjectAltName = DNS:other.example.cn"]);
        var request = Request(pki, "leaf") with
        {
            Crls = [.. Read(pki.Crl("root"), PkixEncoding.Crl), .. Read(pki.Crl("intermediate", "other"), PkixEncoding.Crl)],
            Revocation = RevocationMode.Chain,
            PeerName = new PeerName(PeerName.Dns, "gov.example.cn"),
        };

        var valid = PathValidator.Validate(request, TimeProvider.System);
        var revoked = PathValidator.Validate(request with { Certificate = Read(pki.PathOf("other.pem"))[0], PeerName = null }, TimeProvider.System);

        valid.Valid.ShouldBeTrue(valid.Reason);
        valid.Path.Select(p => p.Role).ShouldBe(["end-entity", "intermediate", "trust-anchor"]);
        valid.Path[0].Revocation.ShouldBe("good");
        revoked.Failure.ShouldBe(PathFailure.Revoked);
        revoked.Reason.ShouldNotBeNull().ShouldContain("keyCompromise");
    }

    [SkippableFact]
    public void Validate_Sm2WithAnotherSignerId_SignatureInvalid()
    {
        using var pki = new OpenSslPki("sm2");
        pki.Issue("leaf", "/C=CN/CN=leaf", extensions: ["subjectAltName = DNS:leaf.example.cn"]);

        var result = PathValidator.Validate(Request(pki, "leaf") with { Sm2UserIds = ["another id"u8.ToArray()] }, TimeProvider.System);

        result.Failure.ShouldBe(PathFailure.SignatureInvalid);
    }

    [SkippableFact]
    public void Validate_RevocationRequiredWithoutCrl_RevocationUnknown()
    {
        using var pki = new OpenSslPki("ec");
        pki.Issue("leaf", "/C=CN/CN=leaf", extensions: ["subjectAltName = DNS:leaf.example.cn"]);

        var result = PathValidator.Validate(Request(pki, "leaf") with { Revocation = RevocationMode.Leaf }, TimeProvider.System);

        result.Failure.ShouldBe(PathFailure.RevocationUnknown);
    }

    [SkippableFact]
    public void Validate_WrongPeerNameOrLaterTime_Refused()
    {
        using var pki = new OpenSslPki("ec");
        pki.Issue("leaf", "/C=CN/CN=leaf", extensions: ["subjectAltName = DNS:*.example.cn"]);
        var request = Request(pki, "leaf");

        PathValidator.Validate(request with { PeerName = new PeerName(PeerName.Dns, "www.example.cn") }, TimeProvider.System).Valid.ShouldBeTrue();
        PathValidator.Validate(request with { PeerName = new PeerName(PeerName.Dns, "a.b.example.cn") }, TimeProvider.System).Failure.ShouldBe(PathFailure.NameMismatch);
        PathValidator.Validate(request with { ValidationTime = DateTimeOffset.UtcNow.AddYears(2) }, TimeProvider.System).Failure.ShouldBe(PathFailure.Expired);
        PathValidator.Validate(request with { TrustAnchors = Read(pki.PathOf("intermediate.pem")), Intermediates = [] }, TimeProvider.System).Valid.ShouldBeTrue();
        PathValidator.Validate(request with { Intermediates = [] }, TimeProvider.System).Failure.ShouldBe(PathFailure.NoPath);
    }

    [Fact]
    public void Validate_GarbageCertificate_Malformed()
    {
        var result = PathValidator.Validate(new PathValidationRequest { Certificate = [0x30, 0x03, 0x02, 0x01, 0x01], TrustAnchors = [] }, TimeProvider.System);

        result.Failure.ShouldBe(PathFailure.Malformed);
    }

    /// <summary>A CA certificate whose basicConstraints is CA:TRUE but not critical, as some licensed CAs issue them (issue 15 item 8), as intermediate and as trust anchor.</summary>
    [SkippableTheory]
    [InlineData("sm2")]
    [InlineData("ec")]
    public void Validate_CaWithNonCriticalBasicConstraints_WarningByDefaultAnchorRefusedWhenStrict(string algorithm)
    {
        using var pki = new OpenSslPki(algorithm);
        pki.Issue("lax", "/C=CN/O=某电子认证服务机构/CN=Lax CA", "root", extensions: ["basicConstraints = CA:TRUE", "keyUsage = critical, keyCertSign, cRLSign"]);
        pki.Issue("leaf", "/C=CN/CN=leaf.example.cn", "lax", extensions: ["basicConstraints = critical, CA:false", "subjectAltName = DNS:leaf.example.cn"]);
        OpenSsl.MustRun(pki.Directory, "x509", "-in", "lax.pem", "-noout", "-ext", "basicConstraints").ShouldNotContain("critical");
        var throughLax = Request(pki, "leaf") with { Intermediates = Read(pki.PathOf("lax.pem")) };
        var underLax = throughLax with { TrustAnchors = Read(pki.PathOf("lax.pem")), Intermediates = [] };

        var intermediate = PathValidator.Validate(throughLax, TimeProvider.System);
        var intermediateStrict = PathValidator.Validate(throughLax with { Profile = ValidationProfile.Strict }, TimeProvider.System);
        var anchor = PathValidator.Validate(underLax, TimeProvider.System);
        var anchorStrict = PathValidator.Validate(underLax with { Profile = ValidationProfile.Strict }, TimeProvider.System);
        var critical = PathValidator.Validate(Request(pki, "intermediate") with { Profile = ValidationProfile.Strict }, TimeProvider.System);

        intermediate.Valid.ShouldBeTrue(intermediate.Reason);
        intermediate.Path.Select(p => p.Role).ShouldBe(["end-entity", "intermediate", "trust-anchor"]);
        intermediate.Warnings.ShouldHaveSingleItem().ShouldContain("Lax CA");
        intermediate.Warnings[0].ShouldContain("basicConstraints");
        intermediateStrict.Valid.ShouldBeTrue("RFC 5280 §6.1.4 (k) and PKITS 4.6.4: an intermediate's criticality is not the relying party's concern");
        intermediateStrict.Warnings.Count.ShouldBe(1);
        anchor.Valid.ShouldBeTrue(anchor.Reason);
        anchor.Warnings.ShouldHaveSingleItem().ShouldContain("strict refuses");
        (anchorStrict.Valid, anchorStrict.Failure).ShouldBe((false, PathFailure.NotCa));
        anchorStrict.Reason.ShouldNotBeNull().ShouldContain("Lax CA");
        critical.Valid.ShouldBeTrue(critical.Reason);
        critical.Warnings.ShouldBeEmpty();
    }

    private static PathValidationRequest Request(OpenSslPki pki, string leaf) => new()
    {
        Certificate = Read(pki.PathOf(leaf + ".pem"))[0],
        TrustAnchors = Read(pki.PathOf("root.pem")),
        Intermediates = Read(pki.PathOf("intermediate.pem")),
    };

    private static IReadOnlyList<byte[]> Read(string file, string label = PkixEncoding.Certificate) => PkixEncoding.Decode(File.ReadAllBytes(file), label);
}
