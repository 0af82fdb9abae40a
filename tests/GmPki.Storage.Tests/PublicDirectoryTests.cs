using GmPki.Core.Errors;
using GmPki.Core.Ledger;
using GmPki.Core.Registration;
using GmPki.Storage.Registration;
using GmPki.Storage.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace GmPki.Storage.Tests;

/// <summary>The public directory's search and the announcements feed (公告), on both providers.</summary>
public abstract class PublicDirectoryTests<TFixture>(TFixture fixture) : LedgerTests<TFixture>(fixture)
    where TFixture : StorageFixture
{
    private static int _people;

    private IPublicDirectory Public => Fixture.Get<IPublicDirectory>();

    private IRegistrationLedger Registrations => Fixture.Get<IRegistrationLedger>();

    [SkippableFact]
    public async Task Search_EachCriterion_OnlyIssuedCertificatesThatMatch()
    {
        await IssueAsync("c1", "CN=张三,O=某市人民政府,C=CN", 0);
        await IssueAsync("c2", "CN=张三丰,O=某市人民政府,C=CN", 1);
        await IssueAsync("c3", @"CN=Smith\, John,O=Acme Corp,C=CN", 2, notAfter: Samples.Now.AddDays(10));
        await IssueAsync("c4", "CN=李四,O=某市人民政府办公厅,C=CN", 3, issuer: Samples.RootLabel);
        (await Ledger.TryReserveAsync(Samples.Reservation("c5", reservedAt: Samples.Now.AddMinutes(4)), Samples.Audit("certificate.reserved"), default)).ShouldBeTrue();
        await SetStatusAsync("c2", CertificateStatus.Revoked, "keyCompromise", Samples.Now.AddMinutes(5));

        (await SerialsAsync(new DirectoryQuery())).ShouldBe(["c4", "c3", "c2", "c1"]);
        (await SerialsAsync(new DirectoryQuery(SerialHex: "c3"))).ShouldBe(["c3"]);
        (await SerialsAsync(new DirectoryQuery(SerialHex: "c5"))).ShouldBeEmpty("reserved, never issued");
        (await SerialsAsync(new DirectoryQuery(IssuerLabel: Samples.RootLabel))).ShouldBe(["c4"]);
        (await SerialsAsync(new DirectoryQuery(SubjectContains: "acme CORP"))).ShouldBe(["c3"]);
        (await SerialsAsync(new DirectoryQuery(SubjectContains: "人民政府"))).ShouldBe(["c4", "c2", "c1"]);
        (await SerialsAsync(new DirectoryQuery(SubjectContains: "%"))).ShouldBeEmpty("LIKE wildcards are literal");
        (await SerialsAsync(new DirectoryQuery(CommonName: "张三"))).ShouldBe(["c1"]);
        (await SerialsAsync(new DirectoryQuery(CommonName: "smith, john"))).ShouldBe(["c3"]);
        (await SerialsAsync(new DirectoryQuery(CommonName: "某市人民政府"))).ShouldBeEmpty("an O value is not a CN");
        (await SerialsAsync(new DirectoryQuery(Organization: "某市人民政府"))).ShouldBe(["c2", "c1"]);
        (await SerialsAsync(new DirectoryQuery(Status: CertificateStatus.Revoked))).ShouldBe(["c2"]);
        (await SerialsAsync(new DirectoryQuery(Status: CertificateStatus.Good, Organization: "某市人民政府"))).ShouldBe(["c1"]);
        (await SerialsAsync(new DirectoryQuery(ValidAt: Samples.Now.AddDays(30)))).ShouldBe(["c4", "c2", "c1"]);
        (await SerialsAsync(new DirectoryQuery(ValidAt: Samples.Now.AddDays(-1)))).ShouldBeEmpty();
    }

    [SkippableFact]
    public async Task Search_Pages_NewestFirstWithTheTotal_AndStatusFacts()
    {
        for (var i = 0; i < 5; i++)
        {
            await IssueAsync($"d{i}", $"CN=人{i},C=CN", i);
        }

        await SetStatusAsync("d3", CertificateStatus.Suspended, "certificateHold", Samples.Now.AddHours(1));

        var first = await Public.SearchAsync(new DirectoryQuery(), 1, 2, default);
        var third = await Public.SearchAsync(new DirectoryQuery(), 3, 2, default);

        first.Items.Select(e => e.Certificate.SerialHex).ShouldBe(["d4", "d3"]);
        third.Items.Select(e => e.Certificate.SerialHex).ShouldBe(["d0"]);
        (first.Total, third.Total, third.PageNumber, third.PageSize).ShouldBe((5, 5, 3, 2));
        first.Items[1].Certificate.Status.ShouldBe(CertificateStatus.Suspended);
        (first.Items[1].StatusChangedAt, first.Items[1].Reason).ShouldBe((Samples.Now.AddHours(1), "certificateHold"));
        first.Items[0].Certificate.CertificateDer.ShouldBe(Der("d4"));
        await Should.ThrowAsync<GmPkiException>(() => Public.SearchAsync(new DirectoryQuery(), 1, 501, default));
    }

    [SkippableFact]
    public async Task Search_Profiles_OnlyCertificatesOfTheNamedProfiles()
    {
        await IssueAsync("f1", "CN=某单位,O=某单位,C=CN", 0, profile: "organization");
        await IssueAsync("f2", "CN=张三,SERIALNUMBER=110105195001011234,C=CN", 1, profile: "personal");
        await IssueAsync("f3", "CN=www.example.gov.cn", 2, profile: "server-tls");

        (await SerialsAsync(new DirectoryQuery(Profiles: ["organization", "server-tls"]))).ShouldBe(["f3", "f1"]);
        (await SerialsAsync(new DirectoryQuery(SerialHex: "f2", Profiles: ["organization", "server-tls"]))).ShouldBeEmpty("an exact serial does not list a withheld profile");
        (await SerialsAsync(new DirectoryQuery(Profiles: []))).ShouldBeEmpty();
        (await SerialsAsync(new DirectoryQuery())).ShouldBe(["f3", "f2", "f1"]);
    }

    [SkippableFact]
    public async Task Announcements_SubjectSerialNumberMasked()
    {
        await IssueAsync("g1", "CN=张三,SERIALNUMBER=110105195001011234,C=CN", 0, profile: "personal");
        await SetStatusAsync("g1", CertificateStatus.Revoked, "superseded", Samples.Now.AddMinutes(1));

        var announcement = (await Public.AnnouncementsAsync(null, 1, 50, default)).Items.Single(a => a.SerialHex == "g1");

        announcement.SubjectDn.ShouldBe("CN=张三,SERIALNUMBER=11**************34,C=CN");
    }

    [SkippableFact]
    public async Task Find_IssuedOnly_ByIssuerWhenGiven()
    {
        await IssueAsync("e1", "CN=王五,C=CN", 0);
        (await Ledger.TryReserveAsync(Samples.Reservation("e2"), Samples.Audit("certificate.reserved"), default)).ShouldBeTrue();

        (await Public.FindAsync(null, "e1", default))!.Certificate.CertificateDer.ShouldBe(Der("e1"));
        (await Public.FindAsync(Samples.IssuerLabel, "e1", default)).ShouldNotBeNull();
        (await Public.FindAsync(Samples.RootLabel, "e1", default)).ShouldBeNull();
        (await Public.FindAsync(null, "e2", default)).ShouldBeNull();
    }

    [SkippableFact]
    public async Task Announcements_RevocationsRenewalsAndExtensions_NewestFirstSincePaged()
    {
        await IssueAsync("f1", "CN=赵六,C=CN", 0, issuedAt: Samples.Now);
        await IssueAsync("f2", "CN=赵六,C=CN", 1, issuedAt: Samples.Now.AddHours(2));
        await IssueAsync("f3", "CN=赵六,C=CN", 2, issuedAt: Samples.Now.AddHours(4));
        await IssueAsync("f4", "CN=钱七,C=CN", 3);
        await IssueAsync("f5", "CN=孙八,C=CN", 4);
        await ApplicationAsync(ApplicationKind.Renew, "f1", "f2");
        await ApplicationAsync(ApplicationKind.Extend, "f2", "f3");
        await ApplicationAsync(ApplicationKind.Renew, "f4", null);
        await ApplicationAsync(ApplicationKind.New, null, "f4");
        await SetStatusAsync("f1", CertificateStatus.Revoked, "superseded", Samples.Now.AddHours(3));
        await SetStatusAsync("f5", CertificateStatus.Suspended, "certificateHold", Samples.Now.AddHours(5));

        var all = await Public.AnnouncementsAsync(null, 1, 10, default);
        var since = await Public.AnnouncementsAsync(Samples.Now.AddHours(3), 1, 10, default);
        var second = await Public.AnnouncementsAsync(null, 2, 2, default);

        all.Items.ShouldBe([
            new Announcement(AnnouncementKind.Extension, Samples.Now.AddHours(4), Samples.IssuerLabel, "f3", "CN=赵六,C=CN", null, "f2"),
            new Announcement(AnnouncementKind.Revocation, Samples.Now.AddHours(3), Samples.IssuerLabel, "f1", "CN=赵六,C=CN", "superseded", null),
            new Announcement(AnnouncementKind.Renewal, Samples.Now.AddHours(2), Samples.IssuerLabel, "f2", "CN=赵六,C=CN", null, "f1"),
        ]);
        all.Total.ShouldBe(3);
        since.Items.Select(a => a.SerialHex).ShouldBe(["f3", "f1"]);
        since.Total.ShouldBe(2);
        second.Items.ShouldHaveSingleItem().SerialHex.ShouldBe("f2");
    }

    private async Task<string[]> SerialsAsync(DirectoryQuery query)
        => [.. (await Public.SearchAsync(query, 1, 50, default)).Items.Select(e => e.Certificate.SerialHex)];

    private static byte[] Der(string serial) => [0x30, 0x02, 0x04, (byte)serial[1]];

    private async Task IssueAsync(
        string serial, string subject, int minute, string issuer = Samples.IssuerLabel, DateTime? notAfter = null, DateTime? issuedAt = null, string? profile = null)
    {
        var reservation = Samples.Reservation(serial, issuer, Samples.Now.AddMinutes(minute)) with { SubjectDn = subject, NotAfter = notAfter ?? Samples.Now.AddYears(2) };
        reservation = profile is null ? reservation : reservation with { Profile = profile };
        (await Ledger.TryReserveAsync(reservation, Samples.Audit("certificate.reserved"), default)).ShouldBeTrue();
        await Ledger.RecordIntendedAsync(issuer, serial, [0x30, 0x00], Samples.Audit("certificate.signing"), default);
        await Ledger.RecordIssuedAsync(issuer, serial, Der(serial), Samples.Audit("certificate.issued", occurredAt: issuedAt), default);
    }

    private async Task SetStatusAsync(string serial, CertificateStatus status, string reason, DateTime at)
    {
        await using var context = Fixture.CreateContext();
        var row = await context.Certificates.SingleAsync(c => c.SerialHex == serial);
        (row.Status, row.RevocationReason, row.StatusChangedAt) = (status, reason, at);
        await context.SaveChangesAsync();
    }

    private async Task ApplicationAsync(ApplicationKind kind, string? target, string? result)
    {
        var body = $"110105{new DateOnly(1970, 1, 1).AddDays(Interlocked.Increment(ref _people)):yyyyMMdd}001";
        var subscriber = new Subscriber(Guid.NewGuid(), SubscriberType.Individual, "赵六", IdentityDocumentType.ResidentIdentityCard,
            body + Core.Identity.ChineseIdentifiers.CitizenIdentityCheck(body), "110105", null, null, null, null, "operator:alice", null, Samples.Now);
        await Registrations.AddSubscriberAsync(subscriber, Samples.Audit("subscriber.registered"), default);
        var application = new CertificateApplication(Guid.NewGuid(), kind, ApplicationState.Open, 0, subscriber.Id,
            "personal", target, null, false, null, null, "operator:alice", null, Samples.Now, Samples.Now, []);
        await Registrations.AddApplicationAsync(application, "token-hash", Samples.Audit("application.opened"), default);
        await using var context = Fixture.CreateContext();
        var row = await context.Set<ApplicationEntity>().SingleAsync(a => a.Id == application.Id.ToString("D"));
        (row.State, row.ResultSerial) = (result is null ? "approved" : "completed", result);
        await context.SaveChangesAsync();
    }
}

public sealed class SqlitePublicDirectoryTests(SqliteFixture fixture) : PublicDirectoryTests<SqliteFixture>(fixture);

[Collection(PostgresServerDefinition.Name)]
public sealed class PostgresPublicDirectoryTests(PostgresFixture fixture) : PublicDirectoryTests<PostgresFixture>(fixture);
