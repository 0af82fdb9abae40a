using GmPki.Core.Errors;
using GmPki.Core.Ledger;
using GmPki.Core.Registration;
using GmPki.Storage.Context;
using GmPki.Storage.Writing;
using Microsoft.EntityFrameworkCore;

namespace GmPki.Storage.Registration;

/// <summary>The <c>protocol_accounts</c> table: reads through EF Core, writes through the <see cref="LedgerWriter"/> with their audit events.</summary>
internal sealed class ProtocolAccountStore(IDbContextFactory<LedgerContext> contexts, LedgerWriter writer) : IProtocolAccountStore
{
    private static readonly LedgerStatement Insert = new(
        "INSERT INTO protocol_accounts (protocol, name, subscriber_id, profile, basis_application_id, secret_sm3, secret_sealed, created_by, agency, created_at, disabled) " +
        "VALUES (@protocol, @name, @subscriber, @profile, @basis, @secret, @sealed, @createdBy, @agency, @createdAt, @disabled)",
        "protocol", "name", "subscriber", "profile", "basis", "secret", "sealed", "createdBy", "agency", "createdAt", "disabled");

    private static readonly LedgerStatement Disable = new(
        "UPDATE protocol_accounts SET disabled = @disabled WHERE protocol = @protocol AND name = @name", "disabled", "protocol", "name");

    /// <exception cref="GmPkiException"><c>request-invalid</c> when the name is taken.</exception>
    public async Task AddAsync(ProtocolAccount account, AuditEvent audit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(account);
        var step = new LedgerStep(Insert,
        [
            KebabNames.Of(account.Protocol), account.Name, account.SubscriberId.ToString("D"), account.Profile, account.BasisApplicationId.ToString("D"),
            account.SecretSm3, account.SecretSealed, account.CreatedBy, account.Agency, UtcDateTimeConverter.ToUtc(account.CreatedAt), account.Disabled,
        ]);
        if (await writer.WriteAsync([step, LedgerStatements.Audit(audit)], cancellationToken) != WriteOutcome.Written)
        {
            throw Errors.RequestInvalid.With($"an {KebabNames.Of(account.Protocol)} account named '{account.Name}' already exists.");
        }
    }

    public async Task<ProtocolAccount?> FindAsync(EnrollmentProtocol protocol, string name, CancellationToken cancellationToken)
    {
        await using var context = await contexts.CreateDbContextAsync(cancellationToken);
        var key = KebabNames.Of(protocol);
        var row = await context.Set<ProtocolAccountEntity>().AsNoTracking().SingleOrDefaultAsync(a => a.Protocol == key && a.Name == name, cancellationToken);
        return row is null ? null : ToAccount(row);
    }

    public async Task<IReadOnlyList<ProtocolAccount>> ListAsync(CancellationToken cancellationToken)
    {
        await using var context = await contexts.CreateDbContextAsync(cancellationToken);
        var rows = await context.Set<ProtocolAccountEntity>().AsNoTracking().ToListAsync(cancellationToken);
        return [.. rows.OrderBy(a => a.Protocol, StringComparer.Ordinal).ThenBy(a => a.Name, StringComparer.Ordinal).Select(ToAccount)];
    }

    public async Task<bool> SetDisabledAsync(EnrollmentProtocol protocol, string name, bool disabled, AuditEvent audit, CancellationToken cancellationToken)
        => await writer.WriteAsync([new LedgerStep(Disable, [disabled, KebabNames.Of(protocol), name], MustChangeOneRow: true), LedgerStatements.Audit(audit)], cancellationToken)
            == WriteOutcome.Written;

    private static ProtocolAccount ToAccount(ProtocolAccountEntity row) => new(
        RegistrationStatements.Parse<EnrollmentProtocol>(row.Protocol), row.Name, Guid.Parse(row.SubscriberId), row.Profile, Guid.Parse(row.BasisApplicationId),
        row.SecretSm3, row.SecretSealed, row.CreatedBy, row.Agency, row.CreatedAt, row.Disabled);
}
