using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using GmPki.Core.Keys;
using GmPki.Core.Security;
using GmPki.Cryptography.Keys;
using GmPki.Cryptography.Signing;
using GmPki.Server.Http;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.Pkcs;
using Org.BouncyCastle.Security;

namespace GmPki.Server.Tests;

public class ApiTests(Sm2ServerFixture fixture) : IClassFixture<Sm2ServerFixture>
{
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    private RunningServer Server => fixture.Server;

    [Fact]
    public async Task Issue_JsonBodyWithIdentityExtension_Created()
    {
        var response = await Server.Client.PostAsJsonAsync("/api/v1/certificates", new IssueCertificateRequest("organization",
            Pem(Csr(KeyAlgorithm.Sm2, "CN=某公司,O=某公司,C=CN")), new Dictionary<string, string> { ["organizationCode"] = "91350100M000100Y43" }));

        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        var body = (await response.Content.ReadFromJsonAsync<IssuedCertificateResponse>(Web))!;
        response.Headers.Location!.ToString().ShouldBe("/api/v1/certificates/" + body.Serial);
        body.Subject.ShouldBe("CN=某公司,O=某公司,C=CN");
        body.Certificate.ShouldStartWith("-----BEGIN CERTIFICATE-----");
        body.Chain.Split("BEGIN CERTIFICATE").Length.ShouldBe(3);
    }

    [Fact]
    public async Task Issue_NoApiKey_401ProblemWithChallengeAndAudit()
    {
        using var anonymous = Server.Authorized(null);

        var response = await anonymous.PostAsync("/api/v1/certificates?profile=personal", Pkcs10(Csr(KeyAlgorithm.Sm2, "CN=x")));

        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        response.Headers.WwwAuthenticate.ToString().ShouldContain("Bearer");
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        var problem = await Problem(response);
        problem.GetProperty("type").GetString().ShouldBe("urn:gmpki:error:unauthenticated");
        problem.GetProperty("requestId").GetString().ShouldNotBeNullOrEmpty();
        (await Server.RecentAuditAsync()).ShouldContain(e => e.Action == "auth.rejected" && e.RequestId == problem.GetProperty("requestId").GetString());
    }

    [Fact]
    public async Task Issue_UnknownApiKey_401()
    {
        using var stranger = Server.Authorized("gmpki_not-a-real-key");

        var response = await stranger.PostAsync("/api/v1/certificates?profile=personal", Pkcs10(Csr(KeyAlgorithm.Sm2, "CN=x")));

        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await Problem(response)).GetProperty("detail").GetString()!.ShouldContain("unknown or disabled API key");
    }

    [Fact]
    public async Task Issue_InspectorRole_403AndAudited()
    {
        var key = await Server.CreateOperatorAsync("inspector-" + Guid.NewGuid().ToString("N")[..8], OperatorRole.Inspector);
        using var inspector = Server.Authorized(key);

        var response = await inspector.PostAsync("/api/v1/certificates?profile=personal", Pkcs10(Csr(KeyAlgorithm.Sm2, "CN=x")));

        response.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await Problem(response)).GetProperty("code").GetString().ShouldBe("forbidden");
        (await Server.RecentAuditAsync()).ShouldContain(e => e.Action == "auth.forbidden" && e.Role == "inspector");
        (await inspector.GetAsync("/api/v1/certificates")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Issue_RegistrarRole_Allowed()
    {
        using var registrar = Server.Authorized(await Server.CreateOperatorAsync("registrar-" + Guid.NewGuid().ToString("N")[..8], OperatorRole.Registrar));

        var response = await registrar.PostAsync("/api/v1/certificates?profile=personal", Pkcs10(Csr(KeyAlgorithm.Sm2, "CN=x")));

        response.StatusCode.ShouldBe(HttpStatusCode.Created);
        (await Server.RecentAuditAsync()).ShouldContain(e => e.Action == "certificate.issued" && e.Role == "registrar");
    }

    [Fact]
    public async Task Issue_TamperedCsr_400BadSignatureAndNothingIssued()
    {
        var csr = Csr(KeyAlgorithm.Sm2, "CN=aaaa");
        csr[csr.AsSpan().IndexOf("aaaa"u8)] = (byte)'b';

        var response = await Server.Client.PostAsync("/api/v1/certificates?profile=personal", Pkcs10(csr));

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var problem = await Problem(response);
        problem.GetProperty("code").GetString().ShouldBe("csr-bad-signature");
        problem.GetProperty("title").GetString().ShouldBe("Certification request signature does not verify");
        var audit = (await Server.RecentAuditAsync()).Where(e => e.RequestId == problem.GetProperty("requestId").GetString()).ToList();
        audit.ShouldHaveSingleItem().Action.ShouldBe("certificate.request-rejected");
    }

    [Theory]
    [InlineData("not der at all", "csr-malformed")]
    [InlineData("-----BEGIN CERTIFICATE REQUEST-----\nAAAA\n-----END CERTIFICATE REQUEST-----\n", "csr-malformed")]
    public async Task Issue_MalformedCsr_400(string body, string code)
    {
        var response = await Server.Client.PostAsync("/api/v1/certificates?profile=personal", Pkcs10(Encoding.ASCII.GetBytes(body)));

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await Problem(response)).GetProperty("code").GetString().ShouldBe(code);
    }

    [Fact]
    public async Task Issue_OversizedBody_413AndAudited()
    {
        var response = await Server.Client.PostAsync("/api/v1/certificates?profile=personal", Pkcs10(new byte[300 * 1024]));

        response.StatusCode.ShouldBe(HttpStatusCode.RequestEntityTooLarge);
        (await Problem(response)).GetProperty("code").GetString().ShouldBe("request-too-large");
        (await Server.RecentAuditAsync()).ShouldContain(e => e.Action == "request.rejected" && e.Details!.Contains("request-too-large"));
    }

    [Fact]
    public async Task Issue_CsrOverItsOwnLimit_413CsrTooLarge()
    {
        var response = await Server.Client.PostAsync("/api/v1/certificates?profile=personal", Pkcs10(new byte[70 * 1024]));

        response.StatusCode.ShouldBe(HttpStatusCode.RequestEntityTooLarge);
        (await Problem(response)).GetProperty("code").GetString().ShouldBe("csr-too-large");
    }

    [Theory]
    [InlineData("{not json", "request-invalid")]
    [InlineData("{\"profile\":\"personal\"}", "request-invalid")]
    [InlineData("{\"profile\":\"vip\",\"csr\":\"AAAA\"}", "profile-unknown")]
    [InlineData("{\"profile\":\"personal\",\"csr\":\"@@@\"}", "csr-malformed")]
    [InlineData("{\"profile\":\"personal\",\"csr\":\"AAAA\",\"identityExtensions\":{\"shoeSize\":\"42\"}}", "identity-extension-rejected")]
    public async Task Issue_BadJson_400WithSpecificCode(string json, string code)
    {
        var response = await Server.Client.PostAsync("/api/v1/certificates", new StringContent(json, Encoding.UTF8, "application/json"));

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await Problem(response)).GetProperty("code").GetString().ShouldBe(code);
    }

    [Fact]
    public async Task Issue_WrongContentType_400()
    {
        var response = await Server.Client.PostAsync("/api/v1/certificates", new StringContent("x", Encoding.UTF8, "text/plain"));

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var problem = await Problem(response);
        problem.GetProperty("detail").GetString()!.ShouldContain("Content-Type");
        (await Server.RecentAuditAsync()).ShouldContain(e => e.Action == "request.rejected" && e.RequestId == problem.GetProperty("requestId").GetString());
    }

    [Fact]
    public async Task Get_IssuedCertificate_JsonPemDerAndPkcs7()
    {
        var serial = await IssueAsync();

        var json = (await Server.Client.GetFromJsonAsync<CertificateSummary>($"/api/v1/certificates/{serial}", Web))!;
        var pem = await Server.Client.GetStringAsync($"/api/v1/certificates/{serial}?format=pem");
        var derResponse = await Server.Client.GetAsync($"/api/v1/certificates/{serial.ToUpperInvariant()}?format=der");
        using var p7cRequest = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/certificates/{serial}");
        p7cRequest.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/pkcs7-mime"));
        var p7c = await Server.Client.SendAsync(p7cRequest);

        json.State.ShouldBe("issued");
        json.Profile.ShouldBe("personal");
        json.KeyAlgorithm.ShouldBe("sm2");
        pem.Split("BEGIN CERTIFICATE").Length.ShouldBe(4, "leaf, issuing CA and root");
        derResponse.Content.Headers.ContentType!.MediaType.ShouldBe("application/pkix-cert");
        var der = await derResponse.Content.ReadAsByteArrayAsync();
        X509CertificateStructure.GetInstance(der).SerialNumber.Value.ToString(16).ShouldBe(serial);
        Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(der)).ShouldBe(json.Sha256);
        p7c.Content.Headers.ContentType!.MediaType.ShouldBe("application/pkcs7-mime");
        var bundle = new Org.BouncyCastle.Cms.CmsSignedData(await p7c.Content.ReadAsByteArrayAsync());
        bundle.GetCertificates("Collection").GetMatches(null).Count.ShouldBe(3);
    }

    [Theory]
    [InlineData("0123456789abcdef", HttpStatusCode.NotFound, "certificate-not-found")]
    [InlineData("zz", HttpStatusCode.BadRequest, "request-invalid")]
    public async Task Get_UnknownOrBadSerial_Problem(string serial, HttpStatusCode status, string code)
    {
        var response = await Server.Client.GetAsync("/api/v1/certificates/" + serial);

        response.StatusCode.ShouldBe(status);
        (await Problem(response)).GetProperty("code").GetString().ShouldBe(code);
    }

    [Fact]
    public async Task List_Anonymous_401AndOperator_SeesNewestFirst()
    {
        var serial = await IssueAsync();
        using var anonymous = Server.Authorized(null);

        (await anonymous.GetAsync("/api/v1/certificates")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        var page = (await Server.Client.GetFromJsonAsync<CertificatePage>("/api/v1/certificates?state=issued&pageSize=5", Web))!;
        page.Items[0].Serial.ShouldBe(serial);
        page.PageSize.ShouldBe(5);
        (await Server.Client.GetAsync("/api/v1/certificates?state=bogus")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Chain_PemAndPkcs7_IssuingThenRoot()
    {
        var pem = await Server.Client.GetStringAsync("/api/v1/ca/chain");
        var p7c = await Server.Client.GetByteArrayAsync("/api/v1/ca/chain?format=p7c");
        var authorities = (await Server.Client.GetFromJsonAsync<List<AuthoritySummary>>("/api/v1/authorities", Web))!;
        var rootDer = await Server.Client.GetByteArrayAsync("/ca/root.crt");

        pem.Split("BEGIN CERTIFICATE").Length.ShouldBe(3);
        new Org.BouncyCastle.Cms.CmsSignedData(p7c).GetCertificates("Collection").GetMatches(null).Count.ShouldBe(2);
        authorities.Select(a => (a.Label, a.Kind)).ShouldBe([("root", "root"), ("issuing", "issuing")]);
        authorities[0].CertificateUrl.ShouldBe(Server.BaseUrl + "/ca/root.crt");
        Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(rootDer)).ShouldBe(authorities[0].Sha256);
        (await Server.Client.GetAsync("/ca/nobody.crt")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task ProfilesHealthAndOpenApi_Published()
    {
        using var anonymous = Server.Authorized(null);

        var profiles = (await anonymous.GetFromJsonAsync<List<ProfileSummary>>("/api/v1/profiles", Web))!;
        var health = (await anonymous.GetFromJsonAsync<HealthResponse>("/health", Web))!;
        var openApi = JsonDocument.Parse(await anonymous.GetStringAsync("/openapi/v1.json")).RootElement;

        profiles.Select(p => p.Name).ShouldBe(["government-staff", "organization", "personal", "server-tls"]);
        profiles.Single(p => p.Name == "government-staff").KeyAlgorithms.ShouldBe(["sm2"]);
        health.ShouldBe(new HealthResponse("ok", "ok", "ready"));
        var paths = openApi.GetProperty("paths");
        paths.TryGetProperty("/api/v1/certificates", out _).ShouldBeTrue();
        paths.TryGetProperty("/api/v1/certificates/{serial}", out _).ShouldBeTrue();
        paths.TryGetProperty("/ca/{label}.crt", out _).ShouldBeTrue();
    }

    private async Task<string> IssueAsync()
    {
        var response = await Server.Client.PostAsync("/api/v1/certificates?profile=personal", Pkcs10(Csr(KeyAlgorithm.Sm2, "CN=下载测试")));
        response.StatusCode.ShouldBe(HttpStatusCode.Created);
        return (await response.Content.ReadFromJsonAsync<IssuedCertificateResponse>(Web))!.Serial;
    }

    private static byte[] Csr(KeyAlgorithm algorithm, string subject)
    {
        var key = EphemeralKeys.Generate(algorithm);
        return new Pkcs10CertificationRequest(new SigningKeySignatureFactory(key), new X509Name(true, subject),
            PublicKeyFactory.CreateKey(key.SubjectPublicKeyInfo.ToArray()), null).GetDerEncoded();
    }

    private static string Pem(byte[] der) => System.Security.Cryptography.PemEncoding.WriteString("CERTIFICATE REQUEST", der);

    private static ByteArrayContent Pkcs10(byte[] body)
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/pkcs10");
        return content;
    }

    private static async Task<JsonElement> Problem(HttpResponseMessage response)
        => JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
}
