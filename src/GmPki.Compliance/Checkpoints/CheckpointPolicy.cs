using GmPki.Core.Ledger;

namespace GmPki.Compliance.Checkpoints;

/// <summary>When a checkpoint is due: after <paramref name="Events"/> new events, or when events wait and <paramref name="Interval"/> has passed.</summary>
/// <param name="Events">New events since the latest checkpoint that make one due at once (1 or more).</param>
/// <param name="Interval">Longest time new events wait for a checkpoint.</param>
public sealed record CheckpointPolicy(long Events, TimeSpan Interval)
{
    /// <summary>Whether a checkpoint is due.</summary>
    /// <param name="head">The chain head now.</param>
    /// <param name="latest">The latest checkpoint, or null.</param>
    /// <param name="now">UTC now.</param>
    /// <param name="since">UTC instant to count the interval from when there is no checkpoint yet (the start of the service).</param>
    public bool IsDue(AuditChainHead head, AuditCheckpoint? latest, DateTime now, DateTime since)
    {
        ArgumentNullException.ThrowIfNull(head);
        var waiting = head.LastEventId - (latest?.ThroughEventId ?? 0);
        return waiting > 0 && (waiting >= Events || now - (latest?.CreatedAt ?? since) >= Interval);
    }
}
