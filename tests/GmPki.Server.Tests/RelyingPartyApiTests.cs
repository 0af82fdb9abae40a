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

        var body = await PostAsync(anonymous, new { certificate = issuing });

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

        var body = await PostAsync(anonymous, new
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

    private static async Task<JsonElement> PostAsync(HttpClient client, object body)
    {
        var response = await client.PostAsJsonAsync("/api/v1/validation/path", body);
        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.OK, text);
        return JsonDocument.Parse(text).RootElement;
    }
}
