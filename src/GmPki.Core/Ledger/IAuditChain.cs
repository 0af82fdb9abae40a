namespace GmPki.Core.Ledger;

/// <summary>
/// The SM3 audit chain as the ledger keeps it: its head, its signed checkpoints, and a consistent
/// read of everything for offline verification (<c>docs/audit.md</c>). Events are chained by the
/// ledger as they are written; this contract only reads them.
/// </summary>
public interface IAuditChain
{
    /// <summary>The head of the chain as last committed.</summary>
    /// <exception cref="InvalidOperationException">The ledger has no chain head row (not migrated, or tampered with).</exception>
    Task<AuditChainHead> HeadAsync(CancellationToken cancellationToken);

    /// <summary>The checkpoint through the highest event id, or null when there is none.</summary>
    Task<AuditCheckpoint?> LatestCheckpointAsync(CancellationToken cancellationToken);

    /// <summary>Stores a checkpoint.</summary>
    /// <returns>False when a checkpoint through the same event exists already (another node wrote it); nothing is stored.</returns>
    Task<bool> TryAddCheckpointAsync(AuditCheckpoint checkpoint, CancellationToken cancellationToken);

    /// <summary>
    /// Opens a read of the whole chain that sees one committed state (a read transaction),
    /// however many events are written meanwhile. Dispose it promptly: on SQLite it holds the
    /// write-ahead log from being checkpointed.
    /// </summary>
    Task<IAuditChainSnapshot> OpenSnapshotAsync(CancellationToken cancellationToken);
}
