using GmPki.Compliance.AuditChain;
using GmPki.Compliance.Checkpoints;
using GmPki.Compliance.Verification;
using GmPki.Core.Keys;
using GmPki.Core.Ledger;
using GmPki.Cryptography.Keys;
using GmPki.Storage.Entities;
using GmPki.Storage.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace GmPki.Storage.Tests;

/// <summary>
/// Tampering straight in the database, as someone with write access to it could: each change is
/// found by the offline verifier at the right event. Each test starts from 15 chained events
/// (CA hierarchy and audit key: 1–5; others: 6–15) and one signed checkpoint through event 10.
/// </summary>
public abstract class AuditChainTamperTests<TFixture>(TFixture fixture) : IClassFixture<TFixture>, IAsyncLifetime
    where TFixture : StorageFixture
{
    private const long CheckpointedId = 10;
    private AuditPki? _pki;

    protected TFixture Fixture { get; } = fixture;

    private IAuditChain Chain => Fixture.Get<IAuditChain>();

    public async Task InitializeAsync()
    {
        Skip.If(Fixture.SkipReason is not null, Fixture.SkipReason);
        await Fixture.ResetAsync();
        _pki = await AuditPki.CreateAsync(Fixture.Services);
        await AppendAsync(6, 10);
        (await new AuditCheckpointer(Chain, TimeProvider.System).WriteAsync(_pki.Signer, default)).ShouldNotBeNull().ThroughEventId.ShouldBe(CheckpointedId);
        await AppendAsync(11, 15);
    }

    public Task DisposeAsync()
    {
        _pki?.Dispose();
        return Task.CompletedTask;
    }

    [SkippableFact]
    public async Task VerifyAsync_Untouched_IntactWithEveryEventAndTheCheckpoint()
    {
        var result = await VerifyAsync();

        result.Break.ShouldBeNull();
        result.Events.ShouldBe(15);
        result.Checkpoints.ShouldBe(1);
        result.LastCheckpoint.ShouldNotBeNull().ThroughEventId.ShouldBe(CheckpointedId);
    }

    [SkippableTheory]
    [InlineData("UPDATE audit_events SET actor = 'operator:mallory' WHERE id = 7", 7)]
    [InlineData("UPDATE audit_events SET details = NULL WHERE id = 7", 7)]
    [InlineData("UPDATE audit_events SET agency = '' WHERE id = 8", 8)]
    [InlineData("UPDATE audit_events SET outcome = 'rejected' WHERE id = 2", 2)]
    [InlineData("UPDATE audit_events SET request_id = 'req-0002' WHERE id = 14", 14)]
    public async Task VerifyAsync_FieldEdited_HashMismatchAtThatEvent(string tamper, long brokenId)
    {
        await ExecuteAsync(tamper);

        await ShouldBreakAtAsync(brokenId, AuditBreakKind.HashMismatch);
    }

    [SkippableFact]
    public async Task VerifyAsync_TimeMovedOneMicrosecond_HashMismatchAtThatEvent()
    {
        await EditEventsAsync(rows => rows.Single(r => r.Id == 12).OccurredAt += TimeSpan.FromMicroseconds(1));

        await ShouldBreakAtAsync(12, AuditBreakKind.HashMismatch);
    }

    [SkippableTheory]
    [InlineData(7, 8)]
    [InlineData(1, 2)]
    [InlineData(12, 13)]
    public async Task VerifyAsync_RowDeleted_PreviousHashMismatchAtTheNext(long deleted, long brokenId)
    {
        await ExecuteAsync($"DELETE FROM audit_events WHERE id = {deleted}");

        await ShouldBreakAtAsync(brokenId, AuditBreakKind.PreviousHashMismatch);
    }

    [SkippableFact]
    public async Task VerifyAsync_ForgedRowInsertedWithValidHashes_PreviousHashMismatchRightAfterIt()
    {
        // Make room at 8 (events 8–15 move to 9–16), then insert a forgery that links to 7 and hashes right.
        await ExecuteAsync("UPDATE audit_events SET id = id + 1000 WHERE id > 7");
        await ExecuteAsync("UPDATE audit_events SET id = id - 999 WHERE id > 1000");
        await EditEventsAsync(rows =>
        {
            var seven = rows.Single(r => r.Id == 7);
            var forged = new AuditEvent(seven.OccurredAt, "certificate.issued", "operator:mallory", "registrar", "certificate:issuing/ab", "success", null, null);
            return new AuditEventEntity
            {
                Id = 8, OccurredAt = forged.OccurredAt, Action = forged.Action, Actor = forged.Actor, Role = forged.Role, Target = forged.Target,
                Outcome = forged.Outcome, PreviousHash = seven.Hash, Hash = AuditEventEncoding.Hash(8, forged, seven.Hash),
            };
        });

        await ShouldBreakAtAsync(9, AuditBreakKind.PreviousHashMismatch);
    }

    [SkippableFact]
    public async Task VerifyAsync_TwoRowsSwapped_PreviousHashMismatchAtTheFirst()
    {
        await ExecuteAsync("UPDATE audit_events SET id = -1 WHERE id = 12");
        await ExecuteAsync("UPDATE audit_events SET id = 12 WHERE id = 13");
        await ExecuteAsync("UPDATE audit_events SET id = 13 WHERE id = -1");

        await ShouldBreakAtAsync(12, AuditBreakKind.PreviousHashMismatch);
    }

    [SkippableFact]
    public async Task VerifyAsync_TailTruncatedIntoTheCheckpointedEvents_CheckpointHashNotInChainAfterTheLastKept()
    {
        await TruncateAsync(keep: 8, rewriteHead: true);

        await ShouldBreakAtAsync(9, AuditBreakKind.CheckpointHashNotInChain);
    }

    [SkippableFact]
    public async Task VerifyAsync_TailTruncatedAfterTheCheckpoint_HeadMismatchAfterTheLastKept()
    {
        await TruncateAsync(keep: 12, rewriteHead: false);

        await ShouldBreakAtAsync(13, AuditBreakKind.HeadMismatch);
    }

    [SkippableFact]
    public async Task VerifyAsync_TailTruncatedAfterTheCheckpointAndHeadRewritten_NotDetectable()
    {
        // The documented limit: after the last checkpoint only the chain head row testifies.
        await TruncateAsync(keep: 12, rewriteHead: true);

        var result = await VerifyAsync();

        result.Break.ShouldBeNull();
        result.Events.ShouldBe(12);
    }

    [SkippableFact]
    public async Task VerifyAsync_ChainRecomputedAfterAnEdit_CheckpointHashNotInChain()
    {
        // Someone who knows the encoding edits event 7 and recomputes every later hash and the head.
        await EditEventsAsync(rows =>
        {
            rows.Single(r => r.Id == 7).Actor = "operator:mallory";
            var previous = rows.Single(r => r.Id == 6).Hash;
            foreach (var row in rows.Where(r => r.Id >= 7).OrderBy(r => r.Id))
            {
                (row.PreviousHash, row.Hash) = (previous, AuditEventEncoding.Hash(row.Id, row.ToRecord(), previous));
                previous = row.Hash;
            }
        });
        await RewriteHeadAsync();

        await ShouldBreakAtAsync(CheckpointedId, AuditBreakKind.CheckpointHashNotInChain);
    }

    [SkippableTheory]
    [InlineData("UPDATE audit_checkpoints SET hash = (SELECT hash FROM audit_events WHERE id = 9)", 10)]
    [InlineData("UPDATE audit_checkpoints SET through_event_id = 9", 9)]
    [InlineData("UPDATE audit_checkpoints SET through_event_id = 99", 16)]
    public async Task VerifyAsync_CheckpointPointedElsewhere_CheckpointHashNotInChain(string tamper, long brokenId)
    {
        await ExecuteAsync(tamper);

        await ShouldBreakAtAsync(brokenId, AuditBreakKind.CheckpointHashNotInChain);
    }

    [SkippableFact]
    public async Task VerifyAsync_CheckpointSignatureAltered_SignatureInvalid()
    {
        await EditCheckpointAsync(c => c.Signature = [.. c.Signature[..^1], (byte)(c.Signature[^1] ^ 1)]);

        (await ShouldBreakAtAsync(CheckpointedId, AuditBreakKind.CheckpointSignatureInvalid)).Reason.ShouldContain("does not verify");
    }

    [SkippableFact]
    public async Task VerifyAsync_CheckpointTimeAltered_SignatureInvalid()
    {
        await EditCheckpointAsync(c => c.CreatedAt -= TimeSpan.FromSeconds(1));

        await ShouldBreakAtAsync(CheckpointedId, AuditBreakKind.CheckpointSignatureInvalid);
    }

    [SkippableFact]
    public async Task VerifyAsync_CheckpointResignedWithAnotherKey_SignatureInvalid()
    {
        var impostor = EphemeralKeys.Generate(KeyAlgorithm.Sm2);

        await EditCheckpointAsync(c => c.Signature = impostor.Sign(CheckpointEncoding.Encode(c.ThroughEventId, c.Hash, c.CreatedAt)));

        await ShouldBreakAtAsync(CheckpointedId, AuditBreakKind.CheckpointSignatureInvalid);
    }

    [SkippableFact]
    public async Task VerifyAsync_CheckpointCertificateWithoutDigitalSignature_SignatureInvalid()
    {
        var issuing = (await Fixture.Get<IAuthorityRegistry>().ListAsync(default)).Single(a => a.Kind == AuthorityKind.Issuing);

        await EditCheckpointAsync(c => c.SignerCertificateDer = issuing.CertificateDer);

        (await ShouldBreakAtAsync(CheckpointedId, AuditBreakKind.CheckpointSignatureInvalid)).Reason.ShouldContain("digitalSignature");
    }

    [SkippableFact]
    public async Task VerifyAsync_PinnedRootIsNotTheLedgers_SignatureInvalid()
    {
        var issuing = (await Fixture.Get<IAuthorityRegistry>().ListAsync(default)).Single(a => a.Kind == AuthorityKind.Issuing);

        var result = await VerifyAsync(pinnedRoot: issuing.CertificateDer);

        result.Break.ShouldNotBeNull().Kind.ShouldBe(AuditBreakKind.CheckpointSignatureInvalid);
        result.Break.Reason.ShouldContain("pinned root");
    }

    [SkippableFact]
    public async Task VerifyAsync_PinnedRootIsTheLedgers_Intact()
    {
        var root = (await Fixture.Get<IAuthorityRegistry>().ListAsync(default)).Single(a => a.Kind == AuthorityKind.Root);

        (await VerifyAsync(pinnedRoot: root.CertificateDer)).IsIntact.ShouldBeTrue();
    }

    [SkippableFact]
    public async Task WriteAsync_NothingNewSinceTheLatestCheckpoint_WritesNone()
    {
        var checkpointer = new AuditCheckpointer(Chain, TimeProvider.System);

        (await checkpointer.WriteAsync(_pki!.Signer, default)).ShouldNotBeNull().ThroughEventId.ShouldBe(15);
        (await checkpointer.WriteAsync(_pki.Signer, default)).ShouldBeNull();

        var result = await VerifyAsync();
        result.Checkpoints.ShouldBe(2);
        result.LastCheckpoint.ShouldNotBeNull().ThroughEventId.ShouldBe(15);
    }

    private async Task AppendAsync(int from, int to)
    {
        for (var i = from; i <= to; i++)
        {
            await Fixture.Get<IAuditLog>().AppendAsync(Samples.Audit($"event.{i}", $"target:{i}") with { Agency = i % 2 == 0 ? "某区政务服务中心" : null }, default);
        }
    }

    private Task<AuditVerification> VerifyAsync(byte[]? pinnedRoot = null) => ChainVerification.VerifyAsync(Fixture.Services, pinnedRoot);

    private async Task<AuditChainBreak> ShouldBreakAtAsync(long eventId, AuditBreakKind kind)
    {
        var broken = (await VerifyAsync()).Break.ShouldNotBeNull();
        broken.EventId.ShouldBe(eventId, broken.Reason);
        broken.Kind.ShouldBe(kind, broken.Reason);
        return broken;
    }

    private async Task TruncateAsync(long keep, bool rewriteHead)
    {
        await ExecuteAsync($"DELETE FROM audit_events WHERE id > {keep}");
        if (rewriteHead)
        {
            await RewriteHeadAsync();
        }
    }

    private Task RewriteHeadAsync() => ExecuteAsync(
        "UPDATE audit_chain_head SET last_id = (SELECT MAX(id) FROM audit_events), " +
        "last_hash = (SELECT hash FROM audit_events WHERE id = (SELECT MAX(id) FROM audit_events))");

    private async Task ExecuteAsync(string sql)
    {
        await using var context = Fixture.CreateContext();
        await context.Database.ExecuteSqlRawAsync(sql);
    }

    private Task EditEventsAsync(Action<List<AuditEventEntity>> edit) => EditEventsAsync(rows =>
    {
        edit(rows);
        return null;
    });

    private async Task EditEventsAsync(Func<List<AuditEventEntity>, AuditEventEntity?> edit)
    {
        await using var context = Fixture.CreateContext();
        if (edit(await context.AuditEvents.ToListAsync()) is { } added)
        {
            context.AuditEvents.Add(added);
        }

        await context.SaveChangesAsync();
    }

    private async Task EditCheckpointAsync(Action<AuditCheckpointEntity> edit)
    {
        await using var context = Fixture.CreateContext();
        edit(await context.AuditCheckpoints.SingleAsync());
        await context.SaveChangesAsync();
    }
}

public sealed class SqliteAuditChainTamperTests(SqliteFixture fixture) : AuditChainTamperTests<SqliteFixture>(fixture);

[Collection(PostgresServerDefinition.Name)]
public sealed class PostgresAuditChainTamperTests(PostgresFixture fixture) : AuditChainTamperTests<PostgresFixture>(fixture);
