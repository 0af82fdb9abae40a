using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using GmPki.Registration.Workflow;
using GmPki.Server.Http;
using GmPki.Testing;

namespace GmPki.Server.Tests;

/// <summary>
/// Urgent reports (挂失, M09 §31) that hold a certificate at once, and counter status changes for a
/// subscriber's or a compromised key's certificates; relying parties see them through openssl ocsp.
/// </summary>
public class RevocationTests(EcdsaServerFixture fixture) : IClassFixture<EcdsaServerFixture>
{
    private const string EcKey = "-algorithm EC -pkeyopt ec_paramgen_curve:P-256";

    private static readonly JsonSerializerOptions Web = Counter.Web;

    private RunningServer Server => fixture.Server;

    [SkippableFact]
    public async Task PhoneReport_HoldsAtOnce_ThenCompletedRevocationIsKeyCompromise()
    {
        OpenSsl.RequireInstalled();
        using var peer = new StatusPeer(Server);
        var lost = await peer.IssueAsync("lost", EcKey);

        using var response = await Server.Registrar.PostAsJsonAsync("/api/v1/urgent-revocations",
            new PhoneReportBody(lost.Serial, lost.Person.Name, lost.Person.IdentityNumber.ToLowerInvariant(), Note: "call 2026-11-22 10:31, USB key lost"), Web);
        var raw = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.Created, raw);
        var opened = JsonSerializer.Deserialize<OpenedApplicationView>(raw, Web)!;
        var held = await peer.WaitForOcspAsync("lost.pem", "Reason: certificateHold");
        var completed = await Counter.CompleteAsync(Server.Registrar, opened.Application, lost.Person);
        var revoked = await peer.WaitForOcspAsync("lost.pem", "Reason: keyCompromise");

        opened.Application.Kind.ShouldBe("revoke");
        opened.Application.State.ShouldBe("open");
        opened.Application.Steps.Select(s => s.Step).ShouldBe(["urgent-suspension"]);
        opened.Application.NextStep.ShouldBe("identity-verification");
        held.Output.ShouldContain("lost.pem: revoked");
        held.Output.ShouldContain("Reason: certificateHold");
        completed.State.ShouldBe("completed");
        completed.Steps[0].Step.ShouldBe("urgent-suspension");
        revoked.Output.ShouldContain("lost.pem: revoked");
        revoked.Output.ShouldContain("Reason: keyCompromise");
    }

    [Fact]
    public async Task PhoneReport_CallerNotTheHolder_RefusedAuditedAndCertificateStaysGood()
    {
        using var peer = new StatusPeer(Server);
        var holder = await peer.IssueAsync("impostor-target", EcKey);

        using var response = await Server.Registrar.PostAsJsonAsync("/api/v1/urgent-revocations",
            new PhoneReportBody(holder.Serial, holder.Person.Name, Counter.NextResidentId()), Web);

        response.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await response.Content.ReadAsStringAsync()).ShouldContain("urgent-report-unverified");
        (await StatusOfAsync(holder.Serial)).ShouldBe("good");
        (await Server.RecentAuditAsync(10)).ShouldContain(e => e.Action == "certificate.urgent-report-refused" && e.Target == "certificate:" + holder.Serial && e.Outcome == "rejected");
    }

    [SkippableFact]
    public async Task OnlineReport_SignedByOpenSslWithTheCertificateKey_HoldsAtOnce_ForgeryRefused()
    {
        OpenSsl.RequireInstalled();
        using var peer = new StatusPeer(Server);
        var holder = await peer.IssueAsync("online", EcKey);
        OpenSsl.MustRun(peer.Path, "genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", "other.key");
        var signedAt = DateTimeOffset.UtcNow;
        await File.WriteAllBytesAsync(peer.File("report.txt"), UrgentRevocationDesk.MessageOf(holder.Serial, "keyCompromise", signedAt));
        OpenSsl.MustRun(peer.Path, "dgst", "-sha256", "-sign", "online.key", "-out", "report.sig", "report.txt");
        OpenSsl.MustRun(peer.Path, "dgst", "-sha256", "-sign", "other.key", "-out", "forged.sig", "report.txt");

        using var anonymous = Server.Authorized(null);
        using var forged = await anonymous.PostAsJsonAsync("/api/v1/urgent-revocations/online",
            new OnlineReportBody(holder.Serial, signedAt, Convert.ToBase64String(await File.ReadAllBytesAsync(peer.File("forged.sig")))), Web);
        var statusAfterForgery = await StatusOfAsync(holder.Serial);
        using var genuine = await anonymous.PostAsJsonAsync("/api/v1/urgent-revocations/online",
            new OnlineReportBody(holder.Serial, signedAt, Convert.ToBase64String(await File.ReadAllBytesAsync(peer.File("report.sig")))), Web);
        var raw = await genuine.Content.ReadAsStringAsync();

        forged.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        statusAfterForgery.ShouldBe("good");
        genuine.StatusCode.ShouldBe(HttpStatusCode.Created, raw);
        JsonSerializer.Deserialize<OpenedApplicationView>(raw, Web)!.AccessToken.ShouldStartWith(ApplicationDesk.TokenPrefix);
        (await StatusOfAsync(holder.Serial)).ShouldBe("suspended");
        (await peer.WaitForOcspAsync("online.pem", "Reason: certificateHold")).Output.ShouldContain("Reason: certificateHold");
    }

    [SkippableFact]
    public async Task CounterStatusChanges_CompromisedKeyThenSubscriber_ActOnExactlyThoseCertificates_RevokedNeverReturns()
    {
        OpenSsl.RequireInstalled();
        using var peer = new StatusPeer(Server);
        var first = await peer.IssueAsync("keyholder", EcKey);
        OpenSsl.MustRun(peer.Path, "req", "-new", "-key", "keyholder.key", "-subj", "/C=CN/CN=keyholder", "-out", "same-key.csr");
        var sameKey = await peer.IssueToAsync(first.Person, "same-key.csr", "same-key");
        OpenSsl.MustRun(peer.Path, "genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", "new.key");
        OpenSsl.MustRun(peer.Path, "req", "-new", "-key", "new.key", "-subj", "/C=CN/CN=keyholder", "-out", "new-key.csr");
        var otherKey = await peer.IssueToAsync(first.Person, "new-key.csr", "new-key");

        var byKey = await ChangeAsync(new StatusChangeBody("revoke", "in-person", "本人密钥泄露，申请撤销。", Counter.Materials(first.Person),
            KeyOfSerial: first.Serial, Reason: "keyCompromise", IdentityEvidence: [Counter.Scan("identity.pdf")], PaperForms: [Counter.Scan("forms.pdf")]));
        var suspended = await ChangeAsync(new StatusChangeBody("suspend", "in-person", "本人申请冻结全部证书。", SubscriberId: first.Subscriber, IdentityEvidence: [Counter.Scan("identity.pdf")]));
        using var resumeRevoked = await Server.Registrar.PostAsJsonAsync("/api/v1/counter/status-changes",
            new StatusChangeBody("resume", "in-person", "恢复。", Serial: first.Serial, IdentityEvidence: [Counter.Scan("identity.pdf")]), Web);

        first.Subscriber.ShouldBe(sameKey.Subscriber);
        byKey.Applications.Select(a => a.TargetSerial).ShouldBe([first.Serial, sameKey.Serial], ignoreOrder: true);
        byKey.Applications.ShouldAllBe(a => a.State == "completed" && a.Reason == "keyCompromise");
        suspended.Applications.Select(a => a.TargetSerial).ShouldBe([otherKey.Serial]);
        resumeRevoked.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await StatusOfAsync(first.Serial)).ShouldBe("revoked");
        (await StatusOfAsync(sameKey.Serial)).ShouldBe("revoked");
        (await StatusOfAsync(otherKey.Serial)).ShouldBe("suspended");
        (await peer.WaitForOcspAsync("same-key.pem", "Reason: keyCompromise")).Output.ShouldContain("Reason: keyCompromise");
    }

    [SkippableFact]
    public async Task AuthorityRevocation_FalseInformation_RegistrarRecordsReviewerApproves_OcspReasonPrivilegeWithdrawn()
    {
        OpenSsl.RequireInstalled();
        using var peer = new StatusPeer(Server);
        var holder = await peer.IssueAsync("false-info", EcKey);
        using var unknownGround = await Server.Registrar.PostAsJsonAsync("/api/v1/authority-revocations",
            new AuthorityRevocationBody("dislike", "不喜欢。", [Counter.Scan("memo.pdf")], Serial: holder.Serial), Web);
        using var opened = await Server.Registrar.PostAsJsonAsync("/api/v1/authority-revocations",
            new AuthorityRevocationBody("false-information", "身份证件经核查为伪造。", [Counter.Scan("police-letter.pdf")], Serial: holder.Serial), Web);
        var raw = await opened.Content.ReadAsStringAsync();
        opened.StatusCode.ShouldBe(HttpStatusCode.Created, raw);
        var application = JsonSerializer.Deserialize<StatusChangeView>(raw, Web)!.Applications.Single();

        var byRegistrar = await Counter.StepAsync(Server.Registrar, application.Id, "approval", new ApprovalInput(true, "自己批准"));
        var approved = await Counter.StepAsync(Server.Reviewer, application.Id, "approval", new ApprovalInput(true, "核实属实，同意撤销。"));
        var fulfilled = await Counter.StepAsync(Server.Registrar, application.Id, "fulfilment");

        unknownGround.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        application.Kind.ShouldBe("authority-revoke");
        application.State.ShouldBe("awaiting-approval");
        application.TwoPersonRule.ShouldBeTrue();
        application.Steps.Single().Step.ShouldBe("grounds-review");
        application.Steps.Single().Method.ShouldBe("false-information");
        application.Steps.Single().Evidence.Single().Name.ShouldBe("police-letter.pdf");
        byRegistrar.Status.ShouldBe(HttpStatusCode.Forbidden, byRegistrar.Raw);
        approved.Status.ShouldBe(HttpStatusCode.OK, approved.Raw);
        fulfilled.Status.ShouldBe(HttpStatusCode.OK, fulfilled.Raw);
        fulfilled.Application!.State.ShouldBe("completed");
        (await StatusOfAsync(holder.Serial)).ShouldBe("revoked");
        // OpenSSL 3.0 has no name for CRLReason 9 (privilegeWithdrawn) and prints its code.
        (await peer.WaitForOcspAsync("false-info.pem", "Revocation Reason: (UNKNOWN) (0x9)")).Output.ShouldContain("Revocation Reason: (UNKNOWN) (0x9)");
    }

    private async Task<StatusChangeView> ChangeAsync(StatusChangeBody body)
    {
        using var response = await Server.Registrar.PostAsJsonAsync("/api/v1/counter/status-changes", body, Web);
        var raw = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.OK, raw);
        return JsonSerializer.Deserialize<StatusChangeView>(raw, Web)!;
    }

    private async Task<string> StatusOfAsync(string serial)
        => (await Server.Client.GetFromJsonAsync<JsonElement>($"/api/v1/certificates/{serial}", Web)).GetProperty("status").GetString()!;
}
