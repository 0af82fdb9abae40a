using GmPki.Core.Errors;
using GmPki.Core.Ledger;
using GmPki.Storage.Context;
using GmPki.Storage.Writing;
using Microsoft.EntityFrameworkCore;

namespace GmPki.Storage.Ledger;

/// <summary>Operator accounts; names and API key hashes are unique.</summary>
internal sealed class OperatorStore(IDbContextFactory<LedgerContext> contexts, LedgerWriter writer) : IOperatorStore
{
    private static readonly LedgerStatement Disable = new("UPDATE operators SET disabled = @disabled WHERE name = @name", "disabled", "name");

    private static readonly LedgerStatement Rotate = new(
        "UPDATE operators SET api_key_hash = @hash, expires_at = @expiresAt WHERE name = @name", "hash", "expiresAt", "name");

    public async Task<OperatorRecord?> FindByApiKeyHashAsync(string apiKeyHash, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(apiKeyHash);

        await using var context = await contexts.CreateDbContextAsync(cancellationToken);
        var row = await context.Operators.AsNoTracking()
            .SingleOrDefaultAsync(o => o.ApiKeyHash == apiKeyHash, cancellationToken);
        return row?.ToRecord();
    }

    public async Task<OperatorRecord?> FindByClientCertificateAsync(string sha256, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sha256);
        await using var context = await contexts.CreateDbContextAsync(cancellationToken);
        var row = await context.Operators.AsNoTracking()
            .SingleOrDefaultAsync(o => o.ClientCertificateSha256 == sha256, cancellationToken);
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

    public async Task<bool> SetDisabledAsync(string name, bool disabled, AuditEvent audit, CancellationToken cancellationToken)
        => await writer.WriteAsync([new LedgerStep(Disable, [disabled, name], MustChangeOneRow: true), LedgerStatements.Audit(audit)], cancellationToken) == WriteOutcome.Written;

    /// <exception cref="GmPkiException"><c>request-invalid</c> when the new hash is already another operator's.</exception>
    public async Task<bool> RotateAsync(string name, string apiKeyHash, DateTime? expiresAt, AuditEvent audit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(apiKeyHash);
        var expiry = expiresAt is { } e ? UtcDateTimeConverter.ToUtc(e) : (DateTime?)null;
        return await writer.WriteAsync([new LedgerStep(Rotate, [apiKeyHash, expiry, name], MustChangeOneRow: true), LedgerStatements.Audit(audit)], cancellationToken) switch
        {
            WriteOutcome.Written => true,
            WriteOutcome.NotMatched => false,
            _ => throw Errors.RequestInvalid.With("the new API key is already registered to another operator"),
        };
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
