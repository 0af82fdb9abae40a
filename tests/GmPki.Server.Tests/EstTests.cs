using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using GmPki.Registration.Workflow;
using GmPki.Server.Http;
using GmPki.Testing;

namespace GmPki.Server.Tests;

/// <summary>
/// EST (RFC 7030) with the real curl as the client and openssl reading what it got: an account
/// created on a completed desk application enrolls and re-enrolls SM2 keys, each enrollment a
/// recorded application; bad credentials get 401 Basic; the two-person rule answers 202 until a
/// reviewer approves.
/// </summary>
public class EstTests(Sm2ServerFixture fixture) : IClassFixture<Sm2ServerFixture>
{
    private static readonly JsonSerializerOptions Web = Counter.Web;

    private RunningServer Server => fixture.Server;

    [SkippableFact]
    public async Task CurlEnrollAndReenroll_SimpleEnroll_CertificateForTheHoldersKey_RecordedAsApplications()
    {
        Curl.RequireInstalled();
        using var client = new OpenSslClient(Server);
        var (person, account, secret) = await AccountAsync(client, "物联网设备甲", "est-device-1", "personal");
        var est = Server.BaseUrl + "/.well-known/est";
        Request(client, "enroll", person.Name);

        var cacerts = Curl.Run("-o", client.File("cacerts.b64"), est + "/cacerts");
        var enrolled = Curl.Run("--user", $"{account}:{secret}", "-H", "Content-Type: application/pkcs10", "--data-binary", "@" + client.File("enroll.b64"),
            "-o", client.File("enrolled.b64"), est + "/simpleenroll");
        Request(client, "renew", person.Name);
        var renewed = Curl.Run("--user", $"{account}:{secret}", "-H", "Content-Type: application/pkcs10", "--data-binary", "@" + client.File("renew.b64"),
            "-o", client.File("renewed.b64"), est + "/personal/simplereenroll");

        cacerts.Status.ShouldBe(200, cacerts.Output);
        var chain = (await Server.Client.GetStringAsync("/api/v1/ca/chain")).Replace("\r", string.Empty, StringComparison.Ordinal).Trim();
        Certificates(client, "cacerts.b64").ShouldContain(chain.Split("-----END CERTIFICATE-----")[0].Trim());
        enrolled.Status.ShouldBe(200, File.ReadAllText(client.File("enrolled.b64")));
        Certificates(client, "enrolled.b64");
        OpenSsl.MustRun(client.Path, "x509", "-in", "enrolled.b64.pem", "-noout", "-subject", "-nameopt", "utf8").ShouldContain("CN=" + person.Name);
        PublicKey(client, "enrolled.b64").ShouldBe(OpenSsl.MustRun(client.Path, "pkey", "-in", "enroll.key", "-pubout"));
        renewed.Status.ShouldBe(200, File.ReadAllText(client.File("renewed.b64")));
        PublicKey(client, "renewed.b64").ShouldBe(OpenSsl.MustRun(client.Path, "pkey", "-in", "renew.key", "-pubout"));
        var steps = (await Server.RecentAuditAsync(80)).Where(e => e.Action == "application.step-recorded" && e.Actor == "protocol:est:" + account).Select(e => JsonDocument.Parse(e.Details!).RootElement).ToList();
        steps.Select(d => d.GetProperty("step").GetString()).Distinct().Count().ShouldBe(9);
        steps.ShouldContain(d => d.GetProperty("step").GetString() == "identity-verification" && d.GetProperty("method").GetString() == "protocol-authentication");
        (await Server.RecentAuditAsync(80)).ShouldContain(e => e.Action == "application.opened" && e.Actor == "protocol:est:" + account && e.Details!.Contains("\"kind\":\"renew\"", StringComparison.Ordinal));
    }

    [SkippableFact]
    public async Task CurlWrongSecretOrNoCredentials_401WithBasicChallenge_Audited()
    {
        Curl.RequireInstalled();
        using var client = new OpenSslClient(Server);
        var (person, account, _) = await AccountAsync(client, "物联网设备乙", "est-device-2", "personal");
        Request(client, "enroll", person.Name);
        var url = Server.BaseUrl + "/.well-known/est/simpleenroll";

        var wrong = Curl.Run("-i", "--user", account + ":not-the-secret", "-H", "Content-Type: application/pkcs10", "--data-binary", "@" + client.File("enroll.b64"), url);
        var none = Curl.Run("-i", "-H", "Content-Type: application/pkcs10", "--data-binary", "@" + client.File("enroll.b64"), url);

        wrong.Status.ShouldBe(401);
        wrong.Output.ShouldContain("WWW-Authenticate: Basic realm=\"GmPki EST\"", Case.Insensitive);
        wrong.Output.ShouldContain("text/plain");
        none.Status.ShouldBe(401);
        (await Server.RecentAuditAsync(20)).ShouldContain(e => e.Action == "est.request-rejected" && e.Details!.Contains(account, StringComparison.Ordinal));
    }

    [SkippableFact]
    public async Task CurlEnroll_TwoPersonRule_202RetryAfterUntilReviewerApproves()
    {
        Curl.RequireInstalled();
        using var client = new OpenSslClient(Server);
        var organization = await Counter.RegisterAsync(Server.Registrar, Counter.Organization("某县人民政府", "government-department"));
        var staff = Counter.Person("公务员戊", organization);
        var basis = await Counter.PostAsync(Server.Registrar, Counter.New(staff, "government-staff",
            await File.ReadAllTextAsync(client.File(client.MakeRequest("basis", "-algorithm SM2", "/C=CN/O=某县人民政府/OU=办公室/CN=公务员戊")))));
        var completed = await Counter.ApproveAndCompleteAsync(Server, basis.Result!.Application.Id, staff.IdentityNumber);
        var (account, secret) = await CreateAccountAsync("est-staff-1", "government-staff", completed.Id);
        client.MakeRequest("staff", "-algorithm SM2", "/C=CN/O=某县人民政府/OU=办公室/CN=公务员戊", "-outform", "DER");
        OpenSsl.MustRun(client.Path, "base64", "-in", "staff.csr", "-out", "staff.b64");
        string[] enroll = ["-i", "--user", $"{account}:{secret}", "-H", "Content-Type: application/pkcs10", "--data-binary", "@" + client.File("staff.b64"), Server.BaseUrl + "/.well-known/est/simpleenroll"];

        var first = Curl.Run(enroll);
        var again = Curl.Run(enroll);
        var pending = (await Server.Registrar.GetFromJsonAsync<ApplicationPage>("/api/v1/applications?state=awaiting-approval&pageSize=500", Web))!.Items
            .Single(a => a.CreatedBy == "protocol:est:" + account);
        (await Counter.StepAsync(Server.Reviewer, pending.Id, "approval", new ApprovalInput(true, "核实无误，同意。"))).Status.ShouldBe(HttpStatusCode.OK);
        var approved = Curl.Run(enroll);

        first.Status.ShouldBe(202, first.Output);
        first.Output.ShouldContain("Retry-After: 60", Case.Insensitive);
        again.Status.ShouldBe(202);
        approved.Status.ShouldBe(200, approved.Output);
        (await Server.Registrar.GetFromJsonAsync<ApplicationView>($"/api/v1/applications/{pending.Id}", Web))!.State.ShouldBe("completed");
    }

    [SkippableFact]
    public async Task CurlRetry_CertificateIssuedButDeliveryNotRecorded_DeliveredOnTheRetry()
    {
        Curl.RequireInstalled();
        using var client = new OpenSslClient(Server);
        var organization = await Counter.RegisterAsync(Server.Registrar, Counter.Organization("某乡人民政府", "government-department"));
        var staff = Counter.Person("公务员己", organization);
        var subject = "/C=CN/O=某乡人民政府/OU=办公室/CN=公务员己";
        var basis = await Counter.PostAsync(Server.Registrar, Counter.New(staff, "government-staff",
            await File.ReadAllTextAsync(client.File(client.MakeRequest("basis", "-algorithm SM2", subject)))));
        var completed = await Counter.ApproveAndCompleteAsync(Server, basis.Result!.Application.Id, staff.IdentityNumber);
        var (account, secret) = await CreateAccountAsync("est-staff-2", "government-staff", completed.Id);
        client.MakeRequest("staff", "-algorithm SM2", subject, "-outform", "DER");
        OpenSsl.MustRun(client.Path, "base64", "-in", "staff.csr", "-out", "staff.b64");
        string[] enroll = ["--user", $"{account}:{secret}", "-H", "Content-Type: application/pkcs10", "--data-binary", "@" + client.File("staff.b64"), "-o", client.File("staff.p7.b64"),
            Server.BaseUrl + "/.well-known/est/simpleenroll"];
        Curl.Run(enroll).Status.ShouldBe(202);
        var pending = (await Server.Registrar.GetFromJsonAsync<ApplicationPage>("/api/v1/applications?state=awaiting-approval&pageSize=500", Web))!.Items
            .Single(a => a.CreatedBy == "protocol:est:" + account);
        (await Counter.StepAsync(Server.Reviewer, pending.Id, "approval", new ApprovalInput(true, "同意。"))).Status.ShouldBe(HttpStatusCode.OK);
        var fulfilled = await Counter.StepAsync(Server.Registrar, pending.Id, "fulfilment");

        var retry = Curl.Run(enroll);

        fulfilled.Application!.State.ShouldBe("fulfilled");
        retry.Status.ShouldBe(200, File.ReadAllText(client.File("staff.p7.b64")));
        Certificates(client, "staff.p7.b64").ShouldContain("BEGIN CERTIFICATE");
        var final = (await Server.Registrar.GetFromJsonAsync<ApplicationView>($"/api/v1/applications/{pending.Id}", Web))!;
        final.State.ShouldBe("completed");
        final.Steps[^1].Method.ShouldBe("protocol-delivery");
    }

    [SkippableFact]
    public async Task CurlEnroll_SubjectNotTheHolders_400NamingTheStep_NoPersonalDataInAnswerOrAudit()
    {
        Curl.RequireInstalled();
        using var client = new OpenSslClient(Server);
        var (person, account, secret) = await AccountAsync(client, "物联网设备戊", "est-device-5", "personal");
        Request(client, "other", "李四");

        var refused = Curl.Run("--user", $"{account}:{secret}", "-H", "Content-Type: application/pkcs10", "--data-binary", "@" + client.File("other.b64"),
            Server.BaseUrl + "/.well-known/est/simpleenroll");

        refused.Status.ShouldBe(400, refused.Output);
        refused.Output.ShouldContain("subject-consistency");
        string[] names = [person.Name, "李四", JsonSerializer.Serialize(person.Name).Trim('"'), JsonSerializer.Serialize("李四").Trim('"')];
        names.ShouldAllBe(name => !refused.Output.Contains(name, StringComparison.Ordinal));
        (await Server.RecentAuditAsync(40)).Where(e => e.Action == "est.request-rejected")
            .ShouldAllBe(e => names.All(name => !e.Details!.Contains(name, StringComparison.Ordinal)));
    }

    [SkippableFact]
    public async Task CurlCsrAttrsAndMalformedBodies_AttributesForSm2_ErrorsInEstFormat()
    {
        Curl.RequireInstalled();
        using var client = new OpenSslClient(Server);
        var (_, account, secret) = await AccountAsync(client, "物联网设备丙", "est-device-3", "personal");
        var est = Server.BaseUrl + "/.well-known/est";
        await File.WriteAllTextAsync(client.File("junk.b64"), "this is not base64 ***");

        var attributes = Curl.Run("-o", client.File("attrs.b64"), est + "/personal/csrattrs");
        OpenSsl.MustRun(client.Path, "base64", "-d", "-in", "attrs.b64", "-out", "attrs.der");
        var parsed = OpenSsl.MustRun(client.Path, "asn1parse", "-inform", "DER", "-in", "attrs.der");
        var notBase64 = Curl.Run("--user", $"{account}:{secret}", "-H", "Content-Type: application/pkcs10", "--data-binary", "@" + client.File("junk.b64"), est + "/simpleenroll");
        var wrongType = Curl.Run("--user", $"{account}:{secret}", "-H", "Content-Type: application/json", "--data-binary", "@" + client.File("junk.b64"), est + "/simpleenroll");
        var unknownLabel = Curl.Run(est + "/no-such-profile/cacerts");

        attributes.Status.ShouldBe(200);
        parsed.ShouldContain("SM2-with-SM3");
        parsed.ShouldContain("id-ecPublicKey");
        parsed.ShouldContain(":SM2");
        notBase64.Status.ShouldBe(400);
        notBase64.Output.ShouldContain("[request-invalid]");
        wrongType.Status.ShouldBe(415);
        unknownLabel.Status.ShouldBe(400);
        unknownLabel.Output.ShouldContain("[profile-unknown]");
        (await Server.RecentAuditAsync(20)).ShouldContain(e => e.Action == "est.request-rejected" && e.Details!.Contains("unsupported-media-type", StringComparison.Ordinal));
    }

    [SkippableFact]
    public async Task CurlEnroll_NoticesChangedSinceTheBasis_RefusedUntilSignedAtTheDesk()
    {
        Curl.RequireInstalled();
        using var client = new OpenSslClient(Server);
        var (person, account, secret) = await AccountAsync(client, "物联网设备丁", "est-device-4", "personal");
        var notice = await Server.Client.GetFromJsonAsync<JsonElement>("/api/v1/documents/notice", Web);
        using var published = await Server.Client.PostAsJsonAsync("/api/v1/documents/notice", new PublishDocumentBody("数字证书申请须知（修订）",
            notice.GetProperty("sections").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!)), Web);
        published.StatusCode.ShouldBe(HttpStatusCode.OK);
        Request(client, "enroll", person.Name);

        var refused = Curl.Run("--user", $"{account}:{secret}", "-H", "Content-Type: application/pkcs10", "--data-binary", "@" + client.File("enroll.b64"),
            Server.BaseUrl + "/.well-known/est/simpleenroll");

        refused.Status.ShouldBe(400);
        refused.Output.ShouldContain("[step-invalid]");
        refused.Output.ShouldContain($"version {notice.GetProperty("version").GetInt32() + 1} is in force");
        (await Server.RecentAuditAsync(10)).ShouldNotContain(e => e.Action == "application.opened" && e.Actor == "protocol:est:" + account);
    }

    /// <summary>A person with a certificate from the counter (the basis) and an EST account on it.</summary>
    [SkippableFact]
    public async Task CurlServerKeyGen_ProfileAllowsIt_PrivateKeyOfTheCertificateInMultipart_ProfileWithoutIt403()
    {
        Curl.RequireInstalled();
        await using var server = await RunningServer.StartAsync(configure: (json, _) => json["Profiles"]!["personal"]!["ServerKeyGeneration"] = true);
        using var client = new OpenSslClient(server);
        var (person, account, secret) = await AccountAsync(server, client, "服务端生成密钥设备", "est-keygen-1", "personal");
        var (_, plain, plainSecret) = await AccountAsync(client, "自带密钥设备", "est-keygen-2", "personal");
        Request(client, "keygen", person.Name);

        var answer = Curl.Run("--user", $"{account}:{secret}", "-H", "Content-Type: application/pkcs10", "--data-binary", "@" + client.File("keygen.b64"),
            "-D", client.File("keygen.headers"), "-o", client.File("keygen.multipart"), server.BaseUrl + "/.well-known/est/serverkeygen");
        var refused = Curl.Run("--user", $"{plain}:{plainSecret}", "-H", "Content-Type: application/pkcs10", "--data-binary", "@" + client.File("keygen.b64"),
            Server.BaseUrl + "/.well-known/est/serverkeygen");

        answer.Status.ShouldBe(200, File.ReadAllText(client.File("keygen.multipart")));
        var boundary = File.ReadAllLines(client.File("keygen.headers")).Single(h => h.StartsWith("Content-Type:", StringComparison.OrdinalIgnoreCase)).Split("boundary=")[1].Split(';')[0].Trim();
        var parts = File.ReadAllText(client.File("keygen.multipart")).Split("--" + boundary).Where(p => p.Contains("Content-Type", StringComparison.Ordinal)).ToList();
        string Body(string mediaType) => parts.Single(p => p.Contains("Content-Type: " + mediaType, StringComparison.Ordinal)).Split("\r\n\r\n")[1].Trim();
        await File.WriteAllBytesAsync(client.File("generated.der"), Convert.FromBase64String(Body("application/pkcs8")));
        await File.WriteAllTextAsync(client.File("generated-cert.b64"), Body("application/pkcs7-mime"));
        var generated = OpenSsl.MustRun(client.Path, "pkey", "-inform", "DER", "-in", "generated.der", "-pubout");
        PublicKey(client, "generated-cert.b64").ShouldBe(generated);
        generated.ShouldNotBe(OpenSsl.MustRun(client.Path, "pkey", "-in", "keygen.key", "-pubout"));
        OpenSsl.MustRun(client.Path, "pkey", "-inform", "DER", "-in", "generated.der", "-noout", "-text").ShouldContain("SM2");
        OpenSsl.MustRun(client.Path, "x509", "-in", "generated-cert.b64.pem", "-noout", "-subject", "-nameopt", "utf8").ShouldContain("CN=" + person.Name);
        refused.Status.ShouldBe(403, refused.Output);
        refused.Output.ShouldContain("does not allow server key generation");
    }

    private Task<(SubscriberBody Person, string Account, string Secret)> AccountAsync(OpenSslClient client, string name, string account, string profile)
        => AccountAsync(Server, client, name, account, profile);

    private static async Task<(SubscriberBody Person, string Account, string Secret)> AccountAsync(RunningServer server, OpenSslClient client, string name, string account, string profile)
    {
        var person = Counter.Person(name);
        var basis = await Counter.IssueAsync(server.Registrar, Counter.New(person, profile,
            await File.ReadAllTextAsync(client.File(client.MakeRequest("basis", "-algorithm SM2", "/C=CN/CN=" + name)))));
        var (created, secret) = await CreateAccountAsync(server, account, profile, basis.Application.Id);
        return (person, created, secret);
    }

    private Task<(string Account, string Secret)> CreateAccountAsync(string account, string profile, Guid basis) => CreateAccountAsync(Server, account, profile, basis);

    private static async Task<(string Account, string Secret)> CreateAccountAsync(RunningServer server, string account, string profile, Guid basis)
    {
        using var response = await server.Registrar.PostAsJsonAsync("/api/v1/protocol-accounts", new ProtocolAccountBody("est", account, profile, basis), Web);
        var raw = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.Created, raw);
        return (account, JsonSerializer.Deserialize<CreatedProtocolAccountView>(raw, Web)!.Secret);
    }

    /// <summary>An SM2 key NAME.key and its DER request, base64 with line breaks in NAME.b64 (what RFC 7030 sends).</summary>
    private static void Request(OpenSslClient client, string name, string commonName)
    {
        client.MakeRequest(name, "-algorithm SM2", "/C=CN/CN=" + commonName, "-outform", "DER");
        OpenSsl.MustRun(client.Path, "base64", "-in", name + ".csr", "-out", name + ".b64");
    }

    /// <summary>The certificates (PEM, as openssl pkcs7 -print_certs writes them to FILE.pem) of a base64 certs-only PKCS#7 answer.</summary>
    private static string Certificates(OpenSslClient client, string base64File)
    {
        OpenSsl.MustRun(client.Path, "base64", "-d", "-in", base64File, "-out", base64File + ".p7");
        OpenSsl.MustRun(client.Path, "pkcs7", "-inform", "DER", "-in", base64File + ".p7", "-print_certs", "-out", base64File + ".pem");
        return File.ReadAllText(client.File(base64File + ".pem"));
    }

    private static string PublicKey(OpenSslClient client, string base64File)
    {
        Certificates(client, base64File);
        return OpenSsl.MustRun(client.Path, "x509", "-in", base64File + ".pem", "-noout", "-pubkey");
    }
}
