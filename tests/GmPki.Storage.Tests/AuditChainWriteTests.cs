using GmPki.Compliance.AuditChain;
using GmPki.Core.Ledger;
using GmPki.Storage.Entities;
using GmPki.Storage.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GmPki.Storage.Tests;

/// <summary>The writer chains events with SM3 whatever happens around them: refusals, races, other writers, failed batches.</summary>
public abstract class AuditChainWriteTests<TFixture>(TFixture fixture) : LedgerTests<TFixture>(fixture)
    where TFixture : StorageFixture
{
    private IAuditChain Chain => Fixture.Get<IAuditChain>();

    [SkippableFact]
    public async Task AppendAsync_ThreeEvents_ChainedFromZerosInIdOrder()
    {
        for (var i = 0; i < 3; i++)
        {
            await AuditLog.AppendAsync(Samples.Audit($"event.{i}") with { Agency = i == 1 ? "某区政务服务中心" : null }, default);
        }

        var rows = await ReadEventsAsync();

        rows.Select(r => r.Id).ShouldBe([1L, 2L, 3L]);
        rows[0].PreviousHash.ShouldBe(AuditChainHead.GenesisHash);
        for (var i = 0; i < 3; i++)
        {
            rows[i].Hash.ShouldBe(AuditEventEncoding.Hash(rows[i].Id, rows[i].ToRecord(), rows[i].PreviousHash));
            if (i > 0)
            {
                rows[i].PreviousHash.ShouldBe(rows[i - 1].Hash);
            }
        }

        rows[1].Agency.ShouldBe("某区政务服务中心");
        (await Chain.HeadAsync(default)).ShouldBe(new AuditChainHead(3, rows[2].Hash));
    }

    [SkippableFact]
    public async Task AppendAsync_TimeWithSubMicrosecondTicks_StoredAndHashedInWholeMicroseconds()
    {
        await AuditLog.AppendAsync(Samples.Audit("event") with { OccurredAt = Samples.Now.AddTicks(7) }, default);

        (await AuditLog.RecentAsync(1, default)).ShouldHaveSingleItem().OccurredAt.ShouldBe(Samples.Now);
        (await ChainVerification.VerifyAsync(Fixture.Services)).IsIntact.ShouldBeTrue();
    }

    [SkippableFact]
    public async Task Writes_ParallelWithRefusedOnes_RefusalsLeaveNoEventAndTheChainHolds()
    {
        var serials = Enumerable.Range(0, 40).Select(i => $"{0x1000 + (i / 2):x}").ToList(); // each serial twice

        var reserved = await Task.WhenAll(serials.Select(serial => Task.Run(
            () => Ledger.TryReserveAsync(Samples.Reservation(serial), Samples.Audit("certificate.serial-reserved", serial), default))));
        var refusedTransitions = await Task.WhenAll(Enumerable.Range(0, 10).Select(i => Task.Run(async () =>
        {
            var error = await Should.ThrowAsync<InvalidOperationException>(
                () => Ledger.RecordIssuedAsync(Samples.IssuerLabel, $"{0x1000 + i:x}", [0x30, 0x00], Samples.Audit("certificate.issued"), default));
            return error is not null;
        })));

        reserved.Count(r => r).ShouldBe(20);
        refusedTransitions.ShouldAllBe(refused => refused);
        var verification = await ChainVerification.VerifyAsync(Fixture.Services);
        verification.Break.ShouldBeNull();
        verification.Events.ShouldBe(20);
        (await ReadEventsAsync()).Select(r => r.Id).ShouldBe(Enumerable.Range(1, 20).Select(i => (long)i));
    }

    [SkippableFact]
    public async Task AppendAsync_TwoWritersOnOneDatabase_OneChainInCommitOrder()
    {
        // A second writer on the same database, as the CLI beside the server on SQLite or a second node on PostgreSQL.
        var other = Fixture.BuildServices(Fixture.Options!).GetRequiredService<IAuditLog>();

        await Task.WhenAll(
            Task.Run(() => AppendManyAsync(AuditLog, "here")),
            Task.Run(() => AppendManyAsync(other, "there")));

        var verification = await ChainVerification.VerifyAsync(Fixture.Services);
        verification.Break.ShouldBeNull();
        verification.Events.ShouldBe(200);
        (await Chain.HeadAsync(default)).LastEventId.ShouldBe(200);
    }

    [SkippableFact]
    public async Task AppendAsync_ChainHeadRowMissing_BatchFailsStoresNothingAndTheNextBatchRecovers()
    {
        await AuditLog.AppendAsync(Samples.Audit("before"), default);
        await ExecuteAsync("DELETE FROM audit_chain_head");

        await Should.ThrowAsync<InvalidOperationException>(() => AuditLog.AppendAsync(Samples.Audit("lost"), default));
        (await CountAuditEventsAsync()).ShouldBe(1);

        var first = (await ReadEventsAsync())[0];
        await ExecuteAsync($"INSERT INTO audit_chain_head (id, last_id, last_hash) VALUES (1, 1, '{first.Hash}')");
        await AuditLog.AppendAsync(Samples.Audit("after"), default);
        var verification = await ChainVerification.VerifyAsync(Fixture.Services);
        verification.Break.ShouldBeNull();
        verification.Events.ShouldBe(2);
    }

    [SkippableFact]
    public async Task MigrateAsync_EventsFromBeforeTheChain_ChainedInIdOrder()
    {
        foreach (var id in new[] { 1, 2, 5 })
        {
            await ExecuteAsync(
                "INSERT INTO audit_events (id, occurred_at, action, actor, outcome, previous_hash, hash) " +
                $"VALUES ({id}, '2026-11-22 08:30:15.123456', 'legacy.{id}', 'system', 'success', '', '')");
        }

        await GmPkiStorage.MigrateAsync(Fixture.Services, default);
        await AuditLog.AppendAsync(Samples.Audit("chained"), default);

        var verification = await ChainVerification.VerifyAsync(Fixture.Services);
        verification.Break.ShouldBeNull();
        verification.Events.ShouldBe(4);
        (await ReadEventsAsync()).Select(r => r.Id).ShouldBe([1L, 2L, 5L, 6L]);
    }

    [SkippableFact]
    public async Task TryAddCheckpointAsync_SameEventTwice_SecondRefused()
    {
        await AuditLog.AppendAsync(Samples.Audit("event"), default);
        var head = await Chain.HeadAsync(default);
        var checkpoint = new AuditCheckpoint(head.LastEventId, head.LastHash, Samples.Now, [0x30, 0x00], [0x30, 0x00]);

        (await Chain.TryAddCheckpointAsync(checkpoint, default)).ShouldBeTrue();
        (await Chain.TryAddCheckpointAsync(checkpoint with { CreatedAt = Samples.Now.AddMinutes(1) }, default)).ShouldBeFalse();

        (await Chain.LatestCheckpointAsync(default)).ShouldNotBeNull().CreatedAt.ShouldBe(Samples.Now);
    }

    private static async Task AppendManyAsync(IAuditLog log, string actor)
    {
        for (var i = 0; i < 100; i++)
        {
            await log.AppendAsync(Samples.Audit($"event.{i}") with { Actor = actor }, default);
        }
    }

    private async Task<List<AuditEventEntity>> ReadEventsAsync()
    {
        await using var context = Fixture.CreateContext();
        return await context.AuditEvents.AsNoTracking().OrderBy(e => e.Id).ToListAsync();
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var context = Fixture.CreateContext();
        await context.Database.ExecuteSqlRawAsync(sql);
    }
}

public sealed class SqliteAuditChainWriteTests(SqliteFixture fixture) : AuditChainWriteTests<SqliteFixture>(fixture);

[Collection(PostgresServerDefinition.Name)]
public sealed class PostgresAuditChainWriteTests(PostgresFixture fixture) : AuditChainWriteTests<PostgresFixture>(fixture);
