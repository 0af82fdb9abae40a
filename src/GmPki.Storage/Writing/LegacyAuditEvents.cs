using GmPki.Compliance.AuditChain;
using GmPki.Core.Ledger;
using GmPki.Storage.Context;
using GmPki.Storage.Entities;
using Microsoft.EntityFrameworkCore;

namespace GmPki.Storage.Writing;

/// <summary>
/// Chains the audit events a ledger held before the SM3 chain existed: migration
/// <c>20261201000000_AuditChain</c> leaves their hashes empty, and this gives them their hashes
/// in id order, after the chain head, at start-up before anything else writes. They were not
/// tamper-evident until then; from then on they are (<c>docs/audit.md</c>).
/// </summary>
internal static class LegacyAuditEvents
{
    /// <summary>Chains every event whose hash is empty, in one transaction holding the chain head lock.</summary>
    /// <exception cref="InvalidOperationException">An unchained event precedes the chain head, or the head row is missing.</exception>
    public static async Task ChainAsync(LedgerContext context, CancellationToken cancellationToken)
    {
        if (!await context.AuditEvents.AnyAsync(e => e.Hash == string.Empty, cancellationToken))
        {
            return;
        }

        await using var transaction = await context.Database.BeginTransactionAsync(cancellationToken);
        await context.Database.ExecuteSqlRawAsync(LedgerStatements.LockChainHead.Sql, cancellationToken);
        var head = await context.AuditChainHead.SingleOrDefaultAsync(h => h.Id == AuditChainHeadEntity.RowId, cancellationToken)
            ?? throw new InvalidOperationException("The ledger has no audit chain head row; it is not migrated or was tampered with.");
        var chain = new AuditChainHead(head.LastId, head.LastHash);
        foreach (var row in await context.AuditEvents.Where(e => e.Hash == string.Empty).OrderBy(e => e.Id).ToListAsync(cancellationToken))
        {
            if (row.Id <= chain.LastEventId)
            {
                throw new InvalidOperationException($"Audit event {row.Id} has no hash but precedes the chain head (event {chain.LastEventId}); the ledger was tampered with.");
            }

            row.PreviousHash = chain.LastHash;
            row.Hash = AuditEventEncoding.Hash(row.Id, row.ToRecord(), chain.LastHash);
            chain = new AuditChainHead(row.Id, row.Hash);
        }

        (head.LastId, head.LastHash) = (chain.LastEventId, chain.LastHash);
        await context.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }
}
