using GmPki.Testing;
using GmPki.Verification.Encoding;
using GmPki.Verification.Signatures;

namespace GmPki.Verification.Tests;

/// <summary>CMS (RFC 5652, GM/T 0010) and raw SM2 signatures made by OpenSSL and BouncyCastle, verified by GmPki.</summary>
public class SignatureVerificationTests
{
    private static readonly byte[] Document = "关于开展电子政务电子认证服务的通知"u8.ToArray();
    private static readonly string[] Attached = ["-nodetach"];

    [SkippableTheory]
    [InlineData(false)]
    [InlineData(true)]
    public void Cms_OpenSslEcdsaSignature_ValidAndTamperingDetected(bool detached)
    {
        using var pki = new OpenSslPki("ec");
        pki.Issue("signer", "/C=CN/CN=签名人", extensions: ["keyUsage = critical, digitalSignature, nonRepudiation"]);
        File.WriteAllBytes(pki.PathOf("document"), Document);
        OpenSsl.MustRun(pki.Directory, ["cms", "-sign", "-binary", "-md", "sha256", "-in", "document", "-signer", "signer.pem", "-inkey", "signer.key",
            "-certfile", "intermediate.pem", "-outform", "DER", "-out", "document.p7s", .. detached ? [] : Attached]);
        var cms = File.ReadAllBytes(pki.PathOf("document.p7s"));
        var trust = Trust(pki);

        var result = CmsVerifier.Verify(cms, detached ? Document : null, trust, TimeProvider.System);
        var tampered = CmsVerifier.Verify(cms, [.. Document, 0x20], trust, TimeProvider.System);

        result.Valid.ShouldBeTrue(result.Reason);
        result.Detached.ShouldBe(detached);
        result.Signers.Single().Subject.ShouldBe("C=CN,CN=签名人");
        result.Signers.Single().DigestAlgorithm.ShouldBe("SHA-256");
        result.Signers.Single().Certificate.ShouldNotBeNull().Valid.ShouldBeTrue();
        result.Signers.Single().SigningTime.ShouldNotBeNull();
        tampered.Failure.ShouldBe(SignatureFailure.ContentMismatch);
    }

    [SkippableTheory]
    [InlineData(true, false)]
    [InlineData(true, true)]
    [InlineData(false, false)]
    public void Cms_Gmt0010Sm2SignatureFromBouncyCastle_Valid(bool gmOids, bool detached)
    {
        using var pki = new OpenSslPki("sm2");
        var certificate = Read(pki.Issue("signer", "/C=CN/CN=张三", extensions: ["keyUsage = critical, digitalSignature"]));
        var cms = Gmt0010Signer.Sign(pki.PathOf("signer.key"), certificate, Document, detached, gmOids);

        var result = CmsVerifier.Verify(cms, detached ? Document : null, Trust(pki), TimeProvider.System);

        result.Valid.ShouldBeTrue(result.Reason);
        result.ContentType.ShouldBe(gmOids ? "1.2.156.10197.6.1.4.2.1" : "1.2.840.113549.1.7.1");
        result.Signers.Single().SignatureAlgorithm.ShouldBe("SM3withSM2");
    }

    [SkippableFact]
    public void Cms_Failures_ReportedWithCodes()
    {
        using var pki = new OpenSslPki("sm2");
        var certificate = Read(pki.Issue("signer", "/C=CN/CN=张三", extensions: ["keyUsage = critical, keyEncipherment"]));
        var detached = Gmt0010Signer.Sign(pki.PathOf("signer.key"), certificate, Document, detached: true);

        CmsVerifier.Verify(detached, null, Trust(pki), TimeProvider.System).Failure.ShouldBe(SignatureFailure.ContentMismatch);
        CmsVerifier.Verify(detached, Document, Trust(pki), TimeProvider.System).Failure.ShouldBe(SignatureFailure.CertificateInvalid);
        CmsVerifier.Verify(detached, Document, new TrustSettings { Sm2UserIds = ["other"u8.ToArray()] }, TimeProvider.System).Failure.ShouldBe(SignatureFailure.SignatureInvalid);
        CmsVerifier.Verify([0x30, 0x00], Document, Trust(pki), TimeProvider.System).Failure.ShouldBe(SignatureFailure.Malformed);
        var untrusted = CmsVerifier.Verify(detached, Document, new TrustSettings(), TimeProvider.System);
        untrusted.Signers.Single().SignatureValid.ShouldBeTrue();
        untrusted.Signers.Single().Certificate.ShouldBeNull();
    }

    [SkippableFact]
    public void Raw_OpenSslSm2SignatureWithDefaultId_ValidOnlyWithThatId()
    {
        using var pki = new OpenSslPki("sm2");
        var certificate = Read(pki.Issue("signer", "/C=CN/CN=张三", extensions: ["keyUsage = critical, digitalSignature"]));
        File.WriteAllBytes(pki.PathOf("message"), Document);
        OpenSsl.MustRun(pki.Directory, "pkeyutl", "-sign", "-rawin", "-digest", "sm3", "-pkeyopt", "distid:1234567812345678", "-inkey", "signer.key", "-in", "message", "-out", "message.sig");
        var signature = File.ReadAllBytes(pki.PathOf("message.sig"));
        var defaultId = "1234567812345678"u8.ToArray();

        var valid = RawSignatureVerifier.Verify(Document, signature, certificate, null, defaultId, Trust(pki), TimeProvider.System);
        var otherId = RawSignatureVerifier.Verify(Document, signature, certificate, null, "alice@example.cn"u8.ToArray(), Trust(pki), TimeProvider.System);
        var rs = RawSignatureVerifier.Verify(Document, RawRs(signature), certificate, null, defaultId, Trust(pki), TimeProvider.System);

        valid.Valid.ShouldBeTrue(valid.Reason);
        valid.Signers.Single().Certificate.ShouldNotBeNull().Valid.ShouldBeTrue();
        otherId.Failure.ShouldBe(SignatureFailure.SignatureInvalid);
        rs.Valid.ShouldBeTrue(rs.Reason);
    }

    private static TrustSettings Trust(OpenSslPki pki) => new()
    {
        TrustAnchors = PkixEncoding.Decode(File.ReadAllBytes(pki.PathOf("root.pem")), PkixEncoding.Certificate),
        Intermediates = PkixEncoding.Decode(File.ReadAllBytes(pki.PathOf("intermediate.pem")), PkixEncoding.Certificate),
    };

    private static byte[] Read(string pem) => PkixEncoding.Decode(File.ReadAllBytes(pem), PkixEncoding.Certificate)[0];

    private static byte[] RawRs(byte[] der)
    {
        var sequence = (Org.BouncyCastle.Asn1.Asn1Sequence)Org.BouncyCastle.Asn1.Asn1Object.FromByteArray(der);
        return [.. sequence.Cast<Org.BouncyCastle.Asn1.DerInteger>().SelectMany(i => i.PositiveValue.ToByteArrayUnsigned().PadLeft(32))];
    }
}

internal static class ByteArrays
{
    public static byte[] PadLeft(this byte[] value, int length) => [.. new byte[length - value.Length], .. value];
}
