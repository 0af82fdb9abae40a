using System.Text.Json;
using GmPki.Core.Errors;
using GmPki.Core.Ledger;
using GmPki.Core.Registration;
using GmPki.Storage.Context;
using GmPki.Storage.Writing;
using Microsoft.EntityFrameworkCore;

namespace GmPki.Storage.Registration;

/// <summary>The <c>agencies</c> table: reads through EF Core, writes through the <see cref="LedgerWriter"/> with their audit events.</summary>
internal sealed class AgencyStore(IDbContextFactory<LedgerContext> contexts, LedgerWriter writer) : IAgencyStore
{
    private static readonly LedgerStatement Insert = new(
        "INSERT INTO agencies (code, name, responsible_person, service_addresses, scope, agreement_date, filed_on, changed_on, change_filed_on, suspended, version, updated_at) " +
        "VALUES (@code, @name, @person, @addresses, @scope, @agreement, @filed, @changed, @changeFiled, @suspended, 0, @updatedAt)",
        "code", "name", "person", "addresses", "scope", "agreement", "filed", "changed", "changeFiled", "suspended", "updatedAt");

    private static readonly LedgerStatement Update = new(
        "UPDATE agencies SET name = @name, responsible_person = @person, service_addresses = @addresses, scope = @scope, agreement_date = @agreement, " +
        "filed_on = @filed, changed_on = @changed, change_filed_on = @changeFiled, suspended = @suspended, version = version + 1, updated_at = @updatedAt " +
        "WHERE code = @code AND version = @version",
        "name", "person", "addresses", "scope", "agreement", "filed", "changed", "changeFiled", "suspended", "updatedAt", "code", "version");

    /// <exception cref="GmPkiException"><c>agency-invalid</c> when the code is taken.</exception>
    public async Task AddAsync(Agency agency, AuditEvent audit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(agency);
        var step = new LedgerStep(Insert,
        [
            agency.Code, agency.Name, agency.ResponsiblePerson, JsonSerializer.Serialize(agency.ServiceAddresses), ScopeJson(agency.Scope),
            agency.AgreementDate, agency.FiledOn, agency.ChangedOn, agency.ChangeFiledOn, agency.Suspended, UtcDateTimeConverter.ToUtc(agency.UpdatedAt),
        ]);
        if (await writer.WriteAsync([step, LedgerStatements.Audit(audit)], cancellationToken) != WriteOutcome.Written)
        {
            throw Errors.AgencyInvalid.With($"an agency with code '{agency.Code}' already exists.");
        }
    }

    public async Task<bool> UpdateAsync(Agency agency, int expectedVersion, AuditEvent audit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(agency);
        var step = new LedgerStep(Update,
        [
            agency.Name, agency.ResponsiblePerson, JsonSerializer.Serialize(agency.ServiceAddresses), ScopeJson(agency.Scope),
            agency.AgreementDate, agency.FiledOn, agency.ChangedOn, agency.ChangeFiledOn, agency.Suspended, UtcDateTimeConverter.ToUtc(agency.UpdatedAt),
            agency.Code, expectedVersion,
        ], MustChangeOneRow: true);
        return await writer.WriteAsync([step, LedgerStatements.Audit(audit)], cancellationToken) == WriteOutcome.Written;
    }

    public async Task<Agency?> FindAsync(string code, CancellationToken cancellationToken)
    {
        await using var context = await contexts.CreateDbContextAsync(cancellationToken);
        var row = await context.Set<AgencyEntity>().AsNoTracking().SingleOrDefaultAsync(a => a.Code == code, cancellationToken);
        return row is null ? null : ToAgency(row);
    }

    public async Task<IReadOnlyList<Agency>> ListAsync(CancellationToken cancellationToken)
    {
        await using var context = await contexts.CreateDbContextAsync(cancellationToken);
        var rows = await context.Set<AgencyEntity>().AsNoTracking().ToListAsync(cancellationToken);
        return [.. rows.OrderBy(a => a.Code, StringComparer.Ordinal).Select(ToAgency)];
    }

    private static string ScopeJson(AgencyScope scope) => JsonSerializer.Serialize(new StoredScope(
        [.. scope.Profiles], [.. scope.SubscriberTypes.Select(KebabNames.Of)], [.. scope.Regions]));

    private static Agency ToAgency(AgencyEntity row)
    {
        var scope = JsonSerializer.Deserialize<StoredScope>(row.Scope) ?? throw new InvalidOperationException($"agency {row.Code} has no scope in the ledger.");
        return new Agency(row.Code, row.Name, row.ResponsiblePerson, JsonSerializer.Deserialize<List<string>>(row.ServiceAddresses) ?? [],
            new AgencyScope(scope.Profiles,
                [.. scope.SubscriberTypes.Select(RegistrationStatements.Parse<SubscriberType>)],
                scope.Regions),
            row.AgreementDate, row.FiledOn, row.ChangedOn, row.ChangeFiledOn, row.Suspended, row.Version, row.UpdatedAt);
    }

    private sealed record StoredScope(List<string> Profiles, List<string> SubscriberTypes, List<string> Regions);
}
