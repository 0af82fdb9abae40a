using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace GmPki.Server.Tests;

/// <summary>
/// The ACME server (RFC 8555) driven by a client written from the RFC: refusals as problem
/// documents with ACME error types, each audited; dns-01 validation against TXT records; an
/// issuance recorded as a registration application; key rollover and deactivation.
/// </summary>
public class AcmeProtocolTests(AcmeServerFixture fixture) : IClassFixture<AcmeServerFixture>
{
    private const string Problem = "urn:ietf:params:acme:error:";

    private RunningServer Server => fixture.Server;

    [Fact]
    public async Task Directory_ExternalAccountRequired_NonceOnEveryAnswer()
    {
        using var client = await AcmeTestClient.OpenAsync(Server);
        using var http = Server.Authorized(null);

        using var directory = await http.GetAsync("/acme/directory");
        var body = JsonSerializer.Deserialize<JsonElement>(await directory.Content.ReadAsStringAsync());

        body.GetProperty("meta").GetProperty("externalAccountRequired").GetBoolean().ShouldBeTrue();
        body.GetProperty("newOrder").GetString().ShouldBe(Server.BaseUrl + "/acme/new-order");
        directory.Headers.GetValues("Replay-Nonce").Single().ShouldNotBeNullOrEmpty();
        (await client.NonceAsync()).ShouldNotBe(await client.NonceAsync());
    }

    [Fact]
    public async Task Directory_ForgedHostHeader_UrlsStillUnderTheConfiguredBaseUrl()
    {
        using var http = Server.Authorized(null);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/acme/directory");
        request.Headers.Host = "attacker.example:4443";

        using var directory = await http.SendAsync(request);
        var text = await directory.Content.ReadAsStringAsync();

        directory.StatusCode.ShouldBe(HttpStatusCode.OK, text);
        text.ShouldNotContain("attacker.example");
        var body = JsonSerializer.Deserialize<JsonElement>(text);
        foreach (var resource in new[] { "newNonce", "newAccount", "newOrder", "revokeCert", "keyChange" })
        {
            body.GetProperty(resource).GetString()!.ShouldStartWith(Server.BaseUrl + "/acme/");
        }
    }

    [Fact]
    public async Task NewAccount_NoExternalAccountBinding_ExternalAccountRequired_Audited()
    {
        using var client = await AcmeTestClient.OpenAsync(Server);

        var refused = await client.RegisterAsync(null, null);

        refused.Status.ShouldBe(HttpStatusCode.BadRequest);
        refused.ContentType.ShouldBe("application/problem+json");
        refused.ProblemType.ShouldBe(Problem + "externalAccountRequired");
        refused.Nonce.ShouldNotBeNull();
        (await Server.RecentAuditAsync(10)).ShouldContain(e => e.Action == "acme.request-rejected" && e.Details!.Contains("acme:externalAccountRequired", StringComparison.Ordinal));
    }

    [Fact]
    public async Task NewAccount_WrongHmacKey_Unauthorized_NoAccount()
    {
        var (kid, _) = await fixture.ProtocolAccountAsync("接入账户甲", "acme-wrong-hmac");
        using var client = await AcmeTestClient.OpenAsync(Server);

        var refused = await client.RegisterAsync(kid, AcmeTestClient.B64(RandomNumberGenerator.GetBytes(32)));
        var lookup = await client.RegisterAsync(null, null, onlyReturnExisting: true);

        refused.ProblemType.ShouldBe(Problem + "unauthorized");
        refused.Status.ShouldBe(HttpStatusCode.Forbidden);
        lookup.ProblemType.ShouldBe(Problem + "accountDoesNotExist");
    }

    [Fact]
    public async Task Request_ReusedNonce_BadNonceWithAFreshOne_Audited()
    {
        using var client = await AcmeTestClient.OpenAsync(Server);
        await RegisterAsync(client, "acme-nonce");
        var nonce = await client.NonceAsync();

        var first = await client.PostAsync(client.Kid!, null, nonce: nonce);
        var replayed = await client.PostAsync(client.Kid!, null, nonce: nonce);
        var retried = await client.PostAsync(client.Kid!, null, nonce: replayed.Nonce);

        first.Status.ShouldBe(HttpStatusCode.OK, first.Raw);
        replayed.Status.ShouldBe(HttpStatusCode.BadRequest);
        replayed.ProblemType.ShouldBe(Problem + "badNonce");
        retried.Status.ShouldBe(HttpStatusCode.OK, retried.Raw);
        (await Server.RecentAuditAsync(10)).ShouldContain(e => e.Action == "acme.request-rejected" && e.Details!.Contains("acme:badNonce", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Request_SignatureOfAnotherPayload_Malformed_Audited()
    {
        using var client = await AcmeTestClient.OpenAsync(Server);
        await RegisterAsync(client, "acme-signature");

        var forged = await client.PostAsync(client.Url("newOrder"), Order("forged.acme-test.example"),
            tamper: jws => new JsonObject { ["protected"] = jws["protected"]!.GetValue<string>(), ["payload"] = AcmeTestClient.Payload(Order("other.acme-test.example")), ["signature"] = jws["signature"]!.GetValue<string>() });

        forged.Status.ShouldBe(HttpStatusCode.BadRequest);
        forged.ProblemType.ShouldBe(Problem + "malformed");
        forged.Body.GetProperty("detail").GetString()!.ShouldContain("does not verify");
        (await Server.RecentAuditAsync(10)).ShouldContain(e => e.Action == "acme.request-rejected" && e.Details!.Contains("does not verify", StringComparison.Ordinal));
    }

    [Fact]
    public async Task NewOrder_IdentifiersTheProfileCannotCarry_Rejected_Audited()
    {
        using var client = await AcmeTestClient.OpenAsync(Server);
        await RegisterAsync(client, "acme-identifiers");
        using var personal = await AcmeTestClient.OpenAsync(Server);
        await RegisterAsync(personal, "acme-personal", "personal");

        var ip = await client.PostAsync(client.Url("newOrder"), new JsonObject { ["identifiers"] = new JsonArray(new JsonObject { ["type"] = "ip", ["value"] = "192.0.2.1" }) });
        var bare = await client.PostAsync(client.Url("newOrder"), Order("localhost"));
        var notDns = await personal.PostAsync(personal.Url("newOrder"), Order("www.acme-test.example"));

        ip.ProblemType.ShouldBe(Problem + "unsupportedIdentifier");
        bare.ProblemType.ShouldBe(Problem + "rejectedIdentifier");
        notDns.ProblemType.ShouldBe(Problem + "rejectedIdentifier");
        notDns.Body.GetProperty("detail").GetString()!.ShouldContain("profile 'personal'");
        (await Server.RecentAuditAsync(10)).ShouldContain(e => e.Action == "acme.request-rejected" && e.Details!.Contains("acme:rejectedIdentifier", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Dns01_TxtRecordsHoldTheDigests_CertificateForTheNames_RecordedAsApplication()
    {
        using var client = await AcmeTestClient.OpenAsync(Server);
        var account = await RegisterAsync(client, "acme-dns");
        string[] names = ["dns.acme-test.example", "*.dns.acme-test.example"];
        var order = await client.PostAsync(client.Url("newOrder"), Order(names));
        order.Status.ShouldBe(HttpStatusCode.Created, order.Raw);

        foreach (var authorization in order.Body.GetProperty("authorizations").EnumerateArray().Select(a => a.GetString()!))
        {
            var challenge = (await client.PostAsync(authorization, null)).Body.GetProperty("challenges").EnumerateArray().Single(c => c.GetProperty("type").GetString() == "dns-01");
            var keyAuthorization = challenge.GetProperty("token").GetString() + "." + AcmeTestClient.Thumbprint(client.Key);
            fixture.Dns.Add("_acme-challenge.dns.acme-test.example", AcmeTestClient.B64(SHA256.HashData(Encoding.ASCII.GetBytes(keyAuthorization))));
            var validated = await client.PostAsync(challenge.GetProperty("url").GetString()!, new JsonObject());
            validated.Body.GetProperty("status").GetString().ShouldBe("valid", validated.Raw);
        }

        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var finalized = await client.PostAsync(order.Body.GetProperty("finalize").GetString()!, new JsonObject { ["csr"] = AcmeTestClient.B64(Csr(key, names)) });
        var certificate = await client.PostAsync(finalized.Body.GetProperty("certificate").GetString()!, null);

        finalized.Status.ShouldBe(HttpStatusCode.OK, finalized.Raw);
        finalized.Body.GetProperty("status").GetString().ShouldBe("valid");
        certificate.ContentType.ShouldBe("application/pem-certificate-chain");
        using var issued = X509Certificate2.CreateFromPem(certificate.Raw);
        issued.GetNameInfo(X509NameType.DnsName, false).ShouldBe(names[0]);
        issued.Extensions.OfType<X509SubjectAlternativeNameExtension>().Single().EnumerateDnsNames().ShouldBe(names, ignoreOrder: true);
        issued.GetECDsaPublicKey()!.ExportSubjectPublicKeyInfo().ShouldBe(key.ExportSubjectPublicKeyInfo());
        var steps = (await Server.RecentAuditAsync(60)).Where(e => e.Action == "application.step-recorded" && e.Actor == "protocol:acme:" + account).Select(e => JsonDocument.Parse(e.Details!).RootElement).ToList();
        steps.ShouldContain(d => d.GetProperty("step").GetString() == "subject-consistency" && d.GetProperty("method").GetString() == "protocol-validation");
        steps.ShouldContain(d => d.GetProperty("step").GetString() == "acceptance" && d.GetProperty("method").GetString() == "protocol-delivery");
        (await Server.RecentAuditAsync(60)).Count(e => e.Action == "acme.challenge-validated" && e.Outcome == "success" && e.Actor == "protocol:acme:" + account).ShouldBe(2);
    }

    [Fact]
    public async Task Http01_NothingServed_ChallengeAndOrderInvalid_Audited()
    {
        using var client = await AcmeTestClient.OpenAsync(Server);
        var account = await RegisterAsync(client, "acme-http-fail");
        var order = await client.PostAsync(client.Url("newOrder"), Order("silent.acme-test.example"));
        var authorization = (await client.PostAsync(order.Body.GetProperty("authorizations")[0].GetString()!, null)).Body;
        var challenge = authorization.GetProperty("challenges").EnumerateArray().Single(c => c.GetProperty("type").GetString() == "http-01");

        var validated = await client.PostAsync(challenge.GetProperty("url").GetString()!, new JsonObject());
        var after = await client.PostAsync(order.Location!, null);
        var finalize = await client.PostAsync(order.Body.GetProperty("finalize").GetString()!, new JsonObject { ["csr"] = "AA" });

        validated.Body.GetProperty("status").GetString().ShouldBe("invalid");
        validated.Body.GetProperty("error").GetProperty("type").GetString().ShouldBe(Problem + "connection");
        after.Body.GetProperty("status").GetString().ShouldBe("invalid");
        finalize.ProblemType.ShouldBe(Problem + "orderNotReady");
        (await Server.RecentAuditAsync(20)).ShouldContain(e => e.Action == "acme.challenge-validated" && e.Outcome == "rejected" && e.Actor == "protocol:acme:" + account);
    }

    [Fact]
    public async Task KeyChangeThenDeactivate_OldKeyFindsNothing_DeactivatedAccountRefused()
    {
        using var client = await AcmeTestClient.OpenAsync(Server);
        await RegisterAsync(client, "acme-rollover");
        var account = client.Kid;
        var oldKey = ECDsa.Create(client.Key.ExportParameters(true));
        using var oldClient = await AcmeTestClient.OpenAsync(Server);

        var changed = await client.ChangeKeyAsync(ECDsa.Create(ECCurve.NamedCurves.nistP256));
        var withOldKey = await oldClient.PostAsync(oldClient.Url("newAccount"), new JsonObject { ["onlyReturnExisting"] = true }, withJwk: true, key: oldKey);
        var withNewKey = await client.RegisterAsync(null, null, onlyReturnExisting: true);
        var deactivated = await client.PostAsync(account!, new JsonObject { ["status"] = "deactivated" });
        var afterwards = await client.PostAsync(client.Url("newOrder"), Order("late.acme-test.example"));

        changed.Status.ShouldBe(HttpStatusCode.OK, changed.Raw);
        withOldKey.ProblemType.ShouldBe(Problem + "accountDoesNotExist");
        withNewKey.Location.ShouldBe(account);
        deactivated.Body.GetProperty("status").GetString().ShouldBe("deactivated");
        afterwards.ProblemType.ShouldBe(Problem + "unauthorized");
        (await Server.RecentAuditAsync(20)).ShouldContain(e => e.Action == "acme.account-key-changed");
        oldKey.Dispose();
    }

    private async Task<string> RegisterAsync(AcmeTestClient client, string name, string profile = "server-tls")
    {
        var (kid, hmac) = await fixture.ProtocolAccountAsync("持有人" + name.GetHashCode(StringComparison.Ordinal).ToString("x8", System.Globalization.CultureInfo.InvariantCulture), name, profile);
        var registered = await client.RegisterAsync(kid, hmac);
        registered.Status.ShouldBe(HttpStatusCode.Created, registered.Raw);
        return name;
    }

    private static JsonObject Order(params string[] names)
        => new() { ["identifiers"] = new JsonArray([.. names.Select(n => (JsonNode)new JsonObject { ["type"] = "dns", ["value"] = n })]) };

    private static byte[] Csr(ECDsa key, string[] names)
    {
        var request = new CertificateRequest("CN=" + names[0], key, HashAlgorithmName.SHA256);
        var san = new SubjectAlternativeNameBuilder();
        foreach (var name in names)
        {
            san.AddDnsName(name);
        }

        request.CertificateExtensions.Add(san.Build());
        return request.CreateSigningRequest();
    }
}
