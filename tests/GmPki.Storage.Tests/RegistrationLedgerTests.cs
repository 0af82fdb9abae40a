using System.Text;
using GmPki.Core.Errors;
using GmPki.Core.Ledger;
using GmPki.Core.Registration;
using GmPki.Storage.Registration;
using GmPki.Storage.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace GmPki.Storage.Tests;

public abstract class RegistrationLedgerTests<TFixture>(TFixture fixture) : LedgerTests<TFixture>(fixture)
    where TFixture : StorageFixture
{
    private IRegistrationLedger Registrations => Fixture.Get<IRegistrationLedger>();

    [SkippableFact]
    public async Task AddSubscriberAsync_PersonalData_StoredEncryptedAndReadBack()
    {
        var subscriber = Person("11010519491231002X");

        await Registrations.AddSubscriberAsync(subscriber, Samples.Audit("subscriber.registered"), default);

        (await Registrations.FindSubscriberAsync(subscriber.Id, default)).ShouldBe(subscriber);
        await using var context = Fixture.CreateContext();
        var row = await context.Set<SubscriberEntity>().AsNoTracking().SingleAsync();
        row.IdentityNumberMasked.ShouldBe("11**************2X");
        row.IdentityNumberProtected.AsSpan().IndexOf("11010519491231002X"u8).ShouldBe(-1);
        row.IdentityIndex.ShouldNotBeNull().Length.ShouldBe(64);
        row.IdentityIndex.ShouldNotContain("11010519491231002X");
        row.PhoneProtected!.AsSpan().IndexOf("13800000000"u8).ShouldBe(-1);
        Encoding.UTF8.GetString(row.AddressProtected!).ShouldNotContain("北京");
    }

    [SkippableFact]
    public async Task FindSubscriberAsync_CiphertextMovedToAnotherRow_DoesNotDecrypt()
    {
        var first = Person();
        var second = Person() with { Id = Guid.NewGuid(), IdentityNumber = "110101199003074477" };
        await Registrations.AddSubscriberAsync(first, Samples.Audit("subscriber.registered"), default);
        await Registrations.AddSubscriberAsync(second, Samples.Audit("subscriber.registered"), default);
        await using (var context = Fixture.CreateContext())
        {
            var rows = await context.Set<SubscriberEntity>().ToListAsync();
            rows.Single(r => r.Id == second.Id.ToString("D")).IdentityNumberProtected = rows.Single(r => r.Id == first.Id.ToString("D")).IdentityNumberProtected;
            await context.SaveChangesAsync();
        }

        await Should.ThrowAsync<System.Security.Cryptography.CryptographicException>(() => Registrations.FindSubscriberAsync(second.Id, default));
    }

    [SkippableFact]
    public async Task RecordStepsAsync_WithEvidence_ApplicationMovesAndEvidenceReadsBack()
    {
        var application = await OpenAsync();
        var evidence = new EvidenceFile(new EvidenceSummary(Guid.NewGuid(), "id-card.jpg", "image/jpeg", 5, "00"), [1, 2, 3, 4, 5], application.Id);
        var step = new StepRecord(WorkflowStep.IdentityVerification, true, Samples.Now, "operator:alice", "registrar", null, "in-person", """{"documentChecked":"card"}""", []);

        (await Registrations.RecordStepsAsync(application.Id, 0, [new StepWrite(step, [evidence], ApplicationState.Open, null, null, Samples.Audit("application.step-recorded"))], default)).ShouldBeTrue();

        var read = (await Registrations.FindApplicationAsync(application.Id, default)).ShouldNotBeNull();
        read.Version.ShouldBe(1);
        var recorded = read.Steps.ShouldHaveSingleItem();
        recorded.Step.ShouldBe(WorkflowStep.IdentityVerification);
        recorded.Details.ShouldBe("""{"documentChecked":"card"}""");
        recorded.Evidence.ShouldHaveSingleItem().ShouldBe(evidence.Summary);
        var file = (await Registrations.FindEvidenceAsync(evidence.Summary.Id, default)).ShouldNotBeNull();
        file.Content.ShouldBe(evidence.Content);
        file.ApplicationId.ShouldBe(application.Id);
    }

    [SkippableFact]
    public async Task RecordStepsAsync_StaleVersion_FalseAndNothingWritten()
    {
        var application = await OpenAsync();
        var step = new StepRecord(WorkflowStep.IdentityVerification, true, Samples.Now, "operator:alice", "registrar", null, "in-person", "{}", []);
        await Registrations.RecordStepsAsync(application.Id, 0, [new StepWrite(step, [], ApplicationState.Open, null, null, Samples.Audit("application.step-recorded"))], default);
        var audit = await CountAuditEventsAsync();

        (await Registrations.RecordStepsAsync(application.Id, 0, [new StepWrite(step, [], ApplicationState.Open, null, null, Samples.Audit("application.step-recorded"))], default)).ShouldBeFalse();

        (await Registrations.FindApplicationAsync(application.Id, default))!.Steps.Count.ShouldBe(1);
        (await CountAuditEventsAsync()).ShouldBe(audit);
    }

    [SkippableFact]
    public async Task RecordStepsAsync_StatusChange_AppliedOnlyFromExpectedStatus()
    {
        var application = await OpenAsync();
        await IssueAsync("0abc");
        var step = new StepRecord(WorkflowStep.Fulfilment, true, Samples.Now, "operator:bob", "registrar", null, "status-change", "{}", []);
        var revoke = new CertificateStatusChange("0abc", CertificateStatus.Suspended, CertificateStatus.Revoked, "keyCompromise", Samples.Now);

        (await Registrations.RecordStepsAsync(application.Id, 0, [new StepWrite(step, [], ApplicationState.Completed, null, revoke, Samples.Audit("x"))], default)).ShouldBeFalse();
        (await Directory.FindAsync("0abc", default))!.Status.ShouldBe(CertificateStatus.Good);

        (await Registrations.RecordStepsAsync(application.Id, 0, [new StepWrite(step, [], ApplicationState.Completed, null, revoke with { From = CertificateStatus.Good }, Samples.Audit("x"))], default)).ShouldBeTrue();
        (await Directory.FindAsync("0abc", default))!.Status.ShouldBe(CertificateStatus.Revoked);
    }

    [SkippableFact]
    public async Task RecordStepsAsync_SeveralSteps_AllInOrderOrNoneWhenOneIsRefused()
    {
        var application = await OpenAsync();
        await IssueAsync("0bcd");
        var identity = new StepRecord(WorkflowStep.IdentityVerification, true, Samples.Now, "protocol:est:a", "protocol-client", null, "protocol-authentication", "{}", []);
        var fulfilment = new StepRecord(WorkflowStep.Fulfilment, true, Samples.Now, "protocol:est:a", "protocol-client", null, "status-change", "{}", []);
        var wrongFrom = new CertificateStatusChange("0bcd", CertificateStatus.Suspended, CertificateStatus.Revoked, "keyCompromise", Samples.Now);
        var audit = await CountAuditEventsAsync();

        var refused = await Registrations.RecordStepsAsync(application.Id, 0,
            [new StepWrite(identity, [], ApplicationState.Open, null, null, Samples.Audit("a")), new StepWrite(fulfilment, [], ApplicationState.Completed, null, wrongFrom, Samples.Audit("b"))], default);
        var afterRefusal = await Registrations.FindApplicationAsync(application.Id, default);
        var written = await Registrations.RecordStepsAsync(application.Id, 0,
            [new StepWrite(identity, [], ApplicationState.Open, null, null, Samples.Audit("a")), new StepWrite(fulfilment, [], ApplicationState.Completed, null, wrongFrom with { From = CertificateStatus.Good }, Samples.Audit("b"))], default);

        refused.ShouldBeFalse();
        afterRefusal!.Steps.ShouldBeEmpty();
        afterRefusal.Version.ShouldBe(0);
        written.ShouldBeTrue();
        var read = (await Registrations.FindApplicationAsync(application.Id, default))!;
        read.Version.ShouldBe(2);
        read.State.ShouldBe(ApplicationState.Completed);
        read.Steps.Select(s => s.Step).ShouldBe([WorkflowStep.IdentityVerification, WorkflowStep.Fulfilment]);
        (await CountAuditEventsAsync()).ShouldBe(audit + 2);
        (await Directory.FindAsync("0bcd", default))!.Status.ShouldBe(CertificateStatus.Revoked);
    }

    [SkippableFact]
    public async Task FindSubscriberOfCertificateAsync_ResultSerialRecorded_FindsApplicant()
    {
        var application = await OpenAsync();
        var step = new StepRecord(WorkflowStep.Fulfilment, true, Samples.Now, "operator:bob", "registrar", null, "ca-issuance", "{}", []);
        await Registrations.RecordStepsAsync(application.Id, 0, [new StepWrite(step, [], ApplicationState.Fulfilled, "7f7f", null, Samples.Audit("x"))], default);

        (await Registrations.FindSubscriberOfCertificateAsync("7f7f", default)).ShouldBe(application.SubscriberId);
        (await Registrations.FindSubscriberOfCertificateAsync("0000", default)).ShouldBeNull();
    }

    [SkippableFact]
    public async Task IsAccessTokenAsync_OnlyTheStoredHash()
    {
        var application = await OpenAsync();

        (await Registrations.IsAccessTokenAsync(application.Id, "token-hash", default)).ShouldBeTrue();
        (await Registrations.IsAccessTokenAsync(application.Id, "other", default)).ShouldBeFalse();
        (await Registrations.IsAccessTokenAsync(Guid.NewGuid(), "token-hash", default)).ShouldBeFalse();
    }

    [SkippableFact]
    public async Task ListApplicationsAsync_FilterByStateAndAgency_NewestFirst()
    {
        var first = await OpenAsync(agency: "east");
        var second = await OpenAsync(createdAt: Samples.Now.AddMinutes(5));
        await Registrations.SetStateAsync(second.Id, 0, ApplicationState.Withdrawn, Samples.Audit("application.withdrawn"), default);

        (await Registrations.ListApplicationsAsync(null, null, 1, 10, default)).Items.Select(a => a.Id).ShouldBe([second.Id, first.Id]);
        (await Registrations.ListApplicationsAsync(ApplicationState.Withdrawn, null, 1, 10, default)).Items.ShouldHaveSingleItem().Id.ShouldBe(second.Id);
        (await Registrations.ListApplicationsAsync(null, "east", 1, 10, default)).Items.ShouldHaveSingleItem().Id.ShouldBe(first.Id);
        await Should.ThrowAsync<GmPkiException>(() => Registrations.ListApplicationsAsync(null, null, 0, 10, default));
    }

    [SkippableFact]
    public async Task PublishDocumentAsync_VersionsKeptAndLatestFound_DuplicateRefused()
    {
        var sections = new Dictionary<string, string> { ["a"] = "一", ["b"] = "二" };
        await Registrations.PublishDocumentAsync(new PublishedDocument(DocumentKind.Cps, 1, "CPS v1", sections, null, "aa", Samples.Now, "admin"), Samples.Audit("document.published"), default);
        await Registrations.PublishDocumentAsync(new PublishedDocument(DocumentKind.Cps, 2, "CPS v2", sections, null, "bb", Samples.Now, "admin"), Samples.Audit("document.published"), default);

        (await Registrations.FindDocumentAsync(DocumentKind.Cps, null, default))!.Title.ShouldBe("CPS v2");
        (await Registrations.FindDocumentAsync(DocumentKind.Cps, 1, default))!.Sections.ShouldBe(sections);
        (await Registrations.FindDocumentAsync(DocumentKind.Notice, null, default)).ShouldBeNull();
        (await Should.ThrowAsync<GmPkiException>(() => Registrations.PublishDocumentAsync(
            new PublishedDocument(DocumentKind.Cps, 2, "again", sections, null, "cc", Samples.Now, "admin"), Samples.Audit("document.published"), default))).Error.Code.ShouldBe("document-conflict");
    }

    private static int _people;

    /// <summary>张三, with an identity number of their own unless given (subscribers are unique by it).</summary>
    private static Subscriber Person(string? identityNumber = null)
    {
        var body = $"110105{new DateOnly(1960, 1, 1).AddDays(Interlocked.Increment(ref _people)):yyyyMMdd}001";
        return new(Guid.NewGuid(), SubscriberType.Individual, "张三", IdentityDocumentType.ResidentIdentityCard,
            identityNumber ?? body + Core.Identity.ChineseIdentifiers.CitizenIdentityCheck(body),
            "110105", null, "13800000000", "zhangsan@example.cn", "北京市朝阳区", "operator:alice", null, Samples.Now);
    }

    [SkippableFact]
    public async Task FindSubscriberByIdentityAsync_BlindIndex_FindsTheOneSubscriberAndRefusesASecond()
    {
        var subscriber = Person("11010519491231002X");
        await Registrations.AddSubscriberAsync(subscriber, Samples.Audit("subscriber.registered"), default);

        var found = await Registrations.FindSubscriberByIdentityAsync(IdentityDocumentType.ResidentIdentityCard, "11010519491231002x", default);
        var otherDocument = await Registrations.FindSubscriberByIdentityAsync(IdentityDocumentType.Passport, "11010519491231002X", default);
        var second = await Should.ThrowAsync<GmPkiException>(() => Registrations.AddSubscriberAsync(Person("11010519491231002X"), Samples.Audit("subscriber.registered"), default));

        found.ShouldNotBeNull().Id.ShouldBe(subscriber.Id);
        otherDocument.ShouldBeNull();
        second.Error.Code.ShouldBe("subscriber-invalid");
    }

    private async Task<CertificateApplication> OpenAsync(string? agency = null, DateTime? createdAt = null)
    {
        var subscriber = Person();
        await Registrations.AddSubscriberAsync(subscriber, Samples.Audit("subscriber.registered"), default);
        var application = new CertificateApplication(Guid.NewGuid(), ApplicationKind.New, ApplicationState.Open, 0, subscriber.Id, "personal", null, [0x30, 0x00],
            false, null, null, "operator:alice", agency, createdAt ?? Samples.Now, createdAt ?? Samples.Now, []);
        await Registrations.AddApplicationAsync(application, "token-hash", Samples.Audit("application.opened"), default);
        return application;
    }

    private async Task IssueAsync(string serial)
    {
        await Ledger.TryReserveAsync(Samples.Reservation(serial), Samples.Audit("r"), default);
        await Ledger.RecordIntendedAsync(Samples.IssuerLabel, serial, [0x30, 0x00], Samples.Audit("i"), default);
        await Ledger.RecordIssuedAsync(Samples.IssuerLabel, serial, [0x30, 0x00], Samples.Audit("c"), default);
    }
}

public sealed class SqliteRegistrationLedgerTests(SqliteFixture fixture) : RegistrationLedgerTests<SqliteFixture>(fixture);

[Collection(PostgresServerDefinition.Name)]
public sealed class PostgresRegistrationLedgerTests(PostgresFixture fixture) : RegistrationLedgerTests<PostgresFixture>(fixture);
