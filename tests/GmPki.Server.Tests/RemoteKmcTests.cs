using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using System.Text.Json.Nodes;
using GmPki.Core.Errors;
using GmPki.Core.Keys;
using GmPki.Core.Ledger;
using GmPki.Core.Security;
using GmPki.Hosting.Kmc;
using GmPki.Kmc;
using GmPki.Kmc.Messages;
using GmPki.Registration.Operators;
using GmPki.Registration.Workflow;
using GmPki.Server.Http;
using GmPki.Server.Kmc;
using GmPki.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace GmPki.Server.Tests;

/// <summary>
/// A KMC host (HTTPS, its embedded KMC unsealed, the CA <see cref="CaId"/> registered with its TLS
/// client certificate) and a CA whose <c>Kmc:Url</c> points at it; both on 127.0.0.1.
/// </summary>
public sealed class RemoteKmcFixture : IAsyncLifetime
{
    public const string CaId = "remote-ca";

    public TempDirectory Tls { get; } = new("gmpki-kmc-tls-");

    public RunningServer KmcHost { get; private set; } = null!;

    public RunningServer Ca { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        foreach (var name in new[] { "ca-client", "stranger" })
        {
            OpenSsl.MustRun(Tls.Path, "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout", name + ".key", "-out", name + ".pem",
                "-days", "2", "-subj", "/CN=" + name);
        }

        using var client = X509Certificate2.CreateFromPem(File.ReadAllText(Path.Combine(Tls.Path, "ca-client.pem")));
        var der = client.RawData;
        KmcHost = await RunningServer.StartHttpsAsync(Tls.Path, prepare: async installation =>
        {
            await KmcCeremony.RunAsync(installation, ["custodian-a", "custodian-b", "custodian-c"], 2, installation.Data.Combine("shares"), unattended: true, Actor.System, CancellationToken.None);
            await KmcCaRegistration.RunAsync(installation, CaId, "远程签发CA", [KeyAlgorithm.Sm2], der, Actor.System, CancellationToken.None);
        });
        Ca = await StartCaAsync(KmcHost.BaseUrl);
    }

    /// <summary>A CA using the KMC at <paramref name="url"/> with the bound client certificate, trusting the KMC host's TLS certificate.</summary>
    public Task<RunningServer> StartCaAsync(string url) => RunningServer.StartAsync(configure: (json, data) =>
    {
        File.Copy(Path.Combine(Tls.Path, "ca-client.pem"), data.Combine("kmc-client.pem"));
        File.Copy(Path.Combine(Tls.Path, "ca-client.key"), data.Combine("kmc-client.key"));
        File.Copy(Path.Combine(Tls.Path, "server.pem"), data.Combine("kmc-server.pem"));
        json["Kmc"] = new JsonObject
        {
            ["CaId"] = CaId, ["Url"] = url, ["ClientCertificate"] = "kmc-client.pem", ["ClientKey"] = "kmc-client.key", ["TrustedCertificate"] = "kmc-server.pem",
        };
    });

    public async Task DisposeAsync()
    {
        if (Ca is not null)
        {
            await Ca.DisposeAsync();
        }

        if (KmcHost is not null)
        {
            await KmcHost.DisposeAsync();
        }

        Tls.Dispose();
    }
}

/// <summary>
/// The remote KMC transport end to end: a CA issues dual pairs and recovers keys through a KMC on
/// another server over mutually authenticated HTTPS; curl is the real peer for the refusals.
/// </summary>
public sealed class RemoteKmcTests(RemoteKmcFixture fixture) : IClassFixture<RemoteKmcFixture>
{
    private static readonly JsonSerializerOptions Web = Counter.Web;

    private RunningServer Ca => fixture.Ca;

    private RunningServer KmcHost => fixture.KmcHost;

    [SkippableFact]
    public async Task CounterDual_ThroughTheRemoteKmc_EnvelopeOpensEscrowedAtTheHostAndRecoveredToTheNewKey()
    {
        using var client = new OpenSslClient(Ca);
        var person = Counter.Person("远程双证书");
        var first = await Counter.IssueAsync(Ca.Registrar,
            Counter.New(person, "personal", await File.ReadAllTextAsync(client.File(client.MakeRequest("lost", "-algorithm SM2", "/C=CN/CN=远程双证书")))) with { Dual = true });

        var pair = first.Pair.ShouldNotBeNull();
        await File.WriteAllTextAsync(client.File("enc.pem"), pair.EncryptionCertificate);
        OpenSsl.MustRun(client.Path, "x509", "-in", "enc.pem", "-noout", "-pubkey", "-out", "enc-pub.pem");
        OpenSsl.MustRun(client.Path, "pkey", "-pubin", "-in", "enc-pub.pem", "-outform", "DER", "-out", "enc-pub.der");
        var (recovered, _) = Sm2EnvelopeOpener.Open(client.Path, "lost.key", Convert.FromBase64String(pair.EnvelopedKey!));
        recovered.ShouldBe(await File.ReadAllBytesAsync(client.File("enc-pub.der")));
        var escrowed = (await KmcHost.RecentAuditAsync(100)).Where(e => e.Action == "kmc.key.escrowed" && e.Target == "kmc-key:" + pair.KmcKeyId).ShouldHaveSingleItem();
        escrowed.Actor.ShouldBe("ca:" + RemoteKmcFixture.CaId);
        (await Ca.RecentAuditAsync(100)).ShouldNotContain(e => e.Action == "kmc.key.escrowed", "the CA's own log has no KMC events: the KMC is elsewhere");

        var renewed = await Counter.IssueAsync(Ca.Registrar, Counter.Act("renew", person, first.Application.SubscriberId, pair.SigningSerial)
            with { Csr = await File.ReadAllTextAsync(client.File(client.MakeRequest("new", "-algorithm SM2", "/C=CN/CN=远程双证书"))) });
        var (status, recovery, raw) = await Counter.PostAsync(Ca.Registrar, Counter.Act("key-recovery", person, first.Application.SubscriberId, pair.EncryptionSerial));

        status.ShouldBe(HttpStatusCode.Created, raw);
        recovery!.Application.State.ShouldBe("completed", raw);
        renewed.Pair.ShouldNotBeNull();
        var envelope = await Ca.Registrar.GetByteArrayAsync($"/api/v1/applications/{recovery.Application.Id}/recovered-key");
        Sm2EnvelopeOpener.Open(client.Path, "new.key", envelope).RecoveredPublicKey.ShouldBe(recovered);
        (await KmcHost.RecentAuditAsync(100)).ShouldContain(e => e.Action == "kmc.key.recovered" && e.Actor == "ca:" + RemoteKmcFixture.CaId);
    }

    [SkippableFact]
    public async Task Apply_WithCurl_OnlyTheBoundCertificateNamingItsOwnCaIsServed()
    {
        Curl.RequireInstalled();
        var dir = fixture.Tls.Path;
        OpenSsl.MustRun(dir, "genpkey", "-algorithm", "SM2", "-out", "holder.key");
        OpenSsl.MustRun(dir, "pkey", "-in", "holder.key", "-pubout", "-outform", "DER", "-out", "holder-pub.der");
        var holder = Convert.ToBase64String(await File.ReadAllBytesAsync(Path.Combine(dir, "holder-pub.der")));
        string Body(string caId, string requestId) => JsonSerializer.Serialize(new
        {
            caId, requestId, algorithm = "sm2", holderSigningPublicKey = holder, notBefore = "2026-11-22T00:00:00Z", notAfter = "2027-11-22T00:00:00Z",
        });
        var url = KmcHost.BaseUrl + "/kmc/v1/apply";
        string[] post = ["--cacert", Path.Combine(dir, "server.pem"), "-H", "Content-Type: application/json", url, "-d"];

        var anonymous = Curl.Run([.. post, Body(RemoteKmcFixture.CaId, "refused-anonymous")]);
        var stranger = Curl.Run(["--cert", Path.Combine(dir, "stranger.pem"), "--key", Path.Combine(dir, "stranger.key"), .. post, Body(RemoteKmcFixture.CaId, "refused-stranger")]);
        string[] bound = ["--cert", Path.Combine(dir, "ca-client.pem"), "--key", Path.Combine(dir, "ca-client.key"), .. post];
        var otherCa = Curl.Run([.. bound, Body("gmpki", "refused-other-ca")]);
        var plain = Curl.Run(["-H", "Content-Type: application/json", Ca.BaseUrl + "/kmc/v1/apply", "-d", Body(RemoteKmcFixture.CaId, "refused-plain")]);
        var accepted = Curl.Run([.. bound, Body(RemoteKmcFixture.CaId, "curl-1")]);

        anonymous.Status.ShouldBe(401, anonymous.Output);
        stranger.Status.ShouldBe(403, stranger.Output);
        stranger.Output.ShouldContain("kmc-ca-unknown");
        otherCa.Status.ShouldBe(403, otherCa.Output);
        otherCa.Output.ShouldContain($"bound to CA '{RemoteKmcFixture.CaId}', not to 'gmpki'");
        plain.Status.ShouldBe(401, plain.Output);
        accepted.Status.ShouldBe(200, accepted.Output);
        var answer = JsonDocument.Parse(accepted.Output).RootElement;
        var (recovered, _) = Sm2EnvelopeOpener.Open(dir, "holder.key", answer.GetProperty("envelopedKey").GetBytesFromBase64());
        recovered.ShouldBe(answer.GetProperty("encryptionPublicKey").GetBytesFromBase64());
        var audit = await KmcHost.RecentAuditAsync(100);
        audit.Where(e => e.Action == "kmc.key.escrowed").Select(e => e.RequestId).ShouldContain("curl-1");
        audit.Where(e => e.Action == "kmc.key.escrowed").Select(e => e.RequestId).ShouldNotContain(r => r != null && r.StartsWith("refused", StringComparison.Ordinal));
        audit.Count(e => e.Action == "kmc.request-rejected" && e.Details!.Contains("\"operation\":\"authenticate\"")).ShouldBeGreaterThanOrEqualTo(2);
        audit.ShouldContain(e => e.Action == "request.rejected" && e.Details!.Contains("/kmc/v1/apply"));
    }

    [SkippableFact]
    public async Task KmcHostDown_DualApplicationWaitsApprovedWithKmcUnreachable()
    {
        await using var ca = await fixture.StartCaAsync($"https://127.0.0.1:{LoopbackPort.Free()}");
        using var client = new OpenSslClient(ca);
        var csr = await File.ReadAllTextAsync(client.File(client.MakeRequest("holder", "-algorithm SM2", "/C=CN/CN=远程双证书乙")));

        var (status, _, raw) = await Counter.PostAsync(ca.Registrar, Counter.New(Counter.Person("远程双证书乙"), "personal", csr) with { Dual = true });

        status.ShouldBe(HttpStatusCode.ServiceUnavailable, raw);
        raw.ShouldContain("kmc-unreachable");
        var waiting = (await ca.Registrar.GetFromJsonAsync<ApplicationPage>("/api/v1/applications?state=approved", Web))!.Items.ShouldHaveSingleItem();
        waiting.Dual.ShouldBeTrue();
        waiting.ResultSerial.ShouldBeNull();
    }

    [SkippableFact]
    public async Task RemoteKmc_TheKmcsRefusalsComeBackAsItsCodes_AnUntrustedServerIsUnreachable()
    {
        var remote = Ca.Services.GetRequiredService<KmcLink>().Centre.ShouldBeOfType<RemoteKmc>();
        var dir = fixture.Tls.Path;
        OpenSsl.MustRun(dir, "genpkey", "-algorithm", "SM2", "-out", "holder-2.key");
        OpenSsl.MustRun(dir, "pkey", "-in", "holder-2.key", "-pubout", "-outform", "DER", "-out", "holder-2-pub.der");
        var request = new ApplyKeyRequest(RemoteKmcFixture.CaId, "direct-1", KeyAlgorithm.Sm2, await File.ReadAllBytesAsync(Path.Combine(dir, "holder-2-pub.der")),
            DateTimeOffset.UtcNow, DateTimeOffset.UtcNow.AddYears(1));
        var applied = await remote.ApplyAsync(request, CancellationToken.None);

        var duplicate = await Should.ThrowAsync<GmPkiException>(() => remote.ApplyAsync(request, CancellationToken.None));
        var unknown = await Should.ThrowAsync<GmPkiException>(() => remote.RevokeAsync(new ChangeKeyStateRequest(RemoteKmcFixture.CaId, "direct-2", "no-such-key", "test"), CancellationToken.None));
        await remote.ArchiveAsync(new ChangeKeyStateRequest(RemoteKmcFixture.CaId, "direct-3", applied.KeyId, "expired"), CancellationToken.None);
        using var untrusting = new RemoteKmc(new RemoteKmcOptions(new Uri(KmcHost.BaseUrl), Path.Combine(dir, "ca-client.pem"), Path.Combine(dir, "ca-client.key"),
            Path.Combine(dir, "stranger.pem"), TimeSpan.FromSeconds(10)));
        var untrusted = await Should.ThrowAsync<GmPkiException>(() => untrusting.ApplyAsync(request with { RequestId = "direct-4" }, CancellationToken.None));

        duplicate.Error.Code.ShouldBe(KmcErrors.RequestDuplicate.Code);
        duplicate.Error.Kind.ShouldBe(ErrorKind.Conflict);
        duplicate.Detail.ShouldBe("KMC: CA 'remote-ca' already used request ID 'direct-1'.");
        unknown.Error.Code.ShouldBe(KmcErrors.KeyUnknown.Code);
        unknown.Error.Kind.ShouldBe(ErrorKind.NotFound);
        untrusted.Error.ShouldBe(KmcErrors.Unreachable);
        (await KmcHost.RecentAuditAsync(100)).ShouldContain(e => e.Action == "kmc.key.archived" && e.Target == "kmc-key:" + applied.KeyId);
    }

    [SkippableFact]
    public async Task Devices_PersonalisedThroughTheCaAtTheRemoteKmc_UnlockAnswerMatchesOpenSsl()
    {
        using var officer = Ca.Authorized(await Ca.CreateOperatorAsync(new NewOperator("security-officer", OperatorRole.SecurityOfficer, IdentityNumber: Counter.NextResidentId())));
        using var created = await officer.PostAsJsonAsync("/api/v1/kmc/devices", new DeviceBody("REMOTE-0001"), Web);
        created.StatusCode.ShouldBe(HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        var deviceKey = (await created.Content.ReadFromJsonAsync<DeviceKeyView>(Web))!.AuthenticationKey;
        var remote = Ca.Services.GetRequiredService<KmcLink>().Centre;
        var challenge = Convert.FromHexString("0123456789abcdef");

        var answer = await remote.UnlockDeviceAsync(new DeviceUnlockRequest(RemoteKmcFixture.CaId, "unlock-1", "REMOTE-0001", challenge, "application:test", ["registrar"]), CancellationToken.None);

        var dir = fixture.Tls.Path;
        await File.WriteAllBytesAsync(Path.Combine(dir, "block"), [.. challenge, .. new byte[8]]);
        OpenSsl.MustRun(dir, "enc", "-sm4-ecb", "-nopad", "-K", deviceKey, "-in", "block", "-out", "answer");
        answer.AuthenticationData.ShouldBe(await File.ReadAllBytesAsync(Path.Combine(dir, "answer")));
        var audit = await KmcHost.RecentAuditAsync(100);
        audit.ShouldContain(e => e.Action == "kmc.device.personalised" && e.Actor == "ca:" + RemoteKmcFixture.CaId && e.Target == "kmc-device:remote-ca/REMOTE-0001");
        audit.ShouldContain(e => e.Action == "kmc.device.unlock-answered" && e.RequestId == "unlock-1");
    }
}
