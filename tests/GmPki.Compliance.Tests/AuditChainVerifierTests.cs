using GmPki.Compliance.Verification;
using GmPki.Core.Ledger;

namespace GmPki.Compliance.Tests;

/// <summary>The verifier's rules on chains held in memory; tampering with real databases is tested in GmPki.Storage.Tests.</summary>
public class AuditChainVerifierTests
{
    private static Task<AuditVerification> VerifyAsync(MemorySnapshot snapshot, IProgress<AuditVerificationProgress>? progress = null)
        => new AuditChainVerifier([]).VerifyAsync(snapshot, progress, CancellationToken.None);

    [Fact]
    public async Task VerifyAsync_EmptyChain_IntactWithNothingVerified()
    {
        var result = await VerifyAsync(new MemorySnapshot());

        result.IsIntact.ShouldBeTrue();
        result.Events.ShouldBe(0);
    }

    [Fact]
    public async Task VerifyAsync_IdsWithGaps_IntactWhenTheLinksHold()
    {
        // PostgreSQL events written before the chain may have gaps in their ids; the links are what count.
        (await VerifyAsync(MemorySnapshot.Chained(3, [1, 2, 5]))).IsIntact.ShouldBeTrue();
    }

    [Fact]
    public async Task VerifyAsync_FirstEventNotLinkedToZeros_PreviousHashMismatchAtIt()
    {
        var snapshot = MemorySnapshot.Chained(3);
        snapshot.Events.RemoveAt(0);

        var broken = (await VerifyAsync(snapshot)).Break.ShouldNotBeNull();

        broken.EventId.ShouldBe(2);
        broken.Kind.ShouldBe(AuditBreakKind.PreviousHashMismatch);
        broken.Reason.ShouldContain("64 zeros");
    }

    [Fact]
    public async Task VerifyAsync_UnreadableRow_UnreadableAfterTheLastReadEvent()
    {
        var snapshot = MemorySnapshot.Chained(5);
        snapshot.UnreadableAfter = 3;

        var result = await VerifyAsync(snapshot);

        result.Events.ShouldBe(3);
        result.Break.ShouldBe(new AuditChainBreak(4, AuditBreakKind.Unreadable, "the row after event 3 cannot be read: occurred_at 'yesterday' is not a time"));
    }

    [Fact]
    public async Task VerifyAsync_HeadRowMissing_HeadMismatch()
    {
        var snapshot = MemorySnapshot.Chained(2);
        snapshot.Head = null;

        (await VerifyAsync(snapshot)).Break.ShouldNotBeNull().Kind.ShouldBe(AuditBreakKind.HeadMismatch);
    }

    [Fact]
    public async Task VerifyAsync_EventsBeyondTheHead_HeadMismatchAtTheFirstOfThem()
    {
        var snapshot = MemorySnapshot.Chained(5);
        snapshot.Head = new AuditChainHead(3, snapshot.Events[2].Hash);

        var broken = (await VerifyAsync(snapshot)).Break.ShouldNotBeNull();

        broken.EventId.ShouldBe(4);
        broken.Kind.ShouldBe(AuditBreakKind.HeadMismatch);
    }

    [Fact]
    public async Task VerifyAsync_HeadHashNotTheLastEvents_HeadMismatchAtTheLast()
    {
        var snapshot = MemorySnapshot.Chained(5);
        snapshot.Head = new AuditChainHead(5, snapshot.Events[3].Hash);

        var broken = (await VerifyAsync(snapshot)).Break.ShouldNotBeNull();

        broken.EventId.ShouldBe(5);
        broken.Kind.ShouldBe(AuditBreakKind.HeadMismatch);
    }

    [Fact]
    public async Task VerifyAsync_CheckpointNamingAnIdInAGap_CheckpointHashNotInChainAtThatId()
    {
        var snapshot = MemorySnapshot.Chained(3, [1, 2, 5]);
        snapshot.Checkpoints.Add(new AuditCheckpoint(3, snapshot.Events[1].Hash, DateTime.UnixEpoch, [], []));

        var broken = (await VerifyAsync(snapshot)).Break.ShouldNotBeNull();

        broken.EventId.ShouldBe(3);
        broken.Kind.ShouldBe(AuditBreakKind.CheckpointHashNotInChain);
    }

    [Fact]
    public async Task VerifyAsync_LargeChain_ReportsProgressEveryInterval()
    {
        var reports = new List<AuditVerificationProgress>();

        var result = await VerifyAsync(MemorySnapshot.Chained(2 * AuditChainVerifier.ProgressInterval + 5), new Recorder(reports));

        result.IsIntact.ShouldBeTrue();
        reports.ShouldBe([new(AuditChainVerifier.ProgressInterval, result.Events), new(2 * AuditChainVerifier.ProgressInterval, result.Events)]);
    }

    private sealed class Recorder(List<AuditVerificationProgress> reports) : IProgress<AuditVerificationProgress>
    {
        public void Report(AuditVerificationProgress value) => reports.Add(value);
    }
}
