using System.Runtime.CompilerServices;
using GmPki.Compliance.AuditChain;
using GmPki.Core.Ledger;

namespace GmPki.Compliance.Tests;

/// <summary>An audit chain held in lists, chained with the real encoding; tests then break it by hand.</summary>
internal sealed class MemorySnapshot : IAuditChainSnapshot
{
    public List<ChainedAuditEvent> Events { get; } = [];

    public List<AuditCheckpoint> Checkpoints { get; } = [];

    public AuditChainHead? Head { get; set; } = AuditChainHead.Empty;

    /// <summary>Reading stops with <see cref="InvalidDataException"/> after this many events, when set.</summary>
    public int? UnreadableAfter { get; set; }

    /// <summary>A snapshot of <paramref name="count"/> correctly chained events with ids from 1 (or <paramref name="ids"/>), head included.</summary>
    public static MemorySnapshot Chained(int count, IEnumerable<long>? ids = null)
    {
        var snapshot = new MemorySnapshot();
        var head = AuditChainHead.Empty;
        foreach (var id in ids ?? Enumerable.Range(1, count).Select(i => (long)i))
        {
            var e = AuditEventEncodingTests.Example with { Target = $"operator:{id}" };
            var hash = AuditEventEncoding.Hash(id, e, head.LastHash);
            snapshot.Events.Add(new ChainedAuditEvent(id, e, head.LastHash, hash));
            head = new AuditChainHead(id, hash);
        }

        snapshot.Head = head;
        return snapshot;
    }

    Task<AuditChainHead?> IAuditChainSnapshot.HeadAsync(CancellationToken cancellationToken) => Task.FromResult(Head);

    Task<IReadOnlyList<AuditCheckpoint>> IAuditChainSnapshot.CheckpointsAsync(CancellationToken cancellationToken)
        => Task.FromResult<IReadOnlyList<AuditCheckpoint>>(Checkpoints);

    async IAsyncEnumerable<ChainedAuditEvent> IAuditChainSnapshot.EventsAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        for (var i = 0; i < Events.Count; i++)
        {
            await Task.Yield();
            if (i == UnreadableAfter)
            {
                throw new InvalidDataException("occurred_at 'yesterday' is not a time");
            }

            yield return Events[i];
        }
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
