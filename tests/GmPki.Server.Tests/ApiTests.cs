using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using GmPki.Core.Keys;
using GmPki.Core.Security;
using GmPki.Server.Http;
using Org.BouncyCastle.Asn1.X509;
using Microsoft.Extensions.DependencyInjection;

namespace GmPki.Server.Tests;

public class ApiTests(Sm2ServerFixture fixture) : IClassFixture<Sm2ServerFixture>
{
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    private RunningServer Server => fixture.Server;

    private const string CounterPath = "/api/v1/counter/applications";

    [Fact]
    public async Task Counter_Organization_CreatedWithCertificateChainAndSteps()
    {
        var (status, result, raw) = await Counter.PostAsync(Server.Registrar,
            Counter.New(Counter.Organization("某公司"), "organization", Csrs.Pem(Csrs.Der(KeyAlgorithm.Sm2, "CN=某公司,O=某公司,C=CN"))));

        status.ShouldBe(HttpStatusCode.Created, raw);
        result!.Application.State.ShouldBe("completed");
        result.Application.Steps.Select(s => s.Step).ShouldBe(["identity-verification", "materials-review", "notice-acknowledgement",
            "agreement-signature", "will-confirmation", "subject-consistency", "approval", "fulfilment", "acceptance"]);
        result.Certificate!.ShouldStartWith("-----BEGIN CERTIFICATE-----");
        result.Chain!.Split("BEGIN CERTIFICATE").Length.ShouldBe(3);
        var summary = (await Server.Client.GetFromJsonAsync<CertificateSummary>($"/api/v1/certificates/{result.Application.ResultSerial}", Web))!;
        summary.Subject.ShouldBe("CN=某公司,O=某公司,C=CN");
        summary.Profile.ShouldBe("organization");
    }

    [Fact]
    public async Task Counter_NoApiKey_401ProblemWithChallengeAndAudit()
    {
        using var anonymous = Server.Authorized(null);

        var response = await anonymous.PostAsJsonAsync(CounterPath, PersonalBody("某甲"), Web);

        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        response.Headers.WwwAuthenticate.ToString().ShouldContain("Bearer");
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        var problem = await Problem(response);
        problem.GetProperty("type").GetString().ShouldBe("urn:gmpki:error:unauthenticated");
        problem.GetProperty("requestId").GetString().ShouldNotBeNullOrEmpty();
        (await Server.RecentAuditAsync()).ShouldContain(e => e.Action == "auth.rejected" && e.RequestId == problem.GetProperty("requestId").GetString());
    }

    [Fact]
    public async Task Counter_UnknownApiKey_401()
    {
        using var stranger = Server.Authorized("gmpki_not-a-real-key");

        var response = await stranger.PostAsJsonAsync(CounterPath, PersonalBody("某乙"), Web);

        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await Problem(response)).GetProperty("detail").GetString()!.ShouldContain("unknown or disabled API key");
    }

    [Fact]
    public async Task Counter_InspectorRole_403AuditedAndNothingRegistered()
    {
        var key = await Server.CreateOperatorAsync("inspector-" + Guid.NewGuid().ToString("N")[..8], OperatorRole.Inspector);
        using var inspector = Server.Authorized(key);
        var before = await ApplicationCountAsync();

        var response = await inspector.PostAsJsonAsync(CounterPath, PersonalBody("某丙"), Web);

        response.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        var problem = await Problem(response);
        problem.GetProperty("code").GetString().ShouldBe("forbidden");
        (await Server.RecentAuditAsync()).ShouldContain(e => e.RequestId == problem.GetProperty("requestId").GetString() && e.Outcome != "success");
        (await ApplicationCountAsync()).ShouldBe(before);
        (await inspector.GetAsync("/api/v1/certificates")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Counter_RegistrarRole_IssuesAndStepsNameTheRegistrar()
    {
        var name = "registrar-" + Guid.NewGuid().ToString("N")[..8];
        using var registrar = Server.Authorized(await Server.CreateOperatorAsync(name, OperatorRole.Registrar));

        var result = await Counter.IssueAsync(registrar, PersonalBody("某丁"));

        result.Application.Steps.ShouldAllBe(s => s.Actor == "operator:" + name && s.Role == "registrar");
        (await Server.RecentAuditAsync(60)).ShouldContain(e => e.Action == "certificate.issued" && e.Role == "registrar");
    }

    [Fact]
    public async Task Counter_TamperedCsr_400BadSignatureAndNothingRecorded()
    {
        var csr = Csrs.Der(KeyAlgorithm.Sm2, "CN=aaaa");
        csr[csr.AsSpan().IndexOf("aaaa"u8)] = (byte)'b';
        var before = await ApplicationCountAsync();

        var (status, _, raw) = await Counter.PostAsync(Server.Registrar, Counter.New(Counter.Person("bbaa"), "personal", Csrs.Pem(csr)));

        status.ShouldBe(HttpStatusCode.BadRequest);
        var problem = JsonDocument.Parse(raw).RootElement;
        problem.GetProperty("code").GetString().ShouldBe("csr-bad-signature");
        problem.GetProperty("title").GetString().ShouldBe("Certification request signature does not verify");
        var audit = (await Server.RecentAuditAsync()).Where(e => e.RequestId == problem.GetProperty("requestId").GetString()).ToList();
        var rejected = audit.ShouldHaveSingleItem();
        rejected.Action.ShouldBe("request.rejected");
        rejected.Details!.ShouldContain("csr-bad-signature");
        (await ApplicationCountAsync()).ShouldBe(before);
    }

    [Theory]
    [InlineData("not der at all", "csr-malformed")]
    [InlineData("-----BEGIN CERTIFICATE REQUEST-----\nAAAA\n-----END CERTIFICATE REQUEST-----\n", "csr-malformed")]
    public async Task Counter_MalformedCsr_400(string csr, string code)
    {
        var (status, _, raw) = await Counter.PostAsync(Server.Registrar, Counter.New(Counter.Person("某戊"), "personal", csr));

        status.ShouldBe(HttpStatusCode.BadRequest);
        JsonDocument.Parse(raw).RootElement.GetProperty("code").GetString().ShouldBe(code);
    }

    [Fact]
    public async Task OpenApplication_OversizedBody_413AndAudited()
    {
        using var anonymous = Server.Authorized(null);

        var response = await anonymous.PostAsync("/api/v1/applications", new StringContent("{\"kind\":\"" + new string('x', 300 * 1024) + "\"}", Encoding.UTF8, "application/json"));

        response.StatusCode.ShouldBe(HttpStatusCode.RequestEntityTooLarge);
        (await Problem(response)).GetProperty("code").GetString().ShouldBe("request-too-large");
        (await Server.RecentAuditAsync()).ShouldContain(e => e.Action == "request.rejected" && e.Details!.Contains("request-too-large"));
    }

    [Fact]
    public async Task Counter_CsrOverItsOwnLimit_413CsrTooLarge()
    {
        var (status, _, raw) = await Counter.PostAsync(Server.Registrar, Counter.New(Counter.Person("某己"), "personal", new string('A', 90 * 1024)));

        status.ShouldBe(HttpStatusCode.RequestEntityTooLarge);
        JsonDocument.Parse(raw).RootElement.GetProperty("code").GetString().ShouldBe("csr-too-large");
    }

    [Theory]
    [InlineData("{not json", "request-invalid")]
    [InlineData("{\"kind\":\"new\"}", "request-invalid")]
    [InlineData("{\"kind\":\"adopt\",\"identityMethod\":\"in-person\",\"materials\":{},\"willStatement\":\"x\"}", "request-invalid")]
    public async Task Counter_BadJson_400WithSpecificCode(string json, string code)
    {
        var response = await Server.Registrar.PostAsync(CounterPath, new StringContent(json, Encoding.UTF8, "application/json"));

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await Problem(response)).GetProperty("code").GetString().ShouldBe(code);
    }

    [Theory]
    [InlineData("vip", "profile-unknown")]
    [InlineData(null, "request-invalid")]
    public async Task Counter_BadProfile_400AndNothingRegistered(string? profile, string code)
    {
        var before = await ApplicationCountAsync();

        var (status, _, raw) = await Counter.PostAsync(Server.Registrar, PersonalBody("某庚") with { Profile = profile });

        status.ShouldBe(HttpStatusCode.BadRequest);
        JsonDocument.Parse(raw).RootElement.GetProperty("code").GetString().ShouldBe(code);
        (await ApplicationCountAsync()).ShouldBe(before);
    }

    [Fact]
    public async Task Counter_WrongContentType_400()
    {
        var response = await Server.Registrar.PostAsync(CounterPath, new StringContent("x", Encoding.UTF8, "text/plain"));

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var problem = await Problem(response);
        problem.GetProperty("detail").GetString()!.ShouldContain("Content-Type");
        (await Server.RecentAuditAsync()).ShouldContain(e => e.Action == "request.rejected" && e.RequestId == problem.GetProperty("requestId").GetString());
    }

    [Fact]
    public async Task DirectIssuance_Gone_CertificatesOnlyThroughRegistration()
    {
        var response = await Server.Client.PostAsync("/api/v1/certificates?profile=personal", Pkcs10(Csrs.Der(KeyAlgorithm.Sm2, "CN=x")));

        response.StatusCode.ShouldBe(HttpStatusCode.MethodNotAllowed);
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

        profiles.Select(p => p.Name).ShouldBe(["government-staff", "government-staff-encryption", "organization", "organization-encryption", "personal", "personal-encryption", "server-tls"]);
        profiles.Single(p => p.Name == "personal").EncryptionProfile.ShouldBe("personal-encryption");
        profiles.Single(p => p.Name == "personal-encryption").KmcKeys.ShouldBeTrue();
        profiles.Single(p => p.Name == "government-staff").KeyAlgorithms.ShouldBe(["sm2"]);
        health.ShouldBe(new HealthResponse("ok", "ok", "ready"));
        var paths = openApi.GetProperty("paths");
        paths.TryGetProperty("/api/v1/counter/applications", out _).ShouldBeTrue();
        paths.TryGetProperty("/api/v1/applications/{id}/approval", out _).ShouldBeTrue();
        paths.TryGetProperty("/api/v1/certificates/{serial}", out _).ShouldBeTrue();
        paths.TryGetProperty("/ca/{label}.crt", out _).ShouldBeTrue();
    }

    private async Task<string> IssueAsync()
        => (await Counter.IssueAsync(Server.Registrar, PersonalBody("下载测试"))).Application.ResultSerial!;

    private static CounterBody PersonalBody(string name) => Counter.New(Counter.Person(name), "personal", Csrs.Pem(Csrs.Der(KeyAlgorithm.Sm2, "CN=" + name)));

    private async Task<int> ApplicationCountAsync()
        => (await Server.Services.GetRequiredService<Core.Registration.IRegistrationLedger>().ListApplicationsAsync(null, null, 1, 1, CancellationToken.None)).Total;

    private static ByteArrayContent Pkcs10(byte[] body)
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/pkcs10");
        return content;
    }

    private static async Task<JsonElement> Problem(HttpResponseMessage response)
        => JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
}
