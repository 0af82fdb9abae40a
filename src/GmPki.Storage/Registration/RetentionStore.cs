using GmPki.Core.Ledger;
using GmPki.Core.Registration;
using GmPki.Storage.Context;
using GmPki.Storage.Writing;
using Microsoft.EntityFrameworkCore;

namespace GmPki.Storage.Registration;

/// <summary>The retention purge's reads (EF Core) and removals (through the <see cref="LedgerWriter"/>, each with its audit event).</summary>
internal sealed class RetentionStore(IDbContextFactory<LedgerContext> contexts, LedgerWriter writer) : IRetentionStore
{
    private static readonly string[] Closed = [KebabNames.Of(ApplicationState.Completed), KebabNames.Of(ApplicationState.Rejected), KebabNames.Of(ApplicationState.Withdrawn)];
    private static readonly string Government = KebabNames.Of(SubscriberType.GovernmentDepartment);

    private static readonly LedgerStatement DeleteEvidence = new("DELETE FROM evidence_files WHERE application_id = @id", "id");
    private static readonly LedgerStatement DeleteSteps = new("DELETE FROM application_steps WHERE application_id = @id", "id");
    private static readonly LedgerStatement DeleteApplication = new(
        $"DELETE FROM applications WHERE id = @id AND updated_at <= @closedAt AND state IN ('{Closed[0]}', '{Closed[1]}', '{Closed[2]}')", "id", "closedAt");
    private static readonly LedgerStatement DeleteSubscriber = new(
        "DELETE FROM subscribers WHERE id = @id AND NOT EXISTS (SELECT 1 FROM applications a WHERE a.subscriber_id = @id) " +
        "AND NOT EXISTS (SELECT 1 FROM subscribers s WHERE s.organization_id = @id)", "id");

    public async Task<IReadOnlyList<RetentionCandidate>> ListClosedApplicationsAsync(DateTime closedBefore, int max, CancellationToken cancellationToken)
    {
        await using var context = await contexts.CreateDbContextAsync(cancellationToken);
        var rows = await (
            from a in context.Set<ApplicationEntity>().AsNoTracking()
            join s in context.Set<SubscriberEntity>() on a.SubscriberId equals s.Id
            join o in context.Set<SubscriberEntity>() on s.OrganizationId equals o.Id into organizations
            from o in organizations.DefaultIfEmpty()
            where Closed.Contains(a.State) && a.UpdatedAt < closedBefore
            orderby a.UpdatedAt
            select new { a.Id, a.SubscriberId, a.UpdatedAt, a.Profile, a.ResultSerial, a.TargetSerial, Government = s.Type == Government || (o != null && o.Type == Government) })
            .Take(max).ToListAsync(cancellationToken);
        var serials = rows.SelectMany(r => new[] { r.ResultSerial, r.TargetSerial }).OfType<string>().Distinct().ToList();
        var ids = rows.Select(r => r.Id).ToList();
        var certificates = await context.Certificates.AsNoTracking()
            .Where(c => serials.Contains(c.SerialHex) || (c.ApplicationId != null && ids.Contains(c.ApplicationId)))
            .Select(c => new { c.SerialHex, c.ApplicationId, c.Profile, c.NotAfter, c.Status, c.StatusChangedAt }).ToListAsync(cancellationToken);
        return [.. rows.Select(r =>
        {
            var own = certificates.Where(c => c.ApplicationId == r.Id || c.SerialHex == r.ResultSerial || c.SerialHex == r.TargetSerial).ToList();
            return new RetentionCandidate(Guid.Parse(r.Id), Guid.Parse(r.SubscriberId), r.UpdatedAt, r.Government,
                [.. own.Select(c => c.Status == CertificateStatus.Revoked && c.StatusChangedAt is { } revoked && revoked < c.NotAfter ? revoked : c.NotAfter)],
                [.. own.Select(c => c.Profile).Append(r.Profile).Distinct()], [.. own.Select(c => c.SerialHex).Distinct()]);
        })];
    }

    public async Task<bool> PurgeApplicationAsync(Guid applicationId, DateTime closedAt, AuditEvent audit, CancellationToken cancellationToken)
    {
        var id = RegistrationStatements.Id(applicationId);
        return await writer.WriteAsync(
            [new LedgerStep(DeleteEvidence, [id]), new LedgerStep(DeleteSteps, [id]), new LedgerStep(DeleteApplication, [id, UtcDateTimeConverter.ToUtc(closedAt)], MustChangeOneRow: true), LedgerStatements.Audit(audit)],
            cancellationToken) == WriteOutcome.Written;
    }

    public async Task<IReadOnlyList<(Guid Id, bool Government)>> ListUnreferencedSubscribersAsync(DateTime registeredBefore, int max, CancellationToken cancellationToken)
    {
        await using var context = await contexts.CreateDbContextAsync(cancellationToken);
        var subscribers = context.Set<SubscriberEntity>();
        var rows = await (
            from s in subscribers.AsNoTracking()
            join o in subscribers on s.OrganizationId equals o.Id into organizations
            from o in organizations.DefaultIfEmpty()
            where s.CreatedAt < registeredBefore
                && !context.Set<ApplicationEntity>().Any(a => a.SubscriberId == s.Id)
                && !subscribers.Any(staff => staff.OrganizationId == s.Id)
            orderby s.CreatedAt
            select new { s.Id, Government = s.Type == Government || (o != null && o.Type == Government) })
            .Take(max).ToListAsync(cancellationToken);
        return [.. rows.Select(r => (Guid.Parse(r.Id), r.Government))];
    }

    public async Task<bool> PurgeSubscriberAsync(Guid subscriberId, AuditEvent audit, CancellationToken cancellationToken)
        => await writer.WriteAsync(
            [new LedgerStep(DeleteSubscriber, [RegistrationStatements.Id(subscriberId)], MustChangeOneRow: true), LedgerStatements.Audit(audit)],
            cancellationToken) == WriteOutcome.Written;
}
