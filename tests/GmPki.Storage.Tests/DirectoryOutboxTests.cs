using GmPki.Core.Ledger;
using GmPki.Core.Outbox;
using GmPki.Core.Status;
using GmPki.Storage.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace GmPki.Storage.Tests;

/// <summary>The directory outbox: rows queued in the writes they publish (only when on), claimed by one holder at a time, marked.</summary>
public abstract class DirectoryOutboxTests<TFixture>(TFixture fixture) : LedgerTests<TFixture>(fixture)
    where TFixture : StorageFixture
{
    private static readonly byte[] CertificateDer = [0x30, 0x01, 0x00];

    [SkippableFact]
    public async Task RecordIssued_OutboxOff_QueuesNothing()
    {
        await IssueAsync(Ledger, "c1");

        (await Fixture.Get<IDirectoryOutbox>().CountPendingAsync(default)).ShouldBe(0);
    }

    [SkippableFact]
    public async Task RecordIssued_OutboxOn_QueuesTheCertificateWithItsCa()
    {
        var on = On();
        await IssueAsync(on.GetRequiredService<IIssuanceLedger>(), "c2");

        var row = (await Outbox(on).ClaimAsync("a", 10, Samples.Now, Samples.Now.AddMinutes(1), default)).ShouldHaveSingleItem();

        row.Kind.ShouldBe(OutboxKind.UserCertificate);
        row.SerialHex.ShouldBe("c2");
        row.Der.ShouldBe(CertificateDer);
        row.IssuerCertificateDer.ShouldBe(Samples.Issuing().CertificateDer);
        row.Attempts.ShouldBe(0);
    }

    [SkippableFact]
    public async Task Claim_SecondHolder_GetsNothingUntilTheFirstClaimEnds()
    {
        var outbox = Fixture.Get<IDirectoryOutbox>();
        var other = Outbox(Fixture.BuildServices(Fixture.Options!));
        await outbox.EnqueueAuthoritiesAsync(Samples.Now, default);

        var first = await outbox.ClaimAsync("a", 10, Samples.Now, Samples.Now.AddMinutes(1), default);
        var meanwhile = await other.ClaimAsync("b", 10, Samples.Now.AddSeconds(59), Samples.Now.AddMinutes(2), default);
        var after = await other.ClaimAsync("b", 10, Samples.Now.AddSeconds(61), Samples.Now.AddMinutes(2), default);

        first.Select(r => (r.Kind, r.IssuerLabel)).ShouldBe([(OutboxKind.CaCertificate, Samples.RootLabel), (OutboxKind.CaCertificate, Samples.IssuerLabel)]);
        first[0].Der.ShouldBe(Samples.Root().CertificateDer);
        meanwhile.ShouldBeEmpty();
        after.Select(r => r.Id).ShouldBe(first.Select(r => r.Id));
        (await outbox.MarkPublishedAsync(first[0].Id, "a", default)).ShouldBeFalse();
        (await other.MarkPublishedAsync(first[0].Id, "b", default)).ShouldBeTrue();
        (await outbox.CountPendingAsync(default)).ShouldBe(1);
    }

    [SkippableFact]
    public async Task Crl_SupersededBeforePublication_ClaimedWithoutBytes_AttemptsAndFailureRecorded()
    {
        var on = On();
        var status = on.GetRequiredService<IStatusLedger>();
        var outbox = Outbox(on);
        await status.StoreCrlAsync(Crl(1), Samples.Audit("crl.published"), default);
        await status.StoreCrlAsync(Crl(2), Samples.Audit("crl.published"), default);

        var rows = await outbox.ClaimAsync("a", 10, Samples.Now, Samples.Now.AddMinutes(1), default);
        (await outbox.RecordAttemptAsync(rows[1].Id, "a", "refused", default)).ShouldBeTrue();
        var again = await outbox.ClaimAsync("a", 10, Samples.Now, Samples.Now.AddMinutes(1).AddSeconds(1), default);
        var events = await CountAuditEventsAsync();
        (await outbox.MarkFailedAsync(rows[1].Id, "a", "refused", Samples.Now, Samples.Audit("directory.publication-failed"), default)).ShouldBeTrue();

        rows.Select(r => (r.Kind, r.Shard, r.Der is null)).ShouldBe([(OutboxKind.Crl, (int?)null, true), (OutboxKind.Crl, 0, false)]);
        rows[1].Der.ShouldBe(Crl(2).Der);
        rows[1].IsDelta.ShouldBeFalse();
        again[1].Attempts.ShouldBe(1);
        (await CountAuditEventsAsync()).ShouldBe(events + 1);
        (await outbox.CountPendingAsync(default)).ShouldBe(1);
        (await outbox.ClaimAsync("a", 10, Samples.Now, Samples.Now.AddMinutes(2), default)).ShouldHaveSingleItem().Id.ShouldBe(rows[0].Id);
    }

    [SkippableFact]
    public async Task Crl_NewerOfTheShardStoredFirst_OlderOneClaimedWithoutBytes()
    {
        var on = On();
        var status = on.GetRequiredService<IStatusLedger>();
        await status.StoreCrlAsync(Crl(5), Samples.Audit("crl.published"), default);
        await status.StoreCrlAsync(Crl(4), Samples.Audit("crl.published"), default); // a slower process's CRL, committed late: both stay in the ledger

        var rows = await Outbox(on).ClaimAsync("a", 10, Samples.Now, Samples.Now.AddMinutes(1), default);

        rows.Select(r => r.Der).ShouldBe([Crl(5).Der, null]);
    }

    private ServiceProvider On() => Fixture.BuildServices(Fixture.Options! with { DirectoryOutbox = true });

    private static IDirectoryOutbox Outbox(IServiceProvider services) => services.GetRequiredService<IDirectoryOutbox>();

    private static async Task IssueAsync(IIssuanceLedger ledger, string serial)
    {
        (await ledger.TryReserveAsync(Samples.Reservation(serial), Samples.Audit("certificate.reserved"), default)).ShouldBeTrue();
        await ledger.RecordIntendedAsync(Samples.IssuerLabel, serial, [0x30, 0x00], Samples.Audit("certificate.signing"), default);
        await ledger.RecordIssuedAsync(Samples.IssuerLabel, serial, CertificateDer, Samples.Audit("certificate.issued"), default);
    }

    private static PublishedCrl Crl(long number)
        => new(Samples.IssuerLabel, 0, number, null, Samples.Now.AddTicks(-(Samples.Now.Ticks % TimeSpan.TicksPerSecond)), Samples.Now.AddDays(1), [0x30, 0x03, 0x02, 0x01, (byte)number]);
}

public sealed class SqliteDirectoryOutboxTests(SqliteFixture fixture) : DirectoryOutboxTests<SqliteFixture>(fixture);

[Collection(PostgresServerDefinition.Name)]
public sealed class PostgresDirectoryOutboxTests(PostgresFixture fixture) : DirectoryOutboxTests<PostgresFixture>(fixture);
