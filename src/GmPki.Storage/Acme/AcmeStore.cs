using GmPki.Core.Enrollment;
using GmPki.Core.Ledger;
using GmPki.Storage.Context;
using GmPki.Storage.Writing;
using Microsoft.EntityFrameworkCore;

namespace GmPki.Storage.Acme;

/// <summary>The ACME tables: reads through EF Core, writes through the <see cref="LedgerWriter"/>.</summary>
internal sealed class AcmeStore(IDbContextFactory<LedgerContext> contexts, LedgerWriter writer) : IAcmeStore
{
    private static readonly Dictionary<AcmeTable, (LedgerStatement Insert, LedgerStatement Update)> Statements = Enum.GetValues<AcmeTable>().ToDictionary(t => t, t =>
    {
        var name = AcmeConfiguration.NameOf(t);
        return (new LedgerStatement($"INSERT INTO {name} (id, owner, status, document, updated_at) VALUES (@id, @owner, @status, @document, @updatedAt)",
                "id", "owner", "status", "document", "updatedAt"),
            new LedgerStatement($"UPDATE {name} SET owner = @owner, status = @status, document = @document, updated_at = @updatedAt WHERE id = @id AND status = @expected",
                "owner", "status", "document", "updatedAt", "id", "expected"));
    });

    private static readonly LedgerStatement InsertNonce = new("INSERT INTO acme_nonces (nonce, expires_at) VALUES (@nonce, @expiresAt)", "nonce", "expiresAt");

    private static readonly LedgerStatement DeleteExpired = new("DELETE FROM acme_nonces WHERE expires_at <= @now", "now");

    private static readonly LedgerStatement DeleteNonce = new("DELETE FROM acme_nonces WHERE nonce = @nonce AND expires_at > @now", "nonce", "now");

    public async Task<bool> WriteAsync(IReadOnlyList<AcmeRow> inserts, IReadOnlyList<AcmeUpdate> updates, AuditEvent? audit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(inserts);
        ArgumentNullException.ThrowIfNull(updates);
        List<LedgerStep> steps =
        [
            .. inserts.Select(r => new LedgerStep(Statements[r.Table].Insert, [r.Id, r.Owner, r.Status, r.Document, UtcDateTimeConverter.ToUtc(r.UpdatedAt)])),
            .. updates.Select(u => new LedgerStep(Statements[u.Row.Table].Update,
                [u.Row.Owner, u.Row.Status, u.Row.Document, UtcDateTimeConverter.ToUtc(u.Row.UpdatedAt), u.Row.Id, u.ExpectedStatus], MustChangeOneRow: true)),
        ];
        if (audit is not null)
        {
            steps.Add(LedgerStatements.Audit(audit));
        }

        return await writer.WriteAsync(steps, cancellationToken) == WriteOutcome.Written;
    }

    public async Task<AcmeRow?> FindAsync(AcmeTable table, string id, CancellationToken cancellationToken)
    {
        await using var context = await contexts.CreateDbContextAsync(cancellationToken);
        var row = await context.Set<AcmeRowEntity>(AcmeConfiguration.NameOf(table)).AsNoTracking().SingleOrDefaultAsync(r => r.Id == id, cancellationToken);
        return row is null ? null : ToRow(table, row);
    }

    public async Task<IReadOnlyList<AcmeRow>> OwnedByAsync(AcmeTable table, string owner, CancellationToken cancellationToken)
    {
        await using var context = await contexts.CreateDbContextAsync(cancellationToken);
        var rows = await context.Set<AcmeRowEntity>(AcmeConfiguration.NameOf(table)).AsNoTracking().Where(r => r.Owner == owner).ToListAsync(cancellationToken);
        return [.. rows.OrderBy(r => r.Id, StringComparer.Ordinal).Select(r => ToRow(table, r))];
    }

    public Task AddNonceAsync(string nonce, DateTime expiresAt, DateTime now, CancellationToken cancellationToken)
        => writer.WriteAsync([new LedgerStep(DeleteExpired, [UtcDateTimeConverter.ToUtc(now)]), new LedgerStep(InsertNonce, [nonce, UtcDateTimeConverter.ToUtc(expiresAt)])], cancellationToken);

    public async Task<bool> ConsumeNonceAsync(string nonce, DateTime now, CancellationToken cancellationToken)
        => await writer.WriteAsync([new LedgerStep(DeleteNonce, [nonce, UtcDateTimeConverter.ToUtc(now)], MustChangeOneRow: true)], cancellationToken) == WriteOutcome.Written;

    private static AcmeRow ToRow(AcmeTable table, AcmeRowEntity row) => new(table, row.Id, row.Owner, row.Status, row.Document, row.UpdatedAt);
}
