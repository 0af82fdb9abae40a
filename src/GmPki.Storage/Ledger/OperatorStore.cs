using GmPki.Core.Errors;
using GmPki.Core.Ledger;
using GmPki.Storage.Context;
using GmPki.Storage.Writing;
using Microsoft.EntityFrameworkCore;

namespace GmPki.Storage.Ledger;

/// <summary>Operator accounts; names and API key hashes are unique.</summary>
internal sealed class OperatorStore(IDbContextFactory<LedgerContext> contexts, LedgerWriter writer) : IOperatorStore
{
    public async Task<OperatorRecord?> FindByApiKeyHashAsync(string apiKeyHash, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(apiKeyHash);

        await using var context = await contexts.CreateDbContextAsync(cancellationToken);
        var row = await context.Operators.AsNoTracking()
            .SingleOrDefaultAsync(o => o.ApiKeyHash == apiKeyHash && !o.Disabled, cancellationToken);
        return row?.ToRecord();
    }

    public async Task<OperatorRecord?> FindByClientCertificateAsync(string sha256, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sha256);
        await using var context = await contexts.CreateDbContextAsync(cancellationToken);
        var row = await context.Operators.AsNoTracking()
            .SingleOrDefaultAsync(o => o.ClientCertificateSha256 == sha256 && !o.Disabled, cancellationToken);
        return row?.ToRecord();
    }

    /// <exception cref="GmPkiException"><c>request-invalid</c> when the name, the API key hash or the client certificate is taken.</exception>
    public async Task AddAsync(OperatorRecord operatorRecord, AuditEvent audit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(operatorRecord);
        ArgumentNullException.ThrowIfNull(audit);

        if (await writer.WriteAsync([LedgerStatements.Operator(operatorRecord), LedgerStatements.Audit(audit)], cancellationToken) != WriteOutcome.Written)
        {
            throw Errors.RequestInvalid.With(await NameExistsAsync(operatorRecord.Name, cancellationToken)
                ? $"operator name '{operatorRecord.Name}' already exists"
                : "the API key or the client certificate is already registered to another operator");
        }
    }

    public async Task<IReadOnlyList<OperatorRecord>> ListAsync(CancellationToken cancellationToken)
    {
        await using var context = await contexts.CreateDbContextAsync(cancellationToken);
        var rows = await context.Operators.AsNoTracking().ToListAsync(cancellationToken);

        // Ordinal order here, the same on every provider and collation.
        return [.. rows.OrderBy(o => o.Name, StringComparer.Ordinal).Select(o => o.ToRecord())];
    }

    private async Task<bool> NameExistsAsync(string name, CancellationToken cancellationToken)
    {
        await using var context = await contexts.CreateDbContextAsync(cancellationToken);
        return await context.Operators.AnyAsync(o => o.Name == name, cancellationToken);
    }
}
