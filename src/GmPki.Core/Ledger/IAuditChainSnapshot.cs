namespace GmPki.Core.Ledger;

/// <summary>One consistent read of the audit chain (see <see cref="IAuditChain.OpenSnapshotAsync"/>). Not thread-safe.</summary>
public interface IAuditChainSnapshot : IAsyncDisposable
{
    /// <summary>The chain head row, or null when it is missing.</summary>
    Task<AuditChainHead?> HeadAsync(CancellationToken cancellationToken);

    /// <summary>Every checkpoint, ordered by the event id it covers.</summary>
    Task<IReadOnlyList<AuditCheckpoint>> CheckpointsAsync(CancellationToken cancellationToken);

    /// <summary>Every event, ordered by id, streamed (the ledger may hold millions).</summary>
    /// <exception cref="InvalidDataException">A row cannot be read as an event (for example a time that is not a time).</exception>
    IAsyncEnumerable<ChainedAuditEvent> EventsAsync(CancellationToken cancellationToken);
}
