using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using GmPki.Core.Security;
using GmPki.Registration.Operators;
using GmPki.Registration.Workflow;
using GmPki.Server.Http;
using GmPki.Testing;

namespace GmPki.Server.Tests;

/// <summary>
/// Judicial key recovery (司法密钥恢复) over the REST API: a registrar records the legal order and
/// the recipient certificate it designates, two KMC officers (two people) approve, the KMC seals the
/// holder's escrowed encryption key to the recipient, and OpenSSL opens it with the recipient's key.
/// </summary>
public sealed class JudicialKeyRecoveryTests(KmcServerFixture fixture) : IClassFixture<KmcServerFixture>
{
    private static readonly JsonSerializerOptions Web = Counter.Web;

    private RunningServer Server => fixture.Server;

    [SkippableFact]
    public async Task Judicial_OrderOnARevokedPair_TwoDistinctKmcOfficers_KeyOpensWithTheRecipientsKey()
    {
        using var client = new OpenSslClient(Server);
        var (holder, pair) = await RevokedPairAsync(client, "司法恢复持有人");
        var recipient = await RecipientAsync(client, "recipient", "司法恢复接收人");
        var (first, firstSamePerson, second) = await KmcOfficersAsync();

        using var opened = await Server.Registrar.PostAsJsonAsync("/api/v1/judicial-key-recoveries", Order(pair.EncryptionSerial, recipient.Serial), Web);
        opened.StatusCode.ShouldBe(HttpStatusCode.Created, await opened.Content.ReadAsStringAsync());
        var application = (await opened.Content.ReadFromJsonAsync<ApplicationView>(Web))!;
        application.Kind.ShouldBe("judicial-key-recovery");
        application.SubscriberId.ShouldBe(holder);
        application.Steps.ShouldHaveSingleItem().Details.GetProperty("recipientSerial").GetString().ShouldBe(recipient.Serial);

        (await Counter.StepAsync(Server.Reviewer, application.Id, "kmc-approval", Approve())).Status.ShouldBe(HttpStatusCode.Forbidden, "a reviewer is not a KMC officer");
        (await Counter.StepAsync(Server.Registrar, application.Id, "fulfilment")).Status.ShouldBe(HttpStatusCode.Conflict, "no approval yet");
        await MustAsync(first, application.Id, "kmc-approval", Approve());
        var (again, _, againRaw) = await Counter.StepAsync(first, application.Id, "approval", Approve());
        again.ShouldBe(HttpStatusCode.Forbidden, againRaw);
        againRaw.ShouldContain("two-person-rule-violated");
        var (samePerson, _, samePersonRaw) = await Counter.StepAsync(firstSamePerson, application.Id, "approval", Approve());
        samePerson.ShouldBe(HttpStatusCode.Forbidden, samePersonRaw);
        samePersonRaw.ShouldContain("accounts of the same person");
        var (oneApprover, _, oneApproverRaw) = await Counter.StepAsync(second, application.Id, "fulfilment");
        oneApprover.ShouldBe(HttpStatusCode.Conflict, oneApproverRaw);
        oneApproverRaw.ShouldContain("fulfilment cannot be recorded before approval");

        await MustAsync(second, application.Id, "approval", Approve());
        var completed = await MustAsync(second, application.Id, "fulfilment", null);

        completed.State.ShouldBe("completed");
        var fulfilment = completed.Steps.Single(s => s.Step == "fulfilment");
        fulfilment.Details.GetProperty("kind").GetString().ShouldBe("judicial");
        fulfilment.Details.GetProperty("recipientSerial").GetString().ShouldBe(recipient.Serial);
        var envelope = await Server.Registrar.GetByteArrayAsync($"/api/v1/applications/{application.Id}/recovered-key");
        await File.WriteAllTextAsync(client.File("enc.pem"), pair.EncryptionCertificate);
        OpenSsl.MustRun(client.Path, "x509", "-in", "enc.pem", "-noout", "-pubkey", "-out", "enc-pub.pem");
        OpenSsl.MustRun(client.Path, "pkey", "-pubin", "-in", "enc-pub.pem", "-outform", "DER", "-out", "enc-pub.der");
        var (recovered, _) = Sm2EnvelopeOpener.Open(client.Path, "recipient.key", envelope);
        recovered.ShouldBe(await File.ReadAllBytesAsync(client.File("enc-pub.der")));
        Should.Throw<Exception>(() => Sm2EnvelopeOpener.Open(client.Path, "holder.key", envelope), "only the designated recipient opens it");

        var audit = await Server.RecentAuditAsync(200);
        var recoveredEvent = audit.Single(e => e.Action == "kmc.key.recovered" && e.Target == "kmc-key:" + pair.KmcKeyId);
        using var details = JsonDocument.Parse(recoveredEvent.Details!);
        details.RootElement.GetProperty("kind").GetString().ShouldBe("judicial");
        details.RootElement.GetProperty("state").GetString().ShouldBe("revoked", "the pair's revocation moved the key to the historical store");
        details.RootElement.GetProperty("approvedBy").EnumerateArray().Select(a => a.GetString()).Distinct().Count().ShouldBe(2);
        details.RootElement.GetProperty("reference").GetString()!.ShouldContain("（2026）京01刑初1号");
        audit.ShouldContain(e => e.Action == "kmc.key.revoked" && e.Target == "kmc-key:" + pair.KmcKeyId);
    }

    [SkippableFact]
    public async Task Judicial_RevokedRecipient_RefusedAtOpeningNothingRecorded_AndAtDeliveryTheApplicationIsRejected()
    {
        using var client = new OpenSslClient(Server);
        var (holder, pair) = await RevokedPairAsync(client, "司法恢复持有人乙");
        var revokedRecipient = await RecipientAsync(client, "old-recipient", "司法恢复旧接收人");
        await RevokeAsync(revokedRecipient);
        var before = await ApplicationCountAsync();

        using (var refused = await Server.Registrar.PostAsJsonAsync("/api/v1/judicial-key-recoveries", Order(pair.SigningSerial, revokedRecipient.Serial), Web))
        {
            refused.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
            (await refused.Content.ReadAsStringAsync()).ShouldContain("recipient-certificate-invalid");
        }

        (await ApplicationCountAsync()).ShouldBe(before, "a refused order records nothing");
        var (first, _, second) = await KmcOfficersAsync();
        using (var byOfficer = await first.PostAsJsonAsync("/api/v1/judicial-key-recoveries", Order(pair.SigningSerial, revokedRecipient.Serial), Web))
        {
            byOfficer.StatusCode.ShouldBe(HttpStatusCode.Forbidden, "the legal order is recorded at the desk");
        }

        using (var generic = await Server.Registrar.PostAsJsonAsync("/api/v1/applications", new { kind = "judicial-key-recovery", subscriberId = holder, targetSerial = pair.SigningSerial }, Web))
        {
            generic.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
            (await generic.Content.ReadAsStringAsync()).ShouldContain("/api/v1/judicial-key-recoveries");
        }

        var recipient = await RecipientAsync(client, "recipient", "司法恢复接收人乙");
        using var opened = await Server.Registrar.PostAsJsonAsync("/api/v1/judicial-key-recoveries", Order(pair.SigningSerial, recipient.Serial), Web);
        opened.StatusCode.ShouldBe(HttpStatusCode.Created, await opened.Content.ReadAsStringAsync());
        var id = (await opened.Content.ReadFromJsonAsync<ApplicationView>(Web))!.Id;
        await MustAsync(first, id, "kmc-approval", Approve());
        await MustAsync(second, id, "approval", Approve());
        await RevokeAsync(recipient);

        var (status, _, raw) = await Counter.StepAsync(second, id, "fulfilment");

        status.ShouldBe(HttpStatusCode.BadRequest, raw);
        raw.ShouldContain("recipient-certificate-invalid");
        var rejected = (await Server.Registrar.GetFromJsonAsync<ApplicationView>($"/api/v1/applications/{id}", Web))!;
        rejected.State.ShouldBe("rejected");
        rejected.Steps[^1].Details.GetProperty("error").GetString().ShouldBe("recipient-certificate-invalid");
        (await Server.Registrar.GetAsync($"/api/v1/applications/{id}/recovered-key")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await Server.RecentAuditAsync(60)).ShouldNotContain(e => e.Action == "kmc.key.recovered" && e.Target == "kmc-key:" + pair.KmcKeyId);
    }

    private static JudicialKeyRecoveryBody Order(string target, string recipient)
        => new(target, recipient, "北京市第一中级人民法院", "（2026）京01刑初1号", new DateOnly(2026, 11, 20),
            "协助调查：解密持有人加密的电子公文。承办人持协助执行通知书到场。", [Counter.Scan("order.pdf")]);

    private static ApprovalInput Approve() => new(true, "法律文书真实有效，同意恢复。");

    /// <summary>A holder's dual pair, revoked at the counter (lost USB key); the holder's signing key is <c>holder.key</c>.</summary>
    private async Task<(Guid Holder, PairView Pair)> RevokedPairAsync(OpenSslClient client, string name)
    {
        var person = Counter.Person(name);
        var issued = await Counter.IssueAsync(Server.Registrar,
            Counter.New(person, "personal", await File.ReadAllTextAsync(client.File(client.MakeRequest("holder", "-algorithm SM2", "/C=CN/CN=" + name)))) with { Dual = true });
        await Counter.ActAsync(Server.Registrar, Counter.Act("revoke", person, issued.Application.SubscriberId, issued.Pair!.SigningSerial, "keyCompromise"));
        return (issued.Application.SubscriberId, issued.Pair);
    }

    /// <summary>A single SM2 signing certificate for an investigator, key <c>{key}.key</c>.</summary>
    private async Task<Recipient> RecipientAsync(OpenSslClient client, string key, string name)
    {
        var person = Counter.Person(name);
        var issued = await Counter.IssueAsync(Server.Registrar,
            Counter.New(person, "personal", await File.ReadAllTextAsync(client.File(client.MakeRequest(key, "-algorithm SM2", "/C=CN/CN=" + name)))));
        return new Recipient(issued.Application.ResultSerial!, issued.Application.SubscriberId, person);
    }

    private Task<ApplicationView> RevokeAsync(Recipient recipient)
        => Counter.ActAsync(Server.Registrar, Counter.Act("revoke", recipient.Person, recipient.Holder, recipient.Serial, "affiliationChanged"));

    private async Task<int> ApplicationCountAsync() => (await Server.Registrar.GetFromJsonAsync<ApplicationPage>("/api/v1/applications", Web))!.Total;

    /// <summary>Two KMC officers (two people), and a second account of the first officer's person.</summary>
    private async Task<(HttpClient First, HttpClient FirstSamePerson, HttpClient Second)> KmcOfficersAsync()
    {
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var firstPerson = Counter.NextResidentId();
        return (
            Server.Authorized(await Server.CreateOperatorAsync(new NewOperator("kmc-a-" + suffix, OperatorRole.KmcOfficer, IdentityNumber: firstPerson))),
            Server.Authorized(await Server.CreateOperatorAsync(new NewOperator("kmc-a2-" + suffix, OperatorRole.KmcOfficer, IdentityNumber: firstPerson))),
            Server.Authorized(await Server.CreateOperatorAsync(new NewOperator("kmc-b-" + suffix, OperatorRole.KmcOfficer, IdentityNumber: Counter.NextResidentId()))));
    }

    private sealed record Recipient(string Serial, Guid Holder, SubscriberBody Person);

    private static async Task<ApplicationView> MustAsync(HttpClient client, Guid id, string step, object? body)
    {
        var (status, application, raw) = await Counter.StepAsync(client, id, step, body);
        status.ShouldBe(HttpStatusCode.OK, raw);
        return application!;
    }
}
