using GmPki.Core.Ledger;
using GmPki.Storage.Context;
using GmPki.Storage.Writing;
using Microsoft.EntityFrameworkCore;

namespace GmPki.Storage.Ledger;

/// <summary>The SM3 audit chain's head and checkpoints; the chain itself is written by the <see cref="LedgerWriter"/>.</summary>
internal sealed class AuditChain(IDbContextFactory<LedgerContext> contexts, LedgerWriter writer) : IAuditChain
{
    /// <exception cref="InvalidOperationException">The chain head row is missing.</exception>
    public async Task<AuditChainHead> HeadAsync(CancellationToken cancellationToken)
    {
        await using var context = await contexts.CreateDbContextAsync(cancellationToken);
        return await AuditChainSnapshot.ReadHeadAsync(context, cancellationToken)
            ?? throw new InvalidOperationException("The ledger has no audit chain head row; it is not migrated or was tampered with.");
    }

    public async Task<AuditCheckpoint?> LatestCheckpointAsync(CancellationToken cancellationToken)
    {
        await using var context = await contexts.CreateDbContextAsync(cancellationToken);
        var row = await context.AuditCheckpoints.AsNoTracking().OrderByDescending(c => c.ThroughEventId).FirstOrDefaultAsync(cancellationToken);
        return row?.ToRecord();
    }

    public async Task<bool> TryAddCheckpointAsync(AuditCheckpoint checkpoint, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        return await writer.WriteAsync([LedgerStatements.Checkpoint(checkpoint)], cancellationToken) == WriteOutcome.Written;
    }

    public async Task<IAuditChainSnapshot> OpenSnapshotAsync(CancellationToken cancellationToken)
    {
        var context = await contexts.CreateDbContextAsync(cancellationToken);
        try
        {
            return new AuditChainSnapshot(context, await context.BeginSnapshotAsync(cancellationToken));
        }
        catch
        {
            await context.DisposeAsync();
            throw;
        }
    }
}
