using GmPki.Core.Keys;
using GmPki.Cryptography.Keys;
using GmPki.Cryptography.Signing;
using GmPki.Cryptography.Sm;
using GmPki.Testing;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.Pkcs;
using Org.BouncyCastle.Security;

namespace GmPki.Cryptography.Tests;

public class OpenSslInteropTests
{
    private const string Passphrase = "correct horse battery staple";

    [SkippableFact]
    public void Sm2Signature_VerifiedByOpenSslWithDefaultId()
    {
        OpenSsl.RequireInstalled();
        using var directory = new TempDirectory();
        var key = EphemeralKeys.Generate(KeyAlgorithm.Sm2);
        File.WriteAllText(directory.File("pub.pem"), PemOf("PUBLIC KEY", key.SubjectPublicKeyInfo.Span));
        File.WriteAllBytes(directory.File("msg"), "电子政务电子认证服务管理办法"u8.ToArray());
        File.WriteAllBytes(directory.File("sig"), key.Sign(File.ReadAllBytes(directory.File("msg"))));

        var output = OpenSsl.MustRun(directory.Path, "pkeyutl", "-verify", "-rawin", "-digest", "sm3", "-pubin", "-inkey", "pub.pem",
            "-in", "msg", "-sigfile", "sig", "-pkeyopt", "distid:" + Sm2UserId.DefaultText);

        output.ShouldContain("Signature Verified Successfully");
        OpenSsl.Run(directory.Path, "pkeyutl", "-verify", "-rawin", "-digest", "sm3", "-pubin", "-inkey", "pub.pem",
            "-in", "msg", "-sigfile", "sig", "-pkeyopt", "distid:other").ExitCode.ShouldNotBe(0);
    }

    [SkippableFact]
    public void OpenSslSm2Signature_VerifiedByPublicKey()
    {
        OpenSsl.RequireInstalled();
        using var directory = new TempDirectory();
        OpenSsl.MustRun(directory.Path, "genpkey", "-algorithm", "SM2", "-out", "key.pem");
        OpenSsl.MustRun(directory.Path, "pkey", "-in", "key.pem", "-pubout", "-outform", "DER", "-out", "pub.der");
        File.WriteAllBytes(directory.File("msg"), "hello"u8.ToArray());
        OpenSsl.MustRun(directory.Path, "pkeyutl", "-sign", "-rawin", "-digest", "sm3", "-inkey", "key.pem", "-in", "msg",
            "-out", "sig", "-pkeyopt", "distid:" + Sm2UserId.DefaultText);

        var publicKey = PublicKey.Parse(File.ReadAllBytes(directory.File("pub.der")));

        publicKey.Verify(SignatureAlgorithm.Find("1.2.156.10197.1.501")!, "hello"u8, File.ReadAllBytes(directory.File("sig")), Sm2UserId.Default.Span)
            .ShouldBeTrue();
    }

    [SkippableTheory]
    [InlineData(KeyAlgorithm.Sm2)]
    [InlineData(KeyAlgorithm.EcdsaP384)]
    [InlineData(KeyAlgorithm.Rsa2048)]
    public void KeyStoreFile_ReadByOpenSslWithPassphrase_YieldsSamePublicKey(KeyAlgorithm algorithm)
    {
        OpenSsl.RequireInstalled();
        using var directory = new TempDirectory();
        var store = new SoftwareKeyStore(directory.Path, () => Passphrase, iterations: 10_000);
        var (key, _) = store.Generate("ca", algorithm, Sm2UserId.Default);

        OpenSsl.MustRun(directory.Path, "pkey", "-in", "ca.key.pem", "-passin", "pass:" + Passphrase, "-pubout", "-outform", "DER", "-out", "pub.der");

        File.ReadAllBytes(directory.File("pub.der")).ShouldBe(key.SubjectPublicKeyInfo.ToArray());
        OpenSsl.Run(directory.Path, "pkey", "-in", "ca.key.pem", "-passin", "pass:wrong", "-noout").ExitCode.ShouldNotBe(0);
    }

    [SkippableFact]
    public void SignatureFactory_Sm2CertificationRequest_VerifiedByOpenSslReq()
    {
        OpenSsl.RequireInstalled();
        using var directory = new TempDirectory();
        var key = EphemeralKeys.Generate(KeyAlgorithm.Sm2);
        var request = new Pkcs10CertificationRequest(
            new SigningKeySignatureFactory(key), new X509Name("CN=张三,O=测试单位,C=CN"),
            PublicKeyFactory.CreateKey(key.SubjectPublicKeyInfo.ToArray()), null);
        File.WriteAllText(directory.File("req.pem"), PemOf("CERTIFICATE REQUEST", request.GetDerEncoded()));

        var (code, output, error) = OpenSsl.Run(directory.Path, "req", "-in", "req.pem", "-verify", "-noout", "-vfyopt", "distid:" + Sm2UserId.DefaultText);

        code.ShouldBe(0, error);
        (output + error).ShouldContain("verify OK");
    }

    private static string PemOf(string label, ReadOnlySpan<byte> der) => System.Security.Cryptography.PemEncoding.WriteString(label, der);
}
