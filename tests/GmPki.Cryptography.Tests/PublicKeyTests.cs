using GmPki.Core.Errors;
using GmPki.Core.Keys;
using GmPki.Cryptography.Signing;
using GmPki.Testing;

namespace GmPki.Cryptography.Tests;

public class PublicKeyTests
{
    [SkippableTheory]
    [InlineData("-algorithm SM2", KeyAlgorithm.Sm2)]
    [InlineData("-algorithm EC -pkeyopt ec_paramgen_curve:P-256", KeyAlgorithm.EcdsaP256)]
    [InlineData("-algorithm EC -pkeyopt ec_paramgen_curve:P-384", KeyAlgorithm.EcdsaP384)]
    [InlineData("-algorithm RSA -pkeyopt rsa_keygen_bits:3072", KeyAlgorithm.Rsa3072)]
    public void Parse_OpenSslKeys_RecognisesAlgorithm(string genpkeyOptions, KeyAlgorithm expected)
    {
        PublicKey.Parse(OpenSslPublicKey(genpkeyOptions)).Algorithm.ShouldBe(expected);
    }

    [SkippableTheory]
    [InlineData("-algorithm RSA -pkeyopt rsa_keygen_bits:1024", "csr-weak-key")]
    [InlineData("-algorithm RSA -pkeyopt rsa_keygen_bits:2048 -pkeyopt rsa_keygen_pubexp:3", "csr-weak-key")]
    [InlineData("-algorithm RSA -pkeyopt rsa_keygen_bits:2560", "csr-unsupported-key")]
    [InlineData("-algorithm EC -pkeyopt ec_paramgen_curve:P-521", "csr-unsupported-key")]
    [InlineData("-algorithm EC -pkeyopt ec_paramgen_curve:secp256k1", "csr-unsupported-key")]
    [InlineData("-algorithm EC -pkeyopt ec_paramgen_curve:P-256 -pkeyopt ec_param_enc:explicit", "csr-unsupported-key")]
    [InlineData("-algorithm ED25519", "csr-unsupported-key")]
    public void Parse_WeakOrUnsupportedKeys_RejectedWithSpecificError(string genpkeyOptions, string code)
    {
        var error = Should.Throw<GmPkiException>(() => PublicKey.Parse(OpenSslPublicKey(genpkeyOptions)));

        error.Error.Code.ShouldBe(code);
    }

    [Fact]
    public void Parse_PointNotOnCurve_Rejected()
    {
        var spki = Keys.EphemeralKeys.Generate(KeyAlgorithm.Sm2).SubjectPublicKeyInfo.ToArray();
        spki[^1] ^= 0x01;

        Should.Throw<GmPkiException>(() => PublicKey.Parse(spki)).Error.Code.ShouldBe("csr-unsupported-key");
    }

    [Fact]
    public void Parse_Garbage_Rejected()
    {
        Should.Throw<GmPkiException>(() => PublicKey.Parse([0x30, 0x03, 0x02, 0x01])).Error.Code.ShouldBe("csr-unsupported-key");
    }

    [Fact]
    public void KeyIdentifier_IsSha1OfKeyBits()
    {
        var key = PublicKey.Parse(Keys.EphemeralKeys.Generate(KeyAlgorithm.EcdsaP256).SubjectPublicKeyInfo.Span);
#pragma warning disable CA5350 // RFC 5280 key identifier method (1) is SHA-1.
        key.KeyIdentifier().ShouldBe(System.Security.Cryptography.SHA1.HashData(key.KeyBits));
#pragma warning restore CA5350
        key.KeyBits.Length.ShouldBe(65);
    }

    private static byte[] OpenSslPublicKey(string genpkeyOptions)
    {
        OpenSsl.RequireInstalled();
        using var directory = new TempDirectory();
        var arguments = new List<string> { "genpkey" };
        arguments.AddRange(genpkeyOptions.Split(' '));
        arguments.AddRange(["-out", "key.pem"]);
        OpenSsl.MustRun(directory.Path, [.. arguments]);
        OpenSsl.MustRun(directory.Path, "pkey", "-in", "key.pem", "-pubout", "-outform", "DER", "-out", "pub.der");
        return File.ReadAllBytes(directory.File("pub.der"));
    }
}
