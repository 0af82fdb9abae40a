using System.Net;
using GmPki.Core.Keys;
using GmPki.Testing;

namespace GmPki.Server.Tests;

/// <summary>
/// The issue's proof on real input: keys and CSRs made by the openssl CLI (Chinese subjects via
/// -utf8) are issued over HTTP, and openssl checks the result.
/// </summary>
public class OpenSslIssuanceTests(Sm2ServerFixture fixture) : IClassFixture<Sm2ServerFixture>
{
    [SkippableTheory]
    [InlineData("sm2", "-algorithm SM2", "id-ecPublicKey", "ASN1 OID: SM2")]
    [InlineData("ecdsa", "-algorithm EC -pkeyopt ec_paramgen_curve:P-256", "id-ecPublicKey", "NIST CURVE: P-256")]
    [InlineData("rsa", "-algorithm RSA -pkeyopt rsa_keygen_bits:2048", "rsaEncryption", "(2048 bit)")]
    public async Task Issue_OpenSslCsrWithChineseSubject_TextShowsEveryM24ItemAndLeafVerifies(string name, string algorithm, string keyAlgorithm, string keyDetail)
    {
        using var client = new OpenSslClient(fixture.Server);
        var csr = client.MakeRequest(name, algorithm, "/C=CN/O=某市人民政府/OU=办公厅/CN=李四");

        var government = Counter.Organization("某市人民政府", "government-department");
        var subscriber = name == "sm2" ? Counter.Person("李四", await Counter.RegisterAsync(fixture.Server.Registrar, government)) : government;

        var (status, serial, raw) = await client.SubmitAsync(csr, name == "sm2" ? "government-staff" : "organization", subscriber);

        status.ShouldBe(HttpStatusCode.Created, raw);
        var text = OpenSsl.MustRun(client.Path, "x509", "-in", name + ".pem", "-text", "-noout", "-nameopt", "utf8,sep_comma_plus_space");
        text.ShouldContain("Issuer: C=CN, O=测试电子认证服务机构, CN=测试签发CA");                      // (1) CA institution name
        text.ShouldContain("Subject: C=CN, O=某市人民政府, OU=办公厅, CN=李四");                          // (2) holder name
        text.ShouldContain(string.Join(':', Enumerable.Range(0, serial!.Length / 2).Select(i => serial.Substring(i * 2, 2)))); // (3) serial
        text.ShouldContain("Not Before:");                                                                  // (4) validity
        text.ShouldContain("Not After :");
        text.ShouldContain("Policy: 2.25.54655023470269053948793751655512838928.1.");                      // (5) policy OID
        text.ShouldContain("Public Key Algorithm: " + keyAlgorithm);                                        // (6) holder public key
        text.ShouldContain(keyDetail);
        text.ShouldContain("Signature Algorithm: SM2-with-SM3");                                           // (7) CA signature
        var verify = OpenSsl.Run(client.Path, "verify", "-partial_chain", "-vfyopt", "distid:1234567812345678", "-CAfile", "issuing.pem", name + ".pem");
        verify.ExitCode.ShouldBe(0, verify.Error);
        verify.Output.ShouldContain(name + ".pem: OK");
    }

    [SkippableFact]
    public async Task Issue_Sm2Hierarchy_IssuingCaVerifiesUnderRootWithOpenSslPkeyutl()
    {
        using var client = new OpenSslClient(fixture.Server);
        var csr = client.MakeRequest("leaf", "-algorithm SM2", "/CN=王五");
        (await client.SubmitAsync(csr, "personal", Counter.Person("王五"))).Status.ShouldBe(HttpStatusCode.Created);

        var issuing = client.VerifySm2Link("issuing.pem", "root.pem");
        var root = client.VerifySm2Link("root.pem", "root.pem");
        var wrongId = client.VerifySm2Link("issuing.pem", "root.pem", "9999999999999999");

        issuing.ExitCode.ShouldBe(0, issuing.Output);
        issuing.Output.ShouldContain("Signature Verified Successfully");
        root.ExitCode.ShouldBe(0, root.Output);
        wrongId.ExitCode.ShouldNotBe(0);
        var text = OpenSsl.MustRun(client.Path, "x509", "-in", "issuing.pem", "-text", "-noout");
        text.ShouldContain("CA:TRUE, pathlen:0");
        text.ShouldContain("Certificate Sign, CRL Sign");
        text.ShouldContain($"URI:{fixture.Server.BaseUrl}/crl/root/0.crl");
        text.ShouldContain($"OCSP - URI:{fixture.Server.BaseUrl}/ocsp");
        text.ShouldContain($"CA Issuers - URI:{fixture.Server.BaseUrl}/ca/root.crt");
    }

    [SkippableFact]
    public async Task Issue_Sm2CsrSignedWithDefaultId_Accepted()
    {
        using var client = new OpenSslClient(fixture.Server);
        var csr = client.MakeRequest("defaultid", "-algorithm SM2", "/CN=赵六", "-sigopt", "distid:1234567812345678");

        (await client.SubmitAsync(csr, "personal", Counter.Person("赵六"))).Status.ShouldBe(HttpStatusCode.Created);
    }

    [SkippableFact]
    public async Task Issue_ServerTlsWithSubjectAltNames_CopiesDnsAndIp()
    {
        using var client = new OpenSslClient(fixture.Server);
        var csr = client.MakeRequest("tls", "-algorithm EC -pkeyopt ec_paramgen_curve:P-384", "/O=某市人民政府/CN=www.example.gov.cn",
            "-addext", "subjectAltName=DNS:www.example.gov.cn,IP:192.0.2.10");

        var (status, _, raw) = await client.SubmitAsync(csr, "server-tls", Counter.Organization("某市人民政府", "government-department"));

        status.ShouldBe(HttpStatusCode.Created, raw);
        var text = OpenSsl.MustRun(client.Path, "x509", "-in", "tls.pem", "-text", "-noout");
        text.ShouldContain("DNS:www.example.gov.cn, IP Address:192.0.2.10");
        text.ShouldContain("TLS Web Server Authentication");
    }

    [SkippableFact]
    public async Task Issue_Rsa1024FromOpenSsl_RejectedWithWeakKeyAndAudited()
    {
        using var client = new OpenSslClient(fixture.Server);
        var csr = client.MakeRequest("weak", "-algorithm RSA -pkeyopt rsa_keygen_bits:1024", "/CN=weak");

        var (status, _, raw) = await client.SubmitAsync(csr, "personal", Counter.Person("weak"));

        status.ShouldBe(HttpStatusCode.BadRequest);
        raw.ShouldContain("urn:gmpki:error:csr-weak-key");
        (await fixture.Server.RecentAuditAsync()).ShouldContain(e => e.Action == "request.rejected" && e.Details!.Contains("csr-weak-key"));
    }
}

/// <summary>An ECDSA hierarchy, where openssl verifies the whole chain in one go.</summary>
public sealed class EcdsaHierarchyTests
{
    [SkippableFact]
    public async Task Issue_EcdsaHierarchy_OpenSslVerifiesFullChainStrictly()
    {
        OpenSsl.RequireInstalled();
        await using var server = await RunningServer.StartAsync(KeyAlgorithm.EcdsaP256);
        using var client = new OpenSslClient(server);
        var csr = client.MakeRequest("leaf", "-algorithm EC -pkeyopt ec_paramgen_curve:P-256", "/C=CN/CN=张三");

        (await client.SubmitAsync(csr, "personal", Counter.Person("张三"))).Status.ShouldBe(HttpStatusCode.Created);

        var verify = OpenSsl.Run(client.Path, "verify", "-x509_strict", "-CAfile", "root.pem", "-untrusted", "issuing.pem", "leaf.pem");
        verify.ExitCode.ShouldBe(0, verify.Error);
        verify.Output.ShouldContain("leaf.pem: OK");
    }
}
