using System.DirectoryServices.Protocols;
using System.Text.Json;
using GmPki.Core.Ledger;
using GmPki.Core.Outbox;

namespace GmPki.Status.Ldap;

/// <summary>
/// Drains the directory outbox into the LDAP server (<c>docs/status-services.md</c>, "LDAP
/// publication"): claims the oldest rows (one process at a time), writes each with
/// <see cref="LdapWriter"/> in row order and removes it. When the server is unreachable or refuses
/// the bind the batch stops and the rows wait, however long the outage; a row the server refuses
/// <see cref="LdapPublication.MaxAttempts"/> times is marked failed with a
/// <c>directory.publication-failed</c> audit event and skipped from then on.
/// </summary>
public sealed class DirectoryPublisher(IDirectoryOutbox outbox, LdapPublication settings, TimeProvider clock)
{
    /// <summary>Most rows claimed at once.</summary>
    public const int BatchSize = 100;

    /// <summary>How long a claim lasts; a process that dies holding rows delays the others by at most this.</summary>
    public static readonly TimeSpan Lease = TimeSpan.FromMinutes(1);

    private readonly LdapLayout _layout = new(settings.Base);

    /// <summary>This process's name in claims.</summary>
    public string Holder { get; } = $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid():N}";

    /// <summary>Claims one batch and publishes it.</summary>
    /// <returns>What happened; <see cref="DrainResult.Outage"/> is set when the server could not be used (the rows wait).</returns>
    public async Task<DrainResult> DrainOnceAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var rows = await outbox.ClaimAsync(Holder, BatchSize, now, now + Lease, cancellationToken);
        if (rows.Count == 0)
        {
            return new DrainResult(0, 0, 0, null);
        }

        int published = 0, superseded = 0, failed = 0;
        try
        {
            using var writer = LdapWriter.Open(settings);
            foreach (var row in rows)
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (row.Der is null)
                {
                    superseded += await outbox.MarkPublishedAsync(row.Id, Holder, cancellationToken) ? 1 : 0;
                    continue;
                }

                try
                {
                    writer.Write(_layout.EntryWithAncestors(row));
                    published += await outbox.MarkPublishedAsync(row.Id, Holder, cancellationToken) ? 1 : 0;
                }
                catch (DirectoryException e) when (!LdapWriter.IsOutage(e))
                {
                    failed += await RefusedAsync(row, e.Message, cancellationToken) ? 1 : 0;
                }
            }
        }
        catch (DirectoryException e) when (LdapWriter.IsOutage(e))
        {
            return new DrainResult(published, superseded, failed, $"{settings.Url}: {e.Message}");
        }

        return new DrainResult(published, superseded, failed, null);
    }

    /// <summary>Counts the refusal; at the last attempt marks the row failed with its audit event. True when the row failed for good.</summary>
    private async Task<bool> RefusedAsync(OutboxEntry row, string problem, CancellationToken cancellationToken)
    {
        if (row.Attempts + 1 < settings.MaxAttempts)
        {
            await outbox.RecordAttemptAsync(row.Id, Holder, problem, cancellationToken);
            return false;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var target = row.Kind switch
        {
            OutboxKind.UserCertificate => $"certificate:{row.IssuerLabel}/{row.SerialHex}",
            OutboxKind.Crl => $"crl:{row.IssuerLabel}/{row.Shard}",
            _ => $"authority:{row.IssuerLabel}",
        };
        var details = JsonSerializer.Serialize(new { outboxId = row.Id, kind = row.Kind.ToString(), attempts = row.Attempts + 1, server = settings.Url, error = problem });
        return await outbox.MarkFailedAsync(row.Id, Holder, problem, now,
            new AuditEvent(now, "directory.publication-failed", Actor.System.Name, null, target, "failed", details, null), cancellationToken);
    }
}

/// <summary>The outcome of one <see cref="DirectoryPublisher.DrainOnceAsync"/>.</summary>
/// <param name="Published">Rows written to the directory.</param>
/// <param name="Superseded">CRL rows dropped because a newer CRL of the shard replaced theirs (its own row publishes it).</param>
/// <param name="Failed">Rows marked failed for good (audited).</param>
/// <param name="Outage">Why the server could not be used, or null.</param>
public sealed record DrainResult(int Published, int Superseded, int Failed, string? Outage)
{
    /// <summary>Rows finished in this batch.</summary>
    public int Done => Published + Superseded + Failed;
}
