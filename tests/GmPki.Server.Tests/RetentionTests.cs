using System.Net.Http.Json;
using GmPki.Core.Keys;
using GmPki.Core.Ledger;
using GmPki.Core.Registration;
using GmPki.Hosting;
using GmPki.Hosting.Configuration;
using GmPki.Registration.Retention;
using GmPki.Server.Http;
using Microsoft.Extensions.DependencyInjection;

namespace GmPki.Server.Tests;

/// <summary>
/// Retention (M09 §24) on a real ledger, the purge run with a fake clock at the boundaries:
/// 5 years after the certificate stops being valid, 10 years for government departments,
/// counted from revocation for revoked certificates; nothing earlier; audit events stay.
/// </summary>
public sealed class RetentionTests : IAsyncLifetime
{
    private RunningServer _server = null!;

    public async Task InitializeAsync() => _server = await RunningServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Purge_FiveYearsAfterExpiry_NotAMinuteEarlier()
    {
        var issued = await Counter.IssueAsync(_server.Registrar, Counter.New(Counter.Person("保存期"), "personal", Csr("保存期")));
        var notAfter = (await CertificateAsync(issued.Application.ResultSerial!)).NotAfter;

        var early = await PurgeAtAsync(notAfter.AddYears(5).AddMinutes(-1));
        var stillThere = await ApplicationExistsAsync(issued.Application.Id);
        var late = await PurgeAtAsync(notAfter.AddYears(5).AddMinutes(1));

        stillThere.ShouldBeTrue();
        early.Applications.ShouldBe(0);
        late.Applications.ShouldBe(1);
        late.Subscribers.ShouldBe(1);
        (await ApplicationExistsAsync(issued.Application.Id)).ShouldBeFalse();
        (await _server.Services.GetRequiredService<IRegistrationLedger>().FindSubscriberAsync(issued.Application.SubscriberId, CancellationToken.None)).ShouldBeNull();
        var audit = await _server.RecentAuditAsync(10);
        audit.ShouldContain(e => e.Action == "retention.purged" && e.Target == "application:" + issued.Application.Id);
        audit.ShouldContain(e => e.Action == "application.opened" || e.Action == "application.step-recorded", "audit events are never purged");
    }

    [Fact]
    public async Task Purge_GovernmentStaff_KeptTenYears()
    {
        var department = await Counter.RegisterAsync(_server.Registrar, Counter.Organization("某市人民政府", "government-department"));
        var staff = Counter.Person("政务人员", department);
        var (_, opened, raw) = await Counter.PostAsync(_server.Registrar, Counter.New(staff, "government-staff", Csr("政务人员", "某市人民政府")));
        opened.ShouldNotBeNull(raw);
        var completed = await Counter.ApproveAndCompleteAsync(_server, opened.Application.Id, staff.IdentityNumber);
        var notAfter = (await CertificateAsync(completed.ResultSerial!)).NotAfter;

        var afterFive = await PurgeAtAsync(notAfter.AddYears(5).AddDays(1));
        var beforeTen = await PurgeAtAsync(notAfter.AddYears(10).AddMinutes(-1));
        var kept = await ApplicationExistsAsync(completed.Id);
        var afterTen = await PurgeAtAsync(notAfter.AddYears(10).AddMinutes(1));

        (afterFive.Applications + beforeTen.Applications).ShouldBe(0);
        kept.ShouldBeTrue();
        afterTen.Applications.ShouldBe(1);
        (await ApplicationExistsAsync(completed.Id)).ShouldBeFalse();
    }

    [Fact]
    public async Task Purge_GovernmentStaffNotLinkedToADepartment_KeptTenYearsAndThePurgeNamesTheCertificate()
    {
        var staff = Counter.Person("未关联政务人员");
        var (_, opened, raw) = await Counter.PostAsync(_server.Registrar, Counter.New(staff, "government-staff", Csr("未关联政务人员", "某县人民政府")));
        opened.ShouldNotBeNull(raw);
        var completed = await Counter.ApproveAndCompleteAsync(_server, opened.Application.Id, staff.IdentityNumber);
        var serial = completed.ResultSerial!;
        var notAfter = (await CertificateAsync(serial)).NotAfter;

        var afterFive = await PurgeAtAsync(notAfter.AddYears(5).AddDays(1));
        var beforeTen = await PurgeAtAsync(notAfter.AddYears(10).AddMinutes(-1));
        var kept = await ApplicationExistsAsync(completed.Id);
        var afterTen = await PurgeAtAsync(notAfter.AddYears(10).AddMinutes(1));

        (afterFive.Applications + beforeTen.Applications).ShouldBe(0);
        (afterFive.Kept + beforeTen.Kept).ShouldBeGreaterThanOrEqualTo(2);
        kept.ShouldBeTrue();
        afterTen.Applications.ShouldBe(1);
        var purged = (await _server.RecentAuditAsync(20)).Single(e => e.Action == "retention.purged" && e.Target == "application:" + completed.Id);
        purged.Details.ShouldNotBeNull().ShouldContain(serial);
        purged.Details.ShouldContain("\"government\":true");
        purged.Details.ShouldContain("government-staff");
    }

    [Fact]
    public async Task PurgeApplication_ChangedAfterItWasExamined_RefusedAndNothingRecorded()
    {
        var issued = await Counter.IssueAsync(_server.Registrar, Counter.New(Counter.Person("后改动"), "personal", Csr("后改动")));
        var store = _server.Services.GetRequiredService<IRetentionStore>();
        var candidate = (await store.ListClosedApplicationsAsync(DateTime.UtcNow.AddMinutes(1), int.MaxValue, CancellationToken.None))
            .Single(c => c.ApplicationId == issued.Application.Id);
        var audit = new AuditEvent(DateTime.UtcNow, "retention.purged", Actor.System.Name, null, "application:" + candidate.ApplicationId, "success", "{}", null);

        var removed = await store.PurgeApplicationAsync(candidate.ApplicationId, candidate.ClosedAt.AddSeconds(-1), audit, CancellationToken.None);

        removed.ShouldBeFalse();
        (await ApplicationExistsAsync(issued.Application.Id)).ShouldBeTrue();
        (await _server.RecentAuditAsync(5)).ShouldNotContain(e => e.Action == "retention.purged");
        candidate.Serials.ShouldBe([issued.Application.ResultSerial!]);
    }

    [Fact]
    public async Task Purge_RevokedCertificate_CountsFromRevocation()
    {
        var person = Counter.Person("吊销保存");
        var issued = await Counter.IssueAsync(_server.Registrar, Counter.New(person, "personal", Csr("吊销保存")));
        var serial = issued.Application.ResultSerial!;
        var revocation = await Counter.ActAsync(_server.Registrar, Counter.Act("revoke", person, issued.Application.SubscriberId, serial, "keyCompromise"));
        var revokedAt = revocation.UpdatedAt;

        var early = await PurgeAtAsync(revokedAt.AddYears(5).AddMinutes(-1));
        var late = await PurgeAtAsync(revokedAt.AddYears(5).AddMinutes(1));

        early.Applications.ShouldBe(0);
        late.Applications.ShouldBe(2);
    }

    [Theory]
    [InlineData(4, 10, "GMPKI-REG-001")]
    [InlineData(5, 9, "GMPKI-REG-002")]
    public void Configuration_RetentionBelowTheLegalMinimum_Refused(int years, int governmentYears, string code)
    {
        var settings = new GmPkiSettings();
        settings.Registration.RetentionYears = years;
        settings.Registration.GovernmentRetentionYears = governmentYears;

        var error = Should.Throw<Core.Errors.ConfigurationException>(() => InstallationConfiguration.Validate(settings, DataDirectory.At(_server.WorkDirectory)));

        error.Problems.ShouldContain(p => p.StartsWith(code, StringComparison.Ordinal));
    }

    private Task<PurgeResult> PurgeAtAsync(DateTime utc)
        => new RetentionPurge(_server.Services.GetRequiredService<IRetentionStore>(), RetentionPolicy.Minimum, new FixedClock(utc))
            .RunAsync(Actor.System, CancellationToken.None);

    private async Task<bool> ApplicationExistsAsync(Guid id)
        => await _server.Services.GetRequiredService<IRegistrationLedger>().FindApplicationAsync(id, CancellationToken.None) is not null;

    private async Task<CertificateSummary> CertificateAsync(string serial)
        => (await _server.Client.GetFromJsonAsync<CertificateSummary>($"/api/v1/certificates/{serial}", Counter.Web))!;

    private static string Csr(string commonName, string? organization = null)
        => Csrs.Pem(Csrs.Der(KeyAlgorithm.Sm2, organization is null ? $"CN={commonName}" : $"CN={commonName},OU=办公室,O={organization}"));

    private sealed class FixedClock(DateTime utc) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => new(DateTime.SpecifyKind(utc, DateTimeKind.Utc));
    }
}
