using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using GmPki.Core.Security;
using GmPki.Registration.Operators;
using GmPki.Server.Http;
using GmPki.Server.Kmc;
using GmPki.Testing;

namespace GmPki.Server.Tests;

/// <summary>
/// Dual certificates (双证书) over the REST API, end to end: the counter flow issues the signing
/// certificate for the holder's key and the encryption certificate for a key the KMC generated;
/// OpenSSL checks both and opens the SM2 envelope with the signing key.
/// </summary>
public sealed class DualCertificateTests(KmcServerFixture fixture) : IClassFixture<KmcServerFixture>
{
    private static readonly JsonSerializerOptions Web = Counter.Web;

    private RunningServer Server => fixture.Server;

    [SkippableFact]
    public async Task CounterDual_Personal_PairLinkedCheckedByOpenSslAndEnvelopeOpensWithTheSigningKey()
    {
        using var client = new OpenSslClient(Server);
        var person = Counter.Person("双证书甲");
        var csr = client.MakeRequest("holder", "-algorithm SM2", "/C=CN/CN=双证书甲");

        var result = await Counter.IssueAsync(Server.Registrar, Counter.New(person, "personal", await File.ReadAllTextAsync(client.File(csr))) with { Dual = true });

        result.Application.Dual.ShouldBeTrue();
        var pair = result.Pair.ShouldNotBeNull();
        pair.SigningSerial.ShouldBe(result.Application.ResultSerial);
        await File.WriteAllTextAsync(client.File("sign.pem"), pair.SigningCertificate);
        await File.WriteAllTextAsync(client.File("enc.pem"), pair.EncryptionCertificate);
        await File.WriteAllTextAsync(client.File("issuing.pem"), pair.Chain);
        var signing = OpenSsl.MustRun(client.Path, "x509", "-in", "sign.pem", "-noout", "-text", "-nameopt", "utf8");
        var encryption = OpenSsl.MustRun(client.Path, "x509", "-in", "enc.pem", "-noout", "-text", "-nameopt", "utf8");
        signing.ShouldContain("Digital Signature, Non Repudiation");
        encryption.ShouldContain("Key Encipherment, Data Encipherment, Key Agreement");
        encryption.ShouldNotContain("Digital Signature");
        OpenSsl.MustRun(client.Path, "x509", "-in", "enc.pem", "-noout", "-subject", "-nameopt", "utf8")
            .ShouldBe(OpenSsl.MustRun(client.Path, "x509", "-in", "sign.pem", "-noout", "-subject", "-nameopt", "utf8"));
        foreach (var certificate in new[] { "sign.pem", "enc.pem" })
        {
            var verify = OpenSsl.Run(client.Path, "verify", "-partial_chain", "-vfyopt", "distid:1234567812345678", "-CAfile", "issuing.pem", certificate);
            verify.ExitCode.ShouldBe(0, verify.Output + verify.Error);
        }

        OpenSsl.MustRun(client.Path, "x509", "-in", "enc.pem", "-noout", "-pubkey", "-out", "enc-pub.pem");
        OpenSsl.MustRun(client.Path, "pkey", "-pubin", "-in", "enc-pub.pem", "-outform", "DER", "-out", "enc-pub.der");
        var (recovered, carried) = Sm2EnvelopeOpener.Open(client.Path, "holder.key", Convert.FromBase64String(pair.EnvelopedKey!));
        recovered.ShouldBe(await File.ReadAllBytesAsync(client.File("enc-pub.der")));
        carried.ShouldBe(recovered[^65..]);
        var blob = Convert.FromBase64String(pair.EnvelopedKeyBlob!);
        blob.Length.ShouldBe(388);
        Sm2EnvelopeOpener.OpenSkfBlob(client.Path, "holder.key", blob).ShouldBe(recovered, "the USB key's ENVELOPEDKEYBLOB carries the same key");

        var fulfilment = result.Application.Steps.Single(s => s.Step == "fulfilment");
        fulfilment.Details.GetProperty("encryptionSerial").GetString().ShouldBe(pair.EncryptionSerial);
        var again = await Server.Registrar.GetFromJsonAsync<PairView>($"/api/v1/applications/{result.Application.Id}/pair", Web);
        again.ShouldBe(pair with { });
        (await Server.Client.GetFromJsonAsync<CertificateSummary>($"/api/v1/certificates/{pair.EncryptionSerial}", Web))!.Profile.ShouldBe("personal-encryption");
    }

    [SkippableFact]
    public async Task CounterRevoke_SigningCertificateOfAPair_RevokesBothInOneWrite()
    {
        using var client = new OpenSslClient(Server);
        var person = Counter.Person("双证书乙");
        var csr = client.MakeRequest("holder", "-algorithm SM2", "/C=CN/CN=双证书乙");
        var result = await Counter.IssueAsync(Server.Registrar, Counter.New(person, "personal", await File.ReadAllTextAsync(client.File(csr))) with { Dual = true });
        var pair = result.Pair!;

        await Counter.ActAsync(Server.Registrar, Counter.Act("revoke", person, result.Application.SubscriberId, pair.SigningSerial, "keyCompromise"));

        foreach (var serial in new[] { pair.SigningSerial, pair.EncryptionSerial })
        {
            (await Server.Client.GetFromJsonAsync<CertificateSummary>($"/api/v1/certificates/{serial}", Web))!.Status.ShouldBe("revoked");
        }
    }

    [SkippableFact]
    public async Task Dual_RenewOfTheEncryptionCertificateOrAProfileWithoutEncryptionProfile_RefusedBeforeAnythingIsRecorded()
    {
        using var client = new OpenSslClient(Server);
        var person = Counter.Person("双证书丙");
        var csr = await File.ReadAllTextAsync(client.File(client.MakeRequest("holder", "-algorithm SM2", "/C=CN/CN=双证书丙")));
        var issued = await Counter.IssueAsync(Server.Registrar, Counter.New(person, "personal", csr) with { Dual = true });
        var renewCsr = await File.ReadAllTextAsync(client.File(client.MakeRequest("renewed", "-algorithm SM2", "/C=CN/CN=双证书丙")));

        var (renewStatus, _, renewRaw) = await Counter.PostAsync(Server.Registrar,
            Counter.Act("renew", person, issued.Application.SubscriberId, issued.Pair!.EncryptionSerial) with { Csr = renewCsr });

        renewStatus.ShouldBe(HttpStatusCode.BadRequest, renewRaw);
        renewRaw.ShouldContain($"apply on its signing certificate {issued.Pair.SigningSerial}");

        var tls = Counter.Organization("双证书网站单位");
        var tlsCsr = await File.ReadAllTextAsync(client.File(client.MakeRequest("site", "-algorithm SM2", "/C=CN/CN=dual.example.gov.cn", "-addext", "subjectAltName=DNS:dual.example.gov.cn")));
        var (tlsStatus, _, tlsRaw) = await Counter.PostAsync(Server.Registrar, Counter.New(tls, "server-tls", tlsCsr) with { Dual = true });

        tlsStatus.ShouldBe(HttpStatusCode.BadRequest, tlsRaw);
        tlsRaw.ShouldContain("names no EncryptionProfile");
        (await Server.Registrar.GetFromJsonAsync<JsonElement>("/api/v1/directory/certificates?subject=dual.example.gov.cn", Web)).GetProperty("total").GetInt32().ShouldBe(0);
    }

    [SkippableFact]
    public async Task CounterKeyRecovery_AfterANewPair_TheOldEncryptionKeyIsDeliveredToTheNewSigningKey()
    {
        using var client = new OpenSslClient(Server);
        var person = Counter.Person("密钥恢复人");
        var first = await Counter.IssueAsync(Server.Registrar,
            Counter.New(person, "personal", await File.ReadAllTextAsync(client.File(client.MakeRequest("lost", "-algorithm SM2", "/C=CN/CN=密钥恢复人")))) with { Dual = true });
        var subscriber = first.Application.SubscriberId;
        var renewed = await Counter.IssueAsync(Server.Registrar, Counter.Act("renew", person, subscriber, first.Pair!.SigningSerial)
            with { Csr = await File.ReadAllTextAsync(client.File(client.MakeRequest("new", "-algorithm SM2", "/C=CN/CN=密钥恢复人"))) });

        var (status, recovery, raw) = await Counter.PostAsync(Server.Registrar, Counter.Act("key-recovery", person, subscriber, first.Pair.EncryptionSerial));

        status.ShouldBe(HttpStatusCode.Created, raw);
        recovery!.Application.State.ShouldBe("completed", raw);
        renewed.Pair.ShouldNotBeNull("a renewal of a pair is a new pair");
        var fulfilment = recovery.Application.Steps.Single(s => s.Step == "fulfilment");
        fulfilment.Details.GetProperty("recipientSerial").GetString().ShouldBe(renewed.Pair.SigningSerial);
        fulfilment.Details.GetProperty("kmcKeyId").GetString().ShouldBe(first.Pair.KmcKeyId);
        var envelope = await Server.Registrar.GetByteArrayAsync($"/api/v1/applications/{recovery.Application.Id}/recovered-key");
        await File.WriteAllTextAsync(client.File("old-enc.pem"), first.Pair.EncryptionCertificate);
        OpenSsl.MustRun(client.Path, "x509", "-in", "old-enc.pem", "-noout", "-pubkey", "-out", "old-enc-pub.pem");
        OpenSsl.MustRun(client.Path, "pkey", "-pubin", "-in", "old-enc-pub.pem", "-outform", "DER", "-out", "old-enc-pub.der");
        var (recovered, _) = Sm2EnvelopeOpener.Open(client.Path, "new.key", envelope);
        recovered.ShouldBe(await File.ReadAllBytesAsync(client.File("old-enc-pub.der")));
        var blob = await Server.Registrar.GetByteArrayAsync($"/api/v1/applications/{recovery.Application.Id}/recovered-key?format=skf");
        Sm2EnvelopeOpener.OpenSkfBlob(client.Path, "new.key", blob).ShouldBe(recovered);
        (await Server.Registrar.GetAsync($"/api/v1/applications/{recovery.Application.Id}/recovered-key?format=pem")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var audit = (await Server.RecentAuditAsync(80)).Select(e => e.Action).ToList();
        audit.ShouldContain("kmc.key.recovered");
        audit.ShouldContain("key-recovery.delivered");
    }

    [SkippableFact]
    public async Task CounterKeyRecovery_LostUsbKey_RevokedPairThenANewPair_OldKeyRecoveredFromTheKmcHistoricalStore()
    {
        using var client = new OpenSslClient(Server);
        var person = Counter.Person("挂失恢复人");
        var lost = await Counter.IssueAsync(Server.Registrar,
            Counter.New(person, "personal", await File.ReadAllTextAsync(client.File(client.MakeRequest("lost", "-algorithm SM2", "/C=CN/CN=挂失恢复人")))) with { Dual = true });
        var subscriber = lost.Application.SubscriberId;
        await Counter.ActAsync(Server.Registrar, Counter.Act("revoke", person, subscriber, lost.Pair!.SigningSerial, "keyCompromise"));
        var replacement = await Counter.IssueAsync(Server.Registrar,
            Counter.New(person, "personal", await File.ReadAllTextAsync(client.File(client.MakeRequest("new", "-algorithm SM2", "/C=CN/CN=挂失恢复人"))))
                with { Subscriber = null, SubscriberId = subscriber, Dual = true });

        var recovery = await Counter.ActAsync(Server.Registrar, Counter.Act("key-recovery", person, subscriber, lost.Pair.EncryptionSerial));

        recovery.Steps.Single(s => s.Step == "fulfilment").Details.GetProperty("recipientSerial").GetString().ShouldBe(replacement.Pair!.SigningSerial);
        var envelope = await Server.Registrar.GetByteArrayAsync($"/api/v1/applications/{recovery.Id}/recovered-key");
        await File.WriteAllTextAsync(client.File("lost-enc.pem"), lost.Pair.EncryptionCertificate);
        OpenSsl.MustRun(client.Path, "x509", "-in", "lost-enc.pem", "-noout", "-pubkey", "-out", "lost-enc-pub.pem");
        OpenSsl.MustRun(client.Path, "pkey", "-pubin", "-in", "lost-enc-pub.pem", "-outform", "DER", "-out", "lost-enc-pub.der");
        Sm2EnvelopeOpener.Open(client.Path, "new.key", envelope).RecoveredPublicKey.ShouldBe(await File.ReadAllBytesAsync(client.File("lost-enc-pub.der")));
        var audit = await Server.RecentAuditAsync(120);
        audit.ShouldContain(e => e.Action == "kmc.key.revoked" && e.Target == "kmc-key:" + lost.Pair.KmcKeyId);
        audit.Single(e => e.Action == "kmc.key.recovered" && e.Target == "kmc-key:" + lost.Pair.KmcKeyId).Details!.ShouldContain("\"state\":\"revoked\"");
    }

    [SkippableFact]
    public async Task KmcSealed_DualApplicationWaitsApproved_UnsealedBySecurityOfficerWithTwoShares_ThenIssues()
    {
        await using var server = await RunningServer.StartWithKmcAsync();
        using var officer = server.Authorized(await server.CreateOperatorAsync(new NewOperator("security-officer", OperatorRole.SecurityOfficer, IdentityNumber: Counter.NextResidentId())));
        (await officer.PostAsJsonAsync("/api/v1/kmc/seal", new SealBody("end of shift"), Web)).StatusCode.ShouldBe(HttpStatusCode.OK);
        using var client = new OpenSslClient(server);
        var person = Counter.Person("双证书戊");
        var csr = await File.ReadAllTextAsync(client.File(client.MakeRequest("holder", "-algorithm SM2", "/C=CN/CN=双证书戊")));

        var (status, _, raw) = await Counter.PostAsync(server.Registrar, Counter.New(person, "personal", csr) with { Dual = true });

        status.ShouldBe(HttpStatusCode.ServiceUnavailable, raw);
        raw.ShouldContain("kmc-sealed");
        var waiting = (await server.Registrar.GetFromJsonAsync<ApplicationPage>("/api/v1/applications?state=approved", Web))!.Items.ShouldHaveSingleItem();
        waiting.Dual.ShouldBeTrue();
        waiting.ResultSerial.ShouldBeNull();

        var shares = Directory.GetFiles(Path.Combine(server.WorkDirectory, "data", "shares")).Order().Select(f => File.ReadAllLines(f)[0]).ToArray();
        using (var one = await officer.PostAsJsonAsync("/api/v1/kmc/unseal", new UnsealBody([shares[2]]), Web))
        {
            one.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
            (await one.Content.ReadAsStringAsync()).ShouldContain("kmc-shares-insufficient");
        }

        (await server.Registrar.PostAsJsonAsync("/api/v1/kmc/unseal", new UnsealBody([shares[0], shares[2]]), Web)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        var unsealed = await officer.PostAsJsonAsync("/api/v1/kmc/unseal", new UnsealBody([shares[0], shares[2]]), Web);
        unsealed.StatusCode.ShouldBe(HttpStatusCode.OK, await unsealed.Content.ReadAsStringAsync());
        (await unsealed.Content.ReadFromJsonAsync<KmcStatusView>(Web))!.Unsealed.ShouldBeTrue();

        var (fulfilled, application, fulfilRaw) = await Counter.StepAsync(server.Registrar, waiting.Id, "fulfilment");
        fulfilled.ShouldBe(HttpStatusCode.OK, fulfilRaw);
        application!.ResultSerial.ShouldNotBeNull();
        (await server.Registrar.GetFromJsonAsync<PairView>($"/api/v1/applications/{waiting.Id}/pair", Web))!.EnvelopedKey.ShouldNotBeNull();
        (await server.RecentAuditAsync(60)).Select(e => e.Action).ShouldContain("kmc.custody.unsealed");
    }
}
