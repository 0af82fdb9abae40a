using GmPki.Cryptography.Signing;
using GmPki.Testing;

namespace GmPki.Cryptography.Tests;

/// <summary>Relying-party keys: parsed without issuance policy and checked against signatures OpenSSL made.</summary>
public class VerificationKeyTests
{
    [SkippableTheory]
    [InlineData("-algorithm RSA -pkeyopt rsa_keygen_bits:1024", "1.2.840.113549.1.1.5", "-sha1", KeyFamily.Rsa, 1024)]
    [InlineData("-algorithm RSA -pkeyopt rsa_keygen_bits:2048", "1.2.840.113549.1.1.11", "-sha256", KeyFamily.Rsa, 2048)]
    [InlineData("-algorithm EC -pkeyopt ec_paramgen_curve:P-521", "1.2.840.10045.4.3.4", "-sha512", KeyFamily.Ecdsa, 521)]
    [InlineData("-algorithm EC -pkeyopt ec_paramgen_curve:P-256", "1.2.840.10045.4.3.2", "-sha256", KeyFamily.Ecdsa, 256)]
    public void Verify_OpenSslSignatures_TrueAndFalseWhenTampered(string genpkeyOptions, string algorithmOid, string digest, KeyFamily family, int bits)
    {
        OpenSsl.RequireInstalled();
        using var directory = new TempDirectory();
        OpenSsl.MustRun(directory.Path, ["genpkey", .. genpkeyOptions.Split(' '), "-out", "key.pem"]);
        OpenSsl.MustRun(directory.Path, "pkey", "-in", "key.pem", "-pubout", "-outform", "DER", "-out", "pub.der");
        File.WriteAllText(directory.File("data"), "relying party");
        OpenSsl.MustRun(directory.Path, "dgst", digest, "-sign", "key.pem", "-out", "sig", "data");

        var key = VerificationKey.TryParse(File.ReadAllBytes(directory.File("pub.der")), out var problem);

        problem.ShouldBeNull();
        key.ShouldNotBeNull();
        key.Family.ShouldBe(family);
        key.SizeBits.ShouldBe(bits);
        var algorithm = SignatureAlgorithm.Find(algorithmOid)!;
        var signature = File.ReadAllBytes(directory.File("sig"));
        key.Verify(algorithm, "relying party"u8, signature, default).ShouldBeTrue();
        key.Verify(algorithm, "relying partY"u8, signature, default).ShouldBeFalse();
    }

    [SkippableFact]
    public void TryParse_ExplicitCurveParameters_RefusedWithReason()
    {
        OpenSsl.RequireInstalled();
        using var directory = new TempDirectory();
        OpenSsl.MustRun(directory.Path, "genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-pkeyopt", "ec_param_enc:explicit", "-out", "key.pem");
        OpenSsl.MustRun(directory.Path, "pkey", "-in", "key.pem", "-pubout", "-outform", "DER", "-out", "pub.der");

        VerificationKey.TryParse(File.ReadAllBytes(directory.File("pub.der")), out var problem).ShouldBeNull();

        problem.ShouldNotBeNull().ShouldContain("name their curve");
    }

    [Fact]
    public void Verify_Sm2KeyWithWrongUserId_False()
    {
        var signer = Keys.EphemeralKeys.Generate(Core.Keys.KeyAlgorithm.Sm2);
        var key = VerificationKey.TryParse(signer.SubjectPublicKeyInfo.Span, out _).ShouldNotBeNull();
        var signature = signer.Sign("message"u8);
        var sm3WithSm2 = SignatureAlgorithm.Find("1.2.156.10197.1.501")!;

        key.Verify(sm3WithSm2, "message"u8, signature, Sm.Sm2UserId.Default.Span).ShouldBeTrue();
        key.Verify(sm3WithSm2, "message"u8, signature, "another id"u8).ShouldBeFalse();
        key.Verify(SignatureAlgorithm.Find("1.2.840.10045.4.3.2")!, "message"u8, signature, default).ShouldBeFalse();
    }
}
