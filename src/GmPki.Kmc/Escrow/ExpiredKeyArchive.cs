using GmPki.Core.Ledger;
using GmPki.Kmc.Messages;
using Microsoft.EntityFrameworkCore;

namespace GmPki.Kmc.Escrow;

/// <summary>
/// Moves escrowed keys whose encryption certificate has expired (<c>not_after</c> passed) from the
/// active set to the historical key store (state <c>archived</c>, GM/T 0034): they stay
/// recoverable, only judicial and holder recovery use them any more. Each key is audited
/// <c>kmc.key.archived</c> with reason <c>expired</c>. Needs no master key (nothing is decrypted).
/// </summary>
internal sealed class ExpiredKeyArchive(KmcDatabase database, KmcAudit audit, TimeProvider time)
{
    /// <summary>Keys changed per database write.</summary>
    private const int BatchSize = 500;

    /// <summary>Archives every active key past its <c>NotAfter</c>, in batches of <see cref="BatchSize"/> per write.</summary>
    /// <returns>How many keys were archived.</returns>
    public async Task<int> ArchiveAsync(Actor actor, CancellationToken cancellationToken)
    {
        var active = KeyManagementCentre.StateName(EscrowedKeyState.Active);
        var now = time.GetUtcNow();
        await using var context = database.CreateContext();
        // Compared here, not in SQL: SQLite stores DateTimeOffset as text and EF Core does not translate its comparison.
        // Only IDs and dates are read for the comparison, not the sealed private keys.
        var expired = (await context.EscrowedKeys.Where(k => k.State == active).Select(k => new { k.KeyId, k.NotAfter }).ToListAsync(cancellationToken))
            .Where(k => k.NotAfter <= now).Select(k => k.KeyId).ToList();
        var archived = 0;
        foreach (var ids in expired.Chunk(BatchSize))
        {
            var batch = await context.EscrowedKeys.Where(k => ids.Contains(k.KeyId) && k.State == active).ToListAsync(cancellationToken);
            foreach (var key in batch)
            {
                key.State = KeyManagementCentre.StateName(EscrowedKeyState.Archived);
                key.StateChangedAt = now;
            }

            await context.SaveChangesAsync(cancellationToken);
            foreach (var key in batch)
            {
                await audit.WriteAsync(actor, "kmc.key.archived", "kmc-key:" + key.KeyId, "success",
                    new { ca = key.CaId, requestId = key.RequestId, reason = "expired", notAfter = key.NotAfter.ToUniversalTime() }, cancellationToken);
            }

            archived += batch.Count;
        }

        return archived;
    }
}
