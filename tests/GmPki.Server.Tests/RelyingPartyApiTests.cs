using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using GmPki.Testing;

namespace GmPki.Server.Tests;

/// <summary>The anonymous relying-party endpoints over HTTP.</summary>
public class RelyingPartyApiTests(Sm2ServerFixture fixture) : IClassFixture<Sm2ServerFixture>
{
    private RunningServer Server => fixture.Server;

    [Fact]
    public async Task ValidatePath_IssuingCaWithoutAnchors_ValidUnderInstallationRoot()
    {
        using var anonymous = Server.Authorized(null);
        var chain = await anonymous.GetStringAsync("/api/v1/ca/chain");
        var issuing = chain[..(chain.IndexOf("-----END CERTIFICATE-----", StringComparison.Ordinal) + 25)];

        var body = await PostAsync(anonymous, "/api/v1/validation/path", new { certificate = issuing });

        body.GetProperty("valid").GetBoolean().ShouldBeTrue(body.ToString());
        body.GetProperty("path").GetArrayLength().ShouldBe(2);
        body.GetProperty("path")[1].GetProperty("role").GetString().ShouldBe("trust-anchor");
    }

    [SkippableFact]
    public async Task ValidatePath_OpenSslChainRevokedByCrl_InvalidWithReason()
    {
        using var pki = new OpenSslPki("sm2");
        using var anonymous = Server.Authorized(null);
        pki.Issue("leaf", "/C=CN/CN=leaf", extensions: ["subjectAltName = DNS:service.example.gov.cn"]);
        string Text(string name) => File.ReadAllText(pki.PathOf(name));

        var body = await PostAsync(anonymous, "/api/v1/validation/path", new
        {
            certificate = Text("leaf.pem"),
            trustAnchors = new[] { Text("root.pem") },
            intermediates = new[] { Text("intermediate.pem") },
            crls = new[] { File.ReadAllText(pki.Crl("root")), File.ReadAllText(pki.Crl("intermediate", "leaf")) },
            peerName = new { kind = "dns", value = "service.example.gov.cn" },
        });

        body.GetProperty("valid").GetBoolean().ShouldBeFalse();
        body.GetProperty("failure").GetString().ShouldBe("revoked");
        body.GetProperty("reason").GetString().ShouldNotBeNull().ShouldContain("keyCompromise");
    }

    [SkippableFact]
    public async Task VerifySignature_OpenSslCmsAndRawSm2_ValidAndTamperedInvalid()
    {
        using var pki = new OpenSslPki("sm2");
        using var ec = new OpenSslPki("ec");
        using var anonymous = Server.Authorized(null);
        pki.Issue("signer", "/C=CN/CN=张三", extensions: ["keyUsage = critical, digitalSignature"]);
        ec.Issue("signer", "/C=CN/CN=李四", extensions: ["keyUsage = critical, digitalSignature"]);
        File.WriteAllText(pki.PathOf("message"), "申请材料");
        File.WriteAllText(ec.PathOf("message"), "申请材料");
        OpenSsl.MustRun(pki.Directory, "pkeyutl", "-sign", "-rawin", "-digest", "sm3", "-pkeyopt", "distid:1234567812345678", "-inkey", "signer.key", "-in", "message", "-out", "message.sig");
        OpenSsl.MustRun(ec.Directory, "cms", "-sign", "-binary", "-in", "message", "-signer", "signer.pem", "-inkey", "signer.key", "-certfile", "intermediate.pem", "-out", "message.p7s", "-outform", "PEM");
        var content = Convert.ToBase64String(File.ReadAllBytes(pki.PathOf("message")));

        var raw = await PostAsync(anonymous, "/api/v1/verification/signature", new
        {
            format = "raw",
            signature = Convert.ToBase64String(File.ReadAllBytes(pki.PathOf("message.sig"))),
            content,
            signerCertificate = File.ReadAllText(pki.PathOf("signer.pem")),
            trustAnchors = new[] { File.ReadAllText(pki.PathOf("root.pem")) },
            intermediates = new[] { File.ReadAllText(pki.PathOf("intermediate.pem")) },
        });
        var cms = await PostAsync(anonymous, "/api/v1/verification/signature", new
        {
            signature = File.ReadAllText(ec.PathOf("message.p7s")),
            content,
            trustAnchors = new[] { File.ReadAllText(ec.PathOf("root.pem")) },
        });
        var tampered = await PostAsync(anonymous, "/api/v1/verification/signature", new
        {
            signature = File.ReadAllText(ec.PathOf("message.p7s")),
            content = Convert.ToBase64String("申请材料!"u8.ToArray()),
            trustAnchors = new[] { File.ReadAllText(ec.PathOf("root.pem")) },
        });

        raw.GetProperty("valid").GetBoolean().ShouldBeTrue(raw.ToString());
        raw.GetProperty("signers")[0].GetProperty("certificate").GetProperty("valid").GetBoolean().ShouldBeTrue();
        cms.GetProperty("valid").GetBoolean().ShouldBeTrue(cms.ToString());
        cms.GetProperty("detached").GetBoolean().ShouldBeTrue();
        cms.GetProperty("signers")[0].GetProperty("subject").GetString().ShouldBe("C=CN,CN=李四");
        tampered.GetProperty("failure").GetString().ShouldBe("content-mismatch");
    }

    [Theory]
    [InlineData("{\"certificate\":\"not base64!\"}", "application/json")]
    [InlineData("{\"certificate\":\"MAMCAQE=\",\"profile\":\"lenient\"}", "application/json")]
    [InlineData("certificate=x", "application/x-www-form-urlencoded")]
    public async Task ValidatePath_BadInput_400ProblemAndAudit(string content, string mediaType)
    {
        using var anonymous = Server.Authorized(null);

        var response = await anonymous.PostAsync("/api/v1/validation/path", new StringContent(content, System.Text.Encoding.UTF8, mediaType));

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        problem.GetProperty("code").GetString().ShouldBe("request-invalid");
        (await Server.RecentAuditAsync()).ShouldContain(e => e.Action == "request.rejected" && e.RequestId == problem.GetProperty("requestId").GetString());
    }

    private static async Task<JsonElement> PostAsync(HttpClient client, string path, object body)
    {
        var response = await client.PostAsJsonAsync(path, body);
        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.OK, text);
        return JsonDocument.Parse(text).RootElement;
    }
}
