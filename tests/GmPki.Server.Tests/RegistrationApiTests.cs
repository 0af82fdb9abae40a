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
/// The registration workflow over HTTP: an applicant online with their access token, the
/// registrar and the reviewer, each recording their steps in order (M24 §21, D §20).
/// </summary>
public class RegistrationApiTests(Sm2ServerFixture fixture) : IClassFixture<Sm2ServerFixture>
{
    private static readonly JsonSerializerOptions Web = Counter.Web;

    private RunningServer Server => fixture.Server;

    [SkippableFact]
    public async Task Online_ApplicantSignsAgreementWithOpenSsl_EveryStepInOrder_Completed()
    {
        using var client = new OpenSslClient(Server);
        var csr = await File.ReadAllTextAsync(client.File(client.MakeRequest("online", "-algorithm SM2", "/CN=网上申请人")));
        var (opened, applicant) = await OpenOnlineAsync(Counter.Person("网上申请人"), csr);
        using var _ = applicant;
        var id = opened.Application.Id;
        opened.Application.NextStep.ShouldBe("identity-verification");

        var early = await Counter.StepAsync(applicant, id, "notice-acknowledgement", new ConsentBody(1, "click"));
        early.Status.ShouldBe(HttpStatusCode.Conflict, early.Raw);
        early.Raw.ShouldContain("workflow-step-out-of-order");
        (await Server.RecentAuditAsync()).ShouldContain(e => e.Action == "request.rejected" && e.Details!.Contains("workflow-step-out-of-order"));

        await MustAsync(Server.Registrar, id, "identity-verification", new IdentityBody("in-person", true, "resident-identity-card", null, [Counter.Scan("id.pdf")]));
        await MustAsync(Server.Registrar, id, "materials-review", new MaterialsBody(Counter.Materials(Counter.Person("网上申请人"))));
        var notice = await DocumentAsync("notice");
        await MustAsync(applicant, id, "notice-acknowledgement", new ConsentBody(notice.GetProperty("version").GetInt32(), "click"));

        var agreement = await DocumentAsync("agreement");
        agreement.GetProperty("kind").GetString().ShouldBe("agreement");
        var digest = Convert.FromHexString(agreement.GetProperty("sm3").GetString()!);
        var version = agreement.GetProperty("version").GetInt32();
        var forged = await Counter.StepAsync(applicant, id, "agreement-signature", new ConsentBody(version, "signature", Convert.ToBase64String(SignWithOpenSsl(client, "other", digest))));
        forged.Status.ShouldBe(HttpStatusCode.BadRequest, forged.Raw);
        forged.Raw.ShouldContain("agreement-signature-invalid");
        await MustAsync(applicant, id, "agreement-signature", new ConsentBody(version, "signature", Convert.ToBase64String(SignWithOpenSsl(client, "online", digest))));

        await MustAsync(applicant, id, "will-confirmation", new WillBody("click", "本人自愿申请个人数字证书。"));
        await MustAsync(Server.Registrar, id, "subject-consistency");
        await MustAsync(Server.Registrar, id, "approval", new ApprovalInput(true, "同意。"));
        var fulfilled = await MustAsync(applicant, id, "fulfilment");
        var completed = await MustAsync(applicant, id, "acceptance", new AcceptanceBody("click"));

        fulfilled.State.ShouldBe("fulfilled");
        completed.State.ShouldBe("completed");
        completed.NextStep.ShouldBeNull();
        completed.Steps.Select(s => (s.Step, s.Actor)).ShouldBe([
            ("identity-verification", "operator:registrar"), ("materials-review", "operator:registrar"),
            ("notice-acknowledgement", "applicant:" + id), ("agreement-signature", "applicant:" + id), ("will-confirmation", "applicant:" + id),
            ("subject-consistency", "operator:registrar"), ("approval", "operator:registrar"),
            ("fulfilment", "applicant:" + id), ("acceptance", "applicant:" + id)]);
        completed.Steps.Single(s => s.Step == "agreement-signature").Details.GetProperty("sm3").GetString()
            .ShouldBe(agreement.GetProperty("sm3").GetString());
        var certificate = await Counter.CertificatePemAsync(Server.Client, completed.ResultSerial!);
        await File.WriteAllTextAsync(client.File("online.pem"), certificate);
        OpenSsl.MustRun(client.Path, "x509", "-in", "online.pem", "-noout", "-subject", "-nameopt", "utf8").ShouldContain("CN=网上申请人");
    }

    [SkippableFact]
    public async Task Online_AgreementDigest_IsOpenSslSm3OfTheCanonicalText()
    {
        using var client = new OpenSslClient(Server);
        var agreement = await DocumentAsync("agreement");
        var sections = agreement.GetProperty("sections").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!);
        await File.WriteAllBytesAsync(client.File("agreement.txt"), GmPki.Registration.Documents.DocumentDigest.CanonicalBytes(agreement.GetProperty("title").GetString()!, sections));

        var digest = OpenSsl.MustRun(client.Path, "dgst", "-sm3", "-r", "agreement.txt").Split(' ')[0];

        digest.ShouldBe(agreement.GetProperty("sm3").GetString());
    }

    [Fact]
    public async Task Online_ApplicantToken_OnlyReachesItsOwnApplication()
    {
        var (first, firstApplicant) = await OpenOnlineAsync(Counter.Person("甲申请人"), Sm2Csr("甲申请人"));
        var (second, secondApplicant) = await OpenOnlineAsync(Counter.Person("乙申请人"), Sm2Csr("乙申请人"));
        using var a = firstApplicant;
        using var b = secondApplicant;

        (await a.GetAsync($"/api/v1/applications/{first.Application.Id}")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await a.GetAsync($"/api/v1/applications/{second.Application.Id}")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await a.GetAsync("/api/v1/applications")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await a.GetAsync("/api/v1/certificates")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await Counter.StepAsync(a, first.Application.Id, "identity-verification", new IdentityBody("in-person", true, "x"))).Status.ShouldBe(HttpStatusCode.Forbidden);
        (await Counter.StepAsync(a, second.Application.Id, "withdrawal", new WithdrawalBody("not mine"))).Status.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Online_OpenedWithSubscriberId_ForbiddenAndNothingRecorded()
    {
        using var anonymous = Server.Authorized(null);

        var response = await anonymous.PostAsJsonAsync("/api/v1/applications",
            new OpenApplicationBody("new", SubscriberId: Guid.NewGuid(), Profile: "personal", Csr: Sm2Csr("冒名")), Web);

        response.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    /// <summary>
    /// <c>"evidence":[null]</c> in a step body (found by fuzz/GmPki.HttpFuzz, mutation json-null, on
    /// notice-acknowledgement and agreement-signature) was a NullReferenceException (500); the reader
    /// refuses a null element of a list declared non-nullable, and no step is recorded.
    /// </summary>
    [Theory]
    [InlineData("notice-acknowledgement")]
    [InlineData("agreement-signature")]
    public async Task Online_StepEvidenceWithNullElement_400RequestInvalidAndNoStep(string step)
    {
        var (opened, applicant) = await OpenOnlineAsync(Counter.Person("空证据"), Sm2Csr("空证据"));
        using var _ = applicant;
        var id = opened.Application.Id;

        var (status, _, raw) = await Counter.StepAsync(applicant, id, step, new { version = 1, method = "click", evidence = new object?[] { null } });

        status.ShouldBe(HttpStatusCode.BadRequest, raw);
        raw.ShouldContain("request-invalid");
        var application = (await applicant.GetFromJsonAsync<ApplicationView>($"/api/v1/applications/{id}", Web))!;
        application.Steps.ShouldNotContain(s => s.Step == step);
    }

    [Fact]
    public async Task Online_InvalidIdentityNumber_400SubscriberInvalidAndNothingRecorded()
    {
        using var anonymous = Server.Authorized(null);
        var before = await CountAsync();

        var response = await anonymous.PostAsJsonAsync("/api/v1/applications",
            new OpenApplicationBody("new", Subscriber: Counter.Person("错号", identityNumber: "110105194912310021"), Profile: "personal", Csr: Sm2Csr("错号")), Web);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.Content.ReadAsStringAsync()).ShouldContain("subscriber-invalid");
        (await CountAsync()).ShouldBe(before);
    }

    [Fact]
    public async Task Withdrawal_ByApplicant_ThenNoFurtherSteps()
    {
        var (opened, applicant) = await OpenOnlineAsync(Counter.Person("撤回人"), Sm2Csr("撤回人"));
        using var _ = applicant;
        var id = opened.Application.Id;

        var withdrawn = await MustAsync(applicant, id, "withdrawal", new WithdrawalBody("不再需要"));
        var after = await Counter.StepAsync(Server.Registrar, id, "identity-verification", new IdentityBody("in-person", true, "resident-identity-card"));

        withdrawn.State.ShouldBe("withdrawn");
        after.Status.ShouldBe(HttpStatusCode.Conflict, after.Raw);
        (await Server.RecentAuditAsync()).ShouldContain(e => e.Action == "application.withdrawn" && e.Target == "application:" + id);
    }

    [Fact]
    public async Task TwoPersonRule_RegistrarCannotApprove_ReviewerApprovesAndCertificateIssues()
    {
        var organization = await Counter.RegisterAsync(Server.Registrar, Counter.Organization("某区人民政府", "government-department"));
        var staff = Counter.Person("公务员甲", organization);
        var (status, result, raw) = await Counter.PostAsync(Server.Registrar,
            Counter.New(staff, "government-staff", Sm2Csr("公务员甲", "某区人民政府")));
        status.ShouldBe(HttpStatusCode.Created, raw);
        result!.Application.State.ShouldBe("awaiting-approval");
        result.Application.TwoPersonRule.ShouldBeTrue();
        result.Certificate.ShouldBeNull();
        var id = result.Application.Id;

        var byRegistrar = await Counter.StepAsync(Server.Registrar, id, "approval", new ApprovalInput(true, "自己批准"));
        var noComment = await Counter.StepAsync(Server.Reviewer, id, "approval", new ApprovalInput(true, " "));
        var completed = await Counter.ApproveAndCompleteAsync(Server, id, staff.IdentityNumber);

        byRegistrar.Status.ShouldBe(HttpStatusCode.Forbidden, byRegistrar.Raw);
        noComment.Status.ShouldBe(HttpStatusCode.BadRequest, noComment.Raw);
        completed.State.ShouldBe("completed");
        completed.Steps.Single(s => s.Step == "approval").Actor.ShouldBe("operator:reviewer");
    }

    [Fact]
    public async Task TwoPersonRule_RegistrarAndReviewerAccountsOfOnePerson_Refused()
    {
        const string samePerson = "110101198001010010";
        using var registrar = Server.Authorized(await Server.CreateOperatorAsync(new NewOperator("reg-zhou", OperatorRole.Registrar, IdentityNumber: samePerson)));
        using var reviewer = Server.Authorized(await Server.CreateOperatorAsync(new NewOperator("rev-zhou", OperatorRole.Reviewer, IdentityNumber: samePerson)));
        var organization = await Counter.RegisterAsync(registrar, Counter.Organization("某镇人民政府", "government-department"));
        var staff = Counter.Person("公务员丙", organization);
        var (_, result, raw) = await Counter.PostAsync(registrar, Counter.New(staff, "government-staff", Sm2Csr("公务员丙", "某镇人民政府")));
        result.ShouldNotBeNull(raw);

        var sameHolder = await Counter.StepAsync(reviewer, result.Application.Id, "approval", new ApprovalInput(true, "同意"));
        var other = await Counter.StepAsync(Server.Reviewer, result.Application.Id, "approval", new ApprovalInput(true, "同意"));

        sameHolder.Status.ShouldBe(HttpStatusCode.Forbidden, sameHolder.Raw);
        sameHolder.Raw.ShouldContain("two-person-rule-violated");
        sameHolder.Raw.ShouldContain("same person");
        other.Status.ShouldBe(HttpStatusCode.OK, other.Raw);
    }

    [Fact]
    public async Task Acceptance_ReceiverIsNotTheApplicant_Refused()
    {
        var organization = await Counter.RegisterAsync(Server.Registrar, Counter.Organization("某县人民政府", "government-department"));
        var staff = Counter.Person("公务员乙", organization);
        var (_, result, _) = await Counter.PostAsync(Server.Registrar, Counter.New(staff, "government-staff", Sm2Csr("公务员乙", "某县人民政府")));
        var id = result!.Application.Id;
        await MustAsync(Server.Reviewer, id, "approval", new ApprovalInput(true, "同意"));
        await MustAsync(Server.Registrar, id, "fulfilment");

        var stranger = await Counter.StepAsync(Server.Registrar, id, "acceptance", new AcceptanceBody("in-person", "110101199003071233"));

        stranger.Status.ShouldBe(HttpStatusCode.BadRequest, stranger.Raw);
        stranger.Raw.ShouldContain("the receiver's identity number is not the applicant's");
    }

    [Fact]
    public async Task Counter_SubjectNamesSomeoneElse_RejectedWithoutCertificate()
    {
        var (status, result, raw) = await Counter.PostAsync(Server.Registrar, Counter.New(Counter.Person("张三"), "personal", Sm2Csr("李四")));

        status.ShouldBe(HttpStatusCode.Created, raw);
        result!.Application.State.ShouldBe("rejected");
        result.Certificate.ShouldBeNull();
        var failed = result.Application.Steps[^1];
        failed.Step.ShouldBe("subject-consistency");
        failed.Passed.ShouldBeFalse();
        failed.Details.GetRawText().ShouldContain("李四");
    }

    [Fact]
    public async Task Counter_Administrator_ForbiddenBySeparationOfDuties()
    {
        var (status, _, raw) = await Counter.PostAsync(Server.Client, Counter.New(Counter.Person("管理员代办"), "personal", Sm2Csr("管理员代办")));

        status.ShouldBe(HttpStatusCode.Forbidden, raw);
    }

    [Theory]
    [InlineData("enterprise", "某科技有限公司")]
    [InlineData("public-institution", "某市档案馆")]
    [InlineData("social-group", "某市软件行业协会")]
    [InlineData("government-department", "某市财政局")]
    public async Task Counter_EveryOrganizationType_Issues(string type, string name)
    {
        var result = await Counter.IssueAsync(Server.Registrar, Counter.New(Counter.Organization(name, type), "organization", Sm2Csr(name, name)));

        result.Application.Steps.Single(s => s.Step == "materials-review").Details.GetRawText()
            .ShouldContain(type == "government-department" ? "establishment-document" : "registration-certificate");
    }

    [Fact]
    public async Task Counter_SuspendResumeRevoke_StatusFollowsAndRevokedCannotResume()
    {
        var person = Counter.Person("状态人");
        var issued = await Counter.IssueAsync(Server.Registrar, Counter.New(person, "personal", Sm2Csr("状态人")));
        var serial = issued.Application.ResultSerial!;
        var subscriber = issued.Application.SubscriberId;

        await Counter.ActAsync(Server.Registrar, Counter.Act("suspend", person, subscriber, serial));
        (await StatusAsync(serial)).ShouldBe("suspended");
        await Counter.ActAsync(Server.Registrar, Counter.Act("resume", person, subscriber, serial));
        (await StatusAsync(serial)).ShouldBe("good");
        await Counter.ActAsync(Server.Registrar, Counter.Act("revoke", person, subscriber, serial, "keyCompromise"));
        (await StatusAsync(serial)).ShouldBe("revoked");
        var again = await Counter.PostAsync(Server.Registrar, Counter.Act("suspend", person, subscriber, serial));

        again.Status.ShouldBe(HttpStatusCode.BadRequest, again.Raw);
        again.Raw.ShouldContain("revoked");
        (await Server.RecentAuditAsync(80)).ShouldContain(e => e.Action == "application.step-recorded" && e.Details!.Contains("\"to\":\"revoked\"") && e.Details.Contains(serial));
    }

    [Fact]
    public async Task Counter_RenewAndExtend_NewCertificatesForTheSameSubscriber()
    {
        var person = Counter.Person("续期人");
        var issued = await Counter.IssueAsync(Server.Registrar, Counter.New(person, "personal", Sm2Csr("续期人")));
        var serial = issued.Application.ResultSerial!;

        var extended = await Counter.IssueAsync(Server.Registrar, Counter.Act("extend", person, issued.Application.SubscriberId, serial));
        var renewed = await Counter.IssueAsync(Server.Registrar,
            Counter.Act("renew", person, issued.Application.SubscriberId, serial) with { Csr = Sm2Csr("续期人") });

        extended.Application.ResultSerial.ShouldNotBe(serial);
        renewed.Application.ResultSerial.ShouldNotBe(serial);
        var old = (await Server.Client.GetFromJsonAsync<CertificateSummary>($"/api/v1/certificates/{serial}", Web))!;
        var longer = (await Server.Client.GetFromJsonAsync<CertificateSummary>($"/api/v1/certificates/{extended.Application.ResultSerial}", Web))!;
        longer.Subject.ShouldBe(old.Subject);
        longer.NotAfter.ShouldBeGreaterThanOrEqualTo(old.NotAfter);
        (await PublicKeyAsync(extended.Application.ResultSerial!)).ShouldBe(await PublicKeyAsync(serial));
        (await PublicKeyAsync(renewed.Application.ResultSerial!)).ShouldNotBe(await PublicKeyAsync(serial));
    }

    [Fact]
    public async Task Counter_ChangeOfInformation_NewCertificateFromTheNewRequest_OldOneSuperseded()
    {
        var person = Counter.Person("变更人");
        var issued = await Counter.IssueAsync(Server.Registrar, Counter.New(person, "personal", Sm2Csr("变更人")));
        var serial = issued.Application.ResultSerial!;

        var changed = await Counter.IssueAsync(Server.Registrar,
            Counter.Act("change", person, issued.Application.SubscriberId, serial) with { Csr = Csrs.Pem(Csrs.Der(Core.Keys.KeyAlgorithm.Sm2, "CN=变更人,L=杭州")) });

        changed.Application.Kind.ShouldBe("change");
        changed.Application.State.ShouldBe("completed");
        changed.Application.TargetSerial.ShouldBe(serial);
        changed.Application.ResultSerial.ShouldNotBe(serial);
        (await Server.Client.GetFromJsonAsync<CertificateSummary>($"/api/v1/certificates/{changed.Application.ResultSerial}", Web))!.Subject.ShouldContain("L=杭州");
        (await StatusAsync(serial)).ShouldBe("revoked", "the certificate with the old information is superseded");
        (await StatusAsync(changed.Application.ResultSerial!)).ShouldBe("good");
    }

    [Fact]
    public async Task Counter_KeyRecoveryOfASingleCertificate_400NothingEscrowed()
    {
        var person = Counter.Person("恢复人");
        var issued = await Counter.IssueAsync(Server.Registrar, Counter.New(person, "personal", Sm2Csr("恢复人")));

        var (status, _, raw) = await Counter.PostAsync(Server.Registrar,
            Counter.Act("key-recovery", person, issued.Application.SubscriberId, issued.Application.ResultSerial!));

        status.ShouldBe(HttpStatusCode.BadRequest, raw);
        raw.ShouldContain("is not part of a dual pair");
    }

    [Fact]
    public async Task Counter_ActOnSomeoneElsesCertificate_400()
    {
        var owner = await Counter.IssueAsync(Server.Registrar, Counter.New(Counter.Person("证书主人"), "personal", Sm2Csr("证书主人")));
        var other = await Counter.IssueAsync(Server.Registrar, Counter.New(Counter.Person("他人"), "personal", Sm2Csr("他人")));

        var (status, _, raw) = await Counter.PostAsync(Server.Registrar,
            Counter.Act("revoke", Counter.Person("他人"), other.Application.SubscriberId, owner.Application.ResultSerial!));

        status.ShouldBe(HttpStatusCode.BadRequest, raw);
        raw.ShouldContain("was not issued to this subscriber");
        (await StatusAsync(owner.Application.ResultSerial!)).ShouldBe("good");
    }

    [Fact]
    public async Task EvidenceAndSubscriberReads_ReturnContentAndAreAudited()
    {
        var person = Counter.Person("证据人");
        var result = await Counter.IssueAsync(Server.Registrar, Counter.New(person, "personal", Sm2Csr("证据人")));
        var evidence = result.Application.Steps.Single(s => s.Step == "identity-verification").Evidence.ShouldHaveSingleItem();

        var content = await Server.Registrar.GetByteArrayAsync($"/api/v1/evidence/{evidence.Id}");
        var subscriber = (await Server.Registrar.GetFromJsonAsync<SubscriberView>($"/api/v1/subscribers/{result.Application.SubscriberId}", Web))!;

        System.Text.Encoding.UTF8.GetString(content).ShouldEndWith("identity.pdf");
        Convert.ToHexStringLower(GmPki.Cryptography.Sm.Sm3.Hash(content)).ShouldBe(evidence.Sm3);
        subscriber.IdentityNumber.ShouldBe(person.IdentityNumber);
        var audit = await Server.RecentAuditAsync();
        audit.ShouldContain(e => e.Action == "evidence.read" && e.Actor == "operator:registrar" && e.Target == "evidence:" + evidence.Id);
        audit.ShouldContain(e => e.Action == "subscriber.read" && e.Target == "subscriber:" + subscriber.Id);
        audit.ShouldNotContain(e => e.Details != null && e.Details.Contains(person.IdentityNumber));
    }

    [Fact]
    public async Task Counter_SamePersonAgain_RecognisedAsTheSameSubscriber_OtherNameRefused()
    {
        var person = Counter.Person("回头客");
        var first = await Counter.IssueAsync(Server.Registrar, Counter.New(person, "personal", Sm2Csr("回头客")));
        var second = await Counter.IssueAsync(Server.Registrar, Counter.New(person with { IdentityNumber = person.IdentityNumber.ToLowerInvariant() }, "personal", Sm2Csr("回头客")));

        var impostor = await Counter.PostAsync(Server.Registrar, Counter.New(person with { Name = "冒名者" }, "personal", Sm2Csr("冒名者")));

        second.Application.SubscriberId.ShouldBe(first.Application.SubscriberId);
        impostor.Status.ShouldBe(HttpStatusCode.BadRequest, impostor.Raw);
        impostor.Raw.ShouldContain("registered to another name");
        (await Server.RecentAuditAsync(60)).ShouldContain(e => e.Action == "subscriber.recognized" && e.Target == "subscriber:" + first.Application.SubscriberId);
    }

    [Fact]
    public async Task Documents_AdministratorPublishesNextVersion_RegistrarCannot()
    {
        var current = await DocumentAsync("notice");
        var body = new PublishDocumentBody("数字证书申请须知（修订）", current.GetProperty("sections").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!));

        var byRegistrar = await Server.Registrar.PostAsJsonAsync("/api/v1/documents/notice", body, Web);
        var byAdministrator = await Server.Client.PostAsJsonAsync("/api/v1/documents/notice", body, Web);

        byRegistrar.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        byAdministrator.StatusCode.ShouldBe(HttpStatusCode.OK, await byAdministrator.Content.ReadAsStringAsync());
        var next = await DocumentAsync("notice");
        next.GetProperty("version").GetInt32().ShouldBe(current.GetProperty("version").GetInt32() + 1);
        (await DocumentAsync("notice/" + current.GetProperty("version").GetInt32())).GetProperty("sm3").GetString().ShouldBe(current.GetProperty("sm3").GetString());
    }

    private async Task<(OpenedApplicationView Opened, HttpClient Applicant)> OpenOnlineAsync(SubscriberBody subscriber, string csr)
    {
        using var anonymous = Server.Authorized(null);
        var response = await anonymous.PostAsJsonAsync("/api/v1/applications", new OpenApplicationBody("new", Subscriber: subscriber, Profile: "personal", Csr: csr), Web);
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        var opened = (await response.Content.ReadFromJsonAsync<OpenedApplicationView>(Web))!;
        opened.AccessToken.ShouldStartWith(ApplicationDesk.TokenPrefix + opened.Application.Id.ToString("N") + "_");
        return (opened, Server.Authorized(opened.AccessToken));
    }

    private static async Task<ApplicationView> MustAsync(HttpClient client, Guid id, string step, object? body = null)
    {
        var (status, application, raw) = await Counter.StepAsync(client, id, step, body);
        status.ShouldBe(HttpStatusCode.OK, raw);
        return application!;
    }

    private async Task<JsonElement> DocumentAsync(string kind)
        => JsonDocument.Parse(await Server.Client.GetStringAsync("/api/v1/documents/" + kind)).RootElement;

    private async Task<string> StatusAsync(string serial)
        => (await Server.Client.GetFromJsonAsync<CertificateSummary>($"/api/v1/certificates/{serial}", Web))!.Status;

    private async Task<string> PublicKeyAsync(string serial)
    {
        using var certificate = System.Security.Cryptography.X509Certificates.X509Certificate2.CreateFromPem(await Counter.CertificatePemAsync(Server.Client, serial));
        return Convert.ToHexString(certificate.PublicKey.ExportSubjectPublicKeyInfo());
    }

    private async Task<int> CountAsync()
        => (await Server.Registrar.GetFromJsonAsync<ApplicationPage>("/api/v1/applications?pageSize=1", Web))!.Total;

    private static byte[] SignWithOpenSsl(OpenSslClient client, string key, byte[] digest)
    {
        if (!File.Exists(client.File(key + ".key")))
        {
            OpenSsl.MustRun(client.Path, "genpkey", "-algorithm", "SM2", "-out", key + ".key");
        }

        File.WriteAllBytes(client.File("digest.bin"), digest);
        OpenSsl.MustRun(client.Path, "pkeyutl", "-sign", "-rawin", "-digest", "sm3", "-pkeyopt", "distid:1234567812345678",
            "-inkey", key + ".key", "-in", "digest.bin", "-out", key + ".sig");
        return File.ReadAllBytes(client.File(key + ".sig"));
    }

    private static string Sm2Csr(string commonName, string? organization = null)
        => Csrs.Pem(Csrs.Der(Core.Keys.KeyAlgorithm.Sm2, organization is null ? $"CN={commonName}" : $"CN={commonName},OU={commonName}处,O={organization}"));
}
