using GmPki.Core.Ledger;
using GmPki.Core.Outbox;
using GmPki.Storage.Context;
using GmPki.Storage.Status;
using GmPki.Storage.Writing;
using Microsoft.EntityFrameworkCore;

namespace GmPki.Storage.Outbox;

/// <summary>
/// The directory outbox over the ledger: queuing and marking through the process's
/// <see cref="LedgerWriter"/>; claims with one guarded <c>UPDATE</c> on a connection of its own
/// (a claim is void once its time, kept as Unix milliseconds, has passed).
/// </summary>
internal sealed class DirectoryOutbox(IDbContextFactory<LedgerContext> contexts, LedgerWriter writer) : IDirectoryOutbox
{
    public async Task EnqueueAuthoritiesAsync(DateTime at, CancellationToken cancellationToken)
    {
        var outcome = await writer.WriteAsync([OutboxStatements.Authorities(at), OutboxStatements.StoredCrls(at)], cancellationToken);
        if (outcome != WriteOutcome.Written)
        {
            throw new InvalidOperationException($"Queuing the CA certificates and CRLs for the directory was refused ({outcome}).");
        }
    }

    public async Task<IReadOnlyList<OutboxEntry>> ClaimAsync(string holder, int count, DateTime now, DateTime until, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(holder);
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        var nowMs = UnixMilliseconds(now);
        var untilMs = UnixMilliseconds(until);
        await using var context = await contexts.CreateDbContextAsync(cancellationToken);
        if (!await context.Set<DirectoryOutboxEntity>().AnyAsync(r => r.FailedAt == null, cancellationToken))
        {
            return []; // nothing to do: no UPDATE, so an idle publisher takes no write lock
        }

        // The row's own condition is checked again by PostgreSQL after waiting for a concurrent claim's row lock,
        // so of two processes claiming at once the second finds the rows held and takes none.
        await context.Database.ExecuteSqlAsync($"""
            UPDATE directory_outbox SET claimed_by = {holder}, claimed_until = {untilMs}
            WHERE id IN (SELECT id FROM directory_outbox WHERE failed_at IS NULL ORDER BY id LIMIT {count})
              AND (claimed_by IS NULL OR claimed_by = {holder} OR claimed_until < {nowMs})
              AND NOT EXISTS (SELECT 1 FROM directory_outbox o WHERE o.failed_at IS NULL AND o.claimed_by <> {holder} AND o.claimed_until >= {nowMs})
            """, cancellationToken);
        var rows = await context.Set<DirectoryOutboxEntity>().AsNoTracking()
            .Where(r => r.ClaimedBy == holder && r.ClaimedUntil == untilMs && r.FailedAt == null)
            .OrderBy(r => r.Id)
            .ToListAsync(cancellationToken);
        return rows.Count == 0 ? [] : await ResolveAsync(context, rows, cancellationToken);
    }

    public async Task<bool> MarkPublishedAsync(long id, string holder, CancellationToken cancellationToken)
        => await writer.WriteAsync([OutboxStatements.Published(id, holder)], cancellationToken) == WriteOutcome.Written;

    public async Task<bool> RecordAttemptAsync(long id, string holder, string problem, CancellationToken cancellationToken)
        => await writer.WriteAsync([OutboxStatements.Attempt(id, holder, problem)], cancellationToken) == WriteOutcome.Written;

    public async Task<bool> MarkFailedAsync(long id, string holder, string problem, DateTime at, AuditEvent audit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(audit);
        return await writer.WriteAsync([OutboxStatements.Failed(id, holder, problem, at), LedgerStatements.Audit(audit)], cancellationToken) == WriteOutcome.Written;
    }

    public async Task<int> CountPendingAsync(CancellationToken cancellationToken)
    {
        await using var context = await contexts.CreateDbContextAsync(cancellationToken);
        return await context.Set<DirectoryOutboxEntity>().CountAsync(r => r.FailedAt == null, cancellationToken);
    }

    /// <summary>Reads what the rows publish: the CAs' certificates, the certificates and the CRLs they name (a CRL superseded meanwhile has none).</summary>
    private static async Task<IReadOnlyList<OutboxEntry>> ResolveAsync(LedgerContext context, List<DirectoryOutboxEntity> rows, CancellationToken cancellationToken)
    {
        var labels = rows.Select(r => r.IssuerLabel).Distinct().ToList();
        var authorities = await context.Authorities.AsNoTracking().Where(a => labels.Contains(a.Label))
            .ToDictionaryAsync(a => a.Label, a => a.CertificateDer, cancellationToken);
        var serials = rows.Where(r => r.SerialHex is not null).Select(r => r.SerialHex!).Distinct().ToList();
        var certificates = (await context.Certificates.AsNoTracking()
                .Where(c => serials.Contains(c.SerialHex) && c.State == CertificateState.Issued)
                .Select(c => new { c.IssuerLabel, c.SerialHex, c.CertificateDer })
                .ToListAsync(cancellationToken))
            .ToDictionary(c => (c.IssuerLabel, c.SerialHex), c => c.CertificateDer);
        var crls = await LatestCrlsAsync(context, rows, cancellationToken);
        return [.. rows.Select(r =>
        {
            var crl = r.CrlNumber is { } number ? crls.GetValueOrDefault((r.IssuerLabel, number)) : null;
            var der = r.Kind switch
            {
                OutboxKind.CaCertificate => authorities[r.IssuerLabel],
                OutboxKind.UserCertificate => certificates.GetValueOrDefault((r.IssuerLabel, r.SerialHex!)),
                _ => crl?.Der,
            };
            return new OutboxEntry(r.Id, r.Kind, r.IssuerLabel, authorities[r.IssuerLabel], r.SerialHex, crl?.Shard, crl?.BaseNumber is not null, der, r.Attempts);
        })];
    }

    /// <summary>
    /// The CRLs the rows name that are still the latest of their shard and kind (complete or
    /// delta), by CA and number. An older one is left out even while the ledger still holds it
    /// (two processes committing CRLs of one shard out of number order), so the directory never
    /// goes back to an older CRL.
    /// </summary>
    private static async Task<Dictionary<(string, long), CrlEntity>> LatestCrlsAsync(LedgerContext context, List<DirectoryOutboxEntity> rows, CancellationToken cancellationToken)
    {
        var named = rows.Where(r => r.CrlNumber is not null).Select(r => (r.IssuerLabel, r.CrlNumber!.Value)).ToHashSet();
        if (named.Count == 0)
        {
            return [];
        }

        var labels = named.Select(n => n.IssuerLabel).Distinct().ToList();
        var stored = await context.Set<CrlEntity>().AsNoTracking().Where(c => labels.Contains(c.IssuerLabel))
            .Select(c => new { c.IssuerLabel, c.Shard, Delta = c.BaseNumber != null, c.Number })
            .ToListAsync(cancellationToken);
        var latest = stored.GroupBy(c => (c.IssuerLabel, c.Shard, c.Delta)).Select(g => (g.Key.IssuerLabel, g.Max(c => c.Number)))
            .Where(named.Contains).Select(n => n.Item2).ToList();
        return (await context.Set<CrlEntity>().AsNoTracking().Where(c => labels.Contains(c.IssuerLabel) && latest.Contains(c.Number)).ToListAsync(cancellationToken))
            .ToDictionary(c => (c.IssuerLabel, c.Number));
    }

    private static long UnixMilliseconds(DateTime value) => new DateTimeOffset(UtcDateTimeConverter.ToUtc(value)).ToUnixTimeMilliseconds();
}
