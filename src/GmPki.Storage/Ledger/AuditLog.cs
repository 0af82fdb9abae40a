using GmPki.Core.Errors;
using GmPki.Core.Ledger;
using GmPki.Storage.Context;
using GmPki.Storage.Writing;
using Microsoft.EntityFrameworkCore;

namespace GmPki.Storage.Ledger;

/// <summary>Stand-alone audit events; the order of events is the order of their ids.</summary>
internal sealed class AuditLog(IDbContextFactory<LedgerContext> contexts, LedgerWriter writer) : IAuditLog
{
    private const int MaxCount = 1000;

    public async Task AppendAsync(AuditEvent auditEvent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(auditEvent);

        await writer.WriteAsync([LedgerStatements.Audit(auditEvent)], cancellationToken);
    }

    /// <exception cref="GmPkiException"><c>request-invalid</c> when <paramref name="count"/> is outside 1–1000.</exception>
    public async Task<IReadOnlyList<AuditEvent>> RecentAsync(int count, CancellationToken cancellationToken)
    {
        if (count is < 1 or > MaxCount)
        {
            throw Errors.RequestInvalid.With($"count must be between 1 and {MaxCount}, not {count}");
        }

        await using var context = await contexts.CreateDbContextAsync(cancellationToken);
        var rows = await context.AuditEvents.AsNoTracking()
            .OrderByDescending(e => e.Id)
            .Take(count)
            .ToListAsync(cancellationToken);
        return [.. rows.Select(e => e.ToRecord())];
    }
}
