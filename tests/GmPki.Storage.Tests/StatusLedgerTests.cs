using GmPki.Core.Errors;
using GmPki.Core.Ledger;
using GmPki.Core.Status;
using GmPki.Storage.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GmPki.Storage.Tests;

/// <summary>The status services' reads and writes, and cRLNumbers drawn by two "processes" (two service providers, each with its own writer) on one database.</summary>
public abstract class StatusLedgerTests<TFixture>(TFixture fixture) : LedgerTests<TFixture>(fixture)
    where TFixture : StorageFixture
{
    private IStatusLedger Status => Fixture.Get<IStatusLedger>();

    [SkippableFact]
    public async Task NextCrlNumber_TwoProcessesInParallel_EveryNumberOnceStrictlyIncreasingPerCaller()
    {
        var other = Fixture.BuildServices(Fixture.Options!).GetRequiredService<IStatusLedger>();

        var drawn = await Task.WhenAll(new[] { Status, other }.Select(ledger => Task.Run(async () =>
        {
            var numbers = new List<long>();
            for (var i = 0; i < 20; i++)
            {
                numbers.Add(await ledger.NextCrlNumberAsync(Samples.IssuerLabel, default));
            }

            return numbers;
        })));

        drawn.SelectMany(n => n).Order().ShouldBe(Enumerable.Range(1, 40).Select(n => (long)n));
        drawn.ShouldAllBe(numbers => numbers.SequenceEqual(numbers.Order()));
        (await Status.NextCrlNumberAsync(Samples.RootLabel, default)).ShouldBe(1);
    }

    [SkippableFact]
    public async Task NextCrlNumber_UnknownCa_AuthorityNotFound()
    {
        var error = await Should.ThrowAsync<GmPkiException>(() => Status.NextCrlNumberAsync("no-such-ca", default));

        error.Error.ShouldBe(Errors.AuthorityNotFound);
    }

    [SkippableFact]
    public async Task StoreCrl_LatestIsTheHighestNumberAndSupersededAreArchived()
    {
        await Status.StoreCrlAsync(Crl(1, null), Samples.Audit("crl.published"), default);
        await Status.StoreCrlAsync(Crl(2, 1), Samples.Audit("crl.published"), default);
        await Status.StoreCrlAsync(Crl(5, null, shard: 1), Samples.Audit("crl.published"), default);
        var delta = await Status.LatestCrlAsync(Samples.IssuerLabel, 0, true, default);
        await Status.StoreCrlAsync(Crl(3, null), Samples.Audit("crl.published"), default);

        var complete = await Status.LatestCrlAsync(Samples.IssuerLabel, 0, false, default);

        delta!.Number.ShouldBe(2);
        delta.BaseNumber.ShouldBe(1);
        complete!.Number.ShouldBe(3);
        complete.Der.ShouldBe(Crl(3, null).Der);
        complete.ThisUpdate.ShouldBe(Samples.Now.AddTicks(-(Samples.Now.Ticks % TimeSpan.TicksPerSecond)));
        complete.ThisUpdate.Kind.ShouldBe(DateTimeKind.Utc);
        (await Status.LatestCrlAsync(Samples.IssuerLabel, 0, true, default)).ShouldBeNull();
        (await Status.LatestCrlAsync(Samples.IssuerLabel, 1, false, default))!.Number.ShouldBe(5);
        (await Status.LatestCrlSummaryAsync(Samples.IssuerLabel, 0, false, default)).ShouldBe(new CrlSummary(3, null, complete.ThisUpdate));
        (await Status.LatestCrlSummaryAsync(Samples.IssuerLabel, 0, true, default)).ShouldBeNull();
        (await CountAuditEventsAsync()).ShouldBe(4);
        (await Status.FindCrlAsync(Samples.IssuerLabel, 1, default))!.Der.ShouldBe(Crl(1, null).Der, "a superseded complete CRL is archived, not deleted");
        (await Status.FindCrlAsync(Samples.IssuerLabel, 2, default))!.BaseNumber.ShouldBe(1, "a superseded delta CRL is archived too");
        (await Status.FindCrlAsync(Samples.IssuerLabel, 4, default)).ShouldBeNull();
    }

    [SkippableFact]
    public async Task StoreCrl_NewerDelta_ServedWhileOlderDeltasStayArchived()
    {
        await Status.StoreCrlAsync(Crl(1, null), Samples.Audit("crl.published"), default);
        await Status.StoreCrlAsync(Crl(2, 1), Samples.Audit("crl.published"), default);
        await Status.StoreCrlAsync(Crl(3, 1), Samples.Audit("crl.published"), default);

        var delta = await Status.LatestCrlAsync(Samples.IssuerLabel, 0, true, default);

        delta!.Number.ShouldBe(3);
        (await Status.FindCrlAsync(Samples.IssuerLabel, 2, default)).ShouldNotBeNull();
        (await Status.LatestCrlAsync(Samples.IssuerLabel, 0, false, default))!.Number.ShouldBe(1);
    }

    [SkippableFact]
    public async Task StatusReads_IssuedCertificatesWithTheirStatus()
    {
        await IssueAsync("a1");
        await IssueAsync("a2");
        await IssueAsync("a3");
        (await Ledger.TryReserveAsync(Samples.Reservation("a4"), Samples.Audit("certificate.reserved"), default)).ShouldBeTrue();
        await SetStatusAsync("a2", CertificateStatus.Revoked, "keyCompromise", Samples.Now.AddMinutes(1));
        await SetStatusAsync("a3", CertificateStatus.Suspended, "certificateHold", Samples.Now.AddMinutes(2));

        var found = await Status.FindAsync(Samples.IssuerLabel, "a2", default);
        var reserved = await Status.FindAsync(Samples.IssuerLabel, "a4", default);
        var revoked = await Status.ListRevokedAsync(Samples.IssuerLabel, 7, Samples.Now, default);
        var issued = await Status.ListIssuedAsync(Samples.IssuerLabel, Samples.Now, default);
        var changed = await Status.ChangedSinceAsync(Samples.Now.AddMinutes(2), default);

        found!.Status.ShouldBe(CertificateStatus.Revoked);
        found.Reason.ShouldBe("keyCompromise");
        found.ChangedAt.ShouldBe(Samples.Now.AddMinutes(1));
        reserved.ShouldBeNull();
        revoked.Select(e => e.SerialHex).ShouldBe(["a2", "a3"]);
        issued.Select(e => e.SerialHex).Order().ShouldBe(["a1", "a2", "a3"]);
        changed.ShouldHaveSingleItem().SerialHex.ShouldBe("a3");
        (await Status.ListRevokedAsync(Samples.IssuerLabel, 0, Samples.Now, default)).ShouldBeEmpty();
    }

    private async Task IssueAsync(string serial)
    {
        (await Ledger.TryReserveAsync(Samples.Reservation(serial), Samples.Audit("certificate.reserved"), default)).ShouldBeTrue();
        await Ledger.RecordIntendedAsync(Samples.IssuerLabel, serial, [0x30, 0x00], Samples.Audit("certificate.signing"), default);
        await Ledger.RecordIssuedAsync(Samples.IssuerLabel, serial, [0x30, 0x01, 0x00], Samples.Audit("certificate.issued"), default);
    }

    private async Task SetStatusAsync(string serial, CertificateStatus status, string reason, DateTime at)
    {
        await using var context = Fixture.CreateContext();
        var row = await context.Certificates.SingleAsync(c => c.SerialHex == serial);
        row.Status = status;
        row.RevocationReason = reason;
        row.StatusChangedAt = at;
        await context.SaveChangesAsync();
    }

    private static PublishedCrl Crl(long number, long? baseNumber, int shard = 0)
        => new(Samples.IssuerLabel, shard, number, baseNumber, Samples.Now.AddTicks(-(Samples.Now.Ticks % TimeSpan.TicksPerSecond)), Samples.Now.AddDays(1), [0x30, 0x03, 0x02, 0x01, (byte)number]);
}

public sealed class SqliteStatusLedgerTests(SqliteFixture fixture) : StatusLedgerTests<SqliteFixture>(fixture);

[Collection(PostgresServerDefinition.Name)]
public sealed class PostgresStatusLedgerTests(PostgresFixture fixture) : StatusLedgerTests<PostgresFixture>(fixture);
