using System.Runtime.CompilerServices;
using GmPki.Core.Ledger;
using GmPki.Storage.Context;
using GmPki.Storage.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace GmPki.Storage.Ledger;

/// <summary>The audit chain read inside one snapshot transaction (<see cref="LedgerContext.BeginSnapshotAsync"/>); owns its context.</summary>
internal sealed class AuditChainSnapshot(LedgerContext context, IDbContextTransaction transaction) : IAuditChainSnapshot
{
    public Task<AuditChainHead?> HeadAsync(CancellationToken cancellationToken) => ReadHeadAsync(context, cancellationToken);

    public async Task<IReadOnlyList<AuditCheckpoint>> CheckpointsAsync(CancellationToken cancellationToken)
    {
        var rows = await context.AuditCheckpoints.AsNoTracking().OrderBy(c => c.ThroughEventId).ToListAsync(cancellationToken);
        return [.. rows.Select(c => c.ToRecord())];
    }

    /// <exception cref="InvalidDataException">A row cannot be read as an event.</exception>
    public async IAsyncEnumerable<ChainedAuditEvent> EventsAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var rows = context.AuditEvents.AsNoTracking().OrderBy(e => e.Id).AsAsyncEnumerable().GetAsyncEnumerator(cancellationToken);
        while (true)
        {
            try
            {
                if (!await rows.MoveNextAsync())
                {
                    yield break;
                }
            }
            catch (Exception e) when (e is FormatException or InvalidCastException or OverflowException)
            {
                throw new InvalidDataException(e.Message, e);
            }

            yield return rows.Current.ToChained();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await transaction.DisposeAsync();
        await context.DisposeAsync();
    }

    /// <summary>The chain head row, or null when it is missing.</summary>
    public static async Task<AuditChainHead?> ReadHeadAsync(LedgerContext context, CancellationToken cancellationToken)
    {
        var row = await context.AuditChainHead.AsNoTracking().SingleOrDefaultAsync(h => h.Id == AuditChainHeadEntity.RowId, cancellationToken);
        return row is null ? null : new AuditChainHead(row.LastId, row.LastHash);
    }
}
