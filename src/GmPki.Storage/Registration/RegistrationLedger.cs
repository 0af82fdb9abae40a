using System.Text;
using System.Text.Json;
using GmPki.Core.Errors;
using GmPki.Core.Keys;
using GmPki.Core.Ledger;
using GmPki.Core.Registration;
using GmPki.Storage.Context;
using GmPki.Storage.Writing;
using Microsoft.EntityFrameworkCore;

namespace GmPki.Storage.Registration;

/// <summary>
/// The registration tables: reads through EF Core, writes through the process's
/// <see cref="LedgerWriter"/> with their audit events. Identity numbers, telephone numbers,
/// addresses and evidence contents are SM4-GCM protected, each bound to its row.
/// </summary>
internal sealed class RegistrationLedger(IDbContextFactory<LedgerContext> contexts, LedgerWriter writer, IPersonalDataProtector protector) : IRegistrationLedger
{
    private const int MaxPageSize = 500;

    public async Task AddSubscriberAsync(Subscriber subscriber, AuditEvent audit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(subscriber);
        var id = RegistrationStatements.Id(subscriber.Id);
        var row = new SubscriberEntity
        {
            Id = id,
            Type = KebabNames.Of(subscriber.Type),
            Name = subscriber.Name,
            IdentityDocument = KebabNames.Of(subscriber.IdentityDocument),
            IdentityNumberProtected = Protect(subscriber.IdentityNumber, id, "identity-number")!,
            IdentityNumberMasked = PersonalData.Mask(subscriber.IdentityNumber),
            Region = subscriber.Region,
            OrganizationId = subscriber.OrganizationId is { } organization ? RegistrationStatements.Id(organization) : null,
            PhoneProtected = Protect(subscriber.Phone, id, "phone"),
            Email = subscriber.Email,
            AddressProtected = Protect(subscriber.Address, id, "address"),
            RegisteredBy = subscriber.RegisteredBy,
            Agency = subscriber.Agency,
            CreatedAt = subscriber.CreatedAt,
            IdentityIndex = IdentityIndex(subscriber.IdentityDocument, subscriber.IdentityNumber),
        };
        var outcome = await writer.WriteAsync([RegistrationStatements.Subscriber(row), LedgerStatements.Audit(audit)], cancellationToken);
        if (outcome != WriteOutcome.Written)
        {
            throw Errors.SubscriberInvalid.With($"subscriber {subscriber.Id} could not be stored ({outcome}: identity number already registered, or unknown organisation).");
        }
    }

    public async Task<Subscriber?> FindSubscriberByIdentityAsync(IdentityDocumentType document, string identityNumber, CancellationToken cancellationToken)
    {
        var index = IdentityIndex(document, identityNumber);
        await using var context = await contexts.CreateDbContextAsync(cancellationToken);
        var id = await context.Set<SubscriberEntity>().Where(s => s.IdentityIndex == index).Select(s => s.Id).SingleOrDefaultAsync(cancellationToken);
        return id is null ? null : await FindSubscriberAsync(Guid.Parse(id), cancellationToken);
    }

    public async Task<Subscriber?> FindSubscriberAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var context = await contexts.CreateDbContextAsync(cancellationToken);
        var key = RegistrationStatements.Id(id);
        var row = await context.Set<SubscriberEntity>().AsNoTracking().SingleOrDefaultAsync(s => s.Id == key, cancellationToken);
        return row is null ? null : new Subscriber(
            id,
            RegistrationStatements.Parse<SubscriberType>(row.Type),
            row.Name,
            RegistrationStatements.Parse<IdentityDocumentType>(row.IdentityDocument),
            Unprotect(row.IdentityNumberProtected, key, "identity-number")!,
            row.Region,
            row.OrganizationId is null ? null : Guid.Parse(row.OrganizationId),
            Unprotect(row.PhoneProtected, key, "phone"),
            row.Email,
            Unprotect(row.AddressProtected, key, "address"),
            row.RegisteredBy,
            row.Agency,
            row.CreatedAt);
    }

    public async Task AddApplicationAsync(CertificateApplication application, string accessTokenHash, AuditEvent audit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(application);
        if (await writer.WriteAsync([RegistrationStatements.Application(application, accessTokenHash), LedgerStatements.Audit(audit)], cancellationToken) != WriteOutcome.Written)
        {
            throw Errors.SubscriberNotFound.With($"subscriber {application.SubscriberId} does not exist.");
        }
    }

    public async Task<CertificateApplication?> FindApplicationAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var context = await contexts.CreateDbContextAsync(cancellationToken);
        var key = RegistrationStatements.Id(id);
        var row = await context.Set<ApplicationEntity>().AsNoTracking().SingleOrDefaultAsync(a => a.Id == key, cancellationToken);
        return row is null ? null : (await WithStepsAsync(context, [row], cancellationToken))[0];
    }

    public async Task<Guid?> FindSubscriberOfCertificateAsync(string serialHex, CancellationToken cancellationToken)
    {
        await using var context = await contexts.CreateDbContextAsync(cancellationToken);
        var subscriber = await OfCertificate(context, serialHex)
            .Select(a => a.SubscriberId)
            .FirstOrDefaultAsync(cancellationToken);
        return subscriber is null ? null : Guid.Parse(subscriber);
    }

    public async Task<CertificateApplication?> FindApplicationOfCertificateAsync(string serialHex, CancellationToken cancellationToken)
    {
        await using var context = await contexts.CreateDbContextAsync(cancellationToken);
        var row = await OfCertificate(context, serialHex).FirstOrDefaultAsync(cancellationToken);
        return row is null ? null : (await WithStepsAsync(context, [row], cancellationToken))[0];
    }

    /// <summary>The application that issued the certificate: its result, or for the encryption certificate of a pair the application whose result is the pair's signing certificate.</summary>
    private static IQueryable<ApplicationEntity> OfCertificate(LedgerContext context, string serialHex)
    {
        var signing = context.Set<CertificatePairEntity>().Where(p => p.EncryptionSerial == serialHex).Select(p => p.SigningSerial);
        return context.Set<ApplicationEntity>().AsNoTracking().Where(a => a.ResultSerial == serialHex || signing.Contains(a.ResultSerial!));
    }

    public async Task<CertificateApplication?> FindPendingApplicationAsync(string createdBy, byte[] request, CancellationToken cancellationToken)
    {
        await using var context = await contexts.CreateDbContextAsync(cancellationToken);
        string[] pending = [KebabNames.Of(ApplicationState.AwaitingApproval), KebabNames.Of(ApplicationState.Approved), KebabNames.Of(ApplicationState.Fulfilled)];
        var row = await context.Set<ApplicationEntity>().AsNoTracking()
            .Where(a => a.CreatedBy == createdBy && pending.Contains(a.State) && a.CertificationRequest == request)
            .OrderByDescending(a => a.CreatedAt)
            .FirstOrDefaultAsync(cancellationToken);
        return row is null ? null : (await WithStepsAsync(context, [row], cancellationToken))[0];
    }

    public async Task<IReadOnlyList<string>> ListCertificatesOfSubscriberAsync(Guid subscriberId, CancellationToken cancellationToken)
    {
        await using var context = await contexts.CreateDbContextAsync(cancellationToken);
        var id = subscriberId.ToString("D");
        return await context.Set<ApplicationEntity>().AsNoTracking()
            .Where(a => a.SubscriberId == id && a.ResultSerial != null)
            .OrderBy(a => a.CreatedAt)
            .Select(a => a.ResultSerial!)
            .ToListAsync(cancellationToken);
    }

    public async Task<bool> IsAccessTokenAsync(Guid applicationId, string accessTokenHash, CancellationToken cancellationToken)
    {
        await using var context = await contexts.CreateDbContextAsync(cancellationToken);
        var key = RegistrationStatements.Id(applicationId);
        return await context.Set<ApplicationEntity>().AnyAsync(a => a.Id == key && a.AccessTokenHash == accessTokenHash, cancellationToken);
    }

    /// <exception cref="GmPkiException"><c>request-invalid</c> for a page below 1 or a size outside 1–500.</exception>
    public async Task<Page<CertificateApplication>> ListApplicationsAsync(ApplicationState? state, string? agency, int pageNumber, int pageSize, CancellationToken cancellationToken)
    {
        if (pageNumber < 1 || pageSize is < 1 or > MaxPageSize)
        {
            throw Errors.RequestInvalid.With($"page must be at least 1 and page size between 1 and {MaxPageSize}.");
        }

        await using var context = await contexts.CreateDbContextAsync(cancellationToken);
        var query = context.Set<ApplicationEntity>().AsNoTracking();
        if (state is { } wanted)
        {
            var name = KebabNames.Of(wanted);
            query = query.Where(a => a.State == name);
        }

        if (agency is not null)
        {
            query = query.Where(a => a.Agency == agency);
        }

        var total = await query.CountAsync(cancellationToken);
        var rows = await query.OrderByDescending(a => a.CreatedAt).ThenByDescending(a => a.Id)
            .Skip((pageNumber - 1) * pageSize).Take(pageSize).ToListAsync(cancellationToken);
        return new Page<CertificateApplication>(await WithStepsAsync(context, rows, cancellationToken), total, pageNumber, pageSize);
    }

    public async Task<RegistrationActivity> CountActivityAsync(string? agency, DateTime start, DateTime until, CancellationToken cancellationToken)
    {
        await using var context = await contexts.CreateDbContextAsync(cancellationToken);
        var subscribers = await context.Set<SubscriberEntity>()
            .CountAsync(s => s.Agency == agency && s.CreatedAt >= start && s.CreatedAt < until, cancellationToken);
        var groups = await context.Set<ApplicationEntity>()
            .Where(a => a.Agency == agency && a.CreatedAt >= start && a.CreatedAt < until)
            .GroupBy(a => new { a.Kind, a.State })
            .Select(g => new { g.Key.Kind, g.Key.State, Count = g.Count() })
            .ToListAsync(cancellationToken);
        return new RegistrationActivity(subscribers,
            [.. groups.Select(g => new ApplicationCount(RegistrationStatements.Parse<ApplicationKind>(g.Kind), RegistrationStatements.Parse<ApplicationState>(g.State), g.Count))
                .OrderBy(c => c.Kind).ThenBy(c => c.State)]);
    }

    public async Task<bool> RecordStepsAsync(Guid applicationId, int expectedVersion, IReadOnlyList<StepWrite> steps, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(steps);
        var id = RegistrationStatements.Id(applicationId);
        var statements = new List<LedgerStep>();
        foreach (var (write, version) in steps.Select((write, i) => (write, expectedVersion + i)))
        {
            statements.Add(RegistrationStatements.Move(applicationId, version, write.NewState, write.Record.RecordedAt, write.ResultSerial));
            statements.Add(RegistrationStatements.Step(applicationId, write.Record));
            statements.AddRange(write.Evidence.Select(file => RegistrationStatements.Evidence(new EvidenceEntity
            {
                Id = RegistrationStatements.Id(file.Summary.Id),
                ApplicationId = id,
                Step = KebabNames.Of(write.Record.Step),
                Name = file.Summary.Name,
                MediaType = file.Summary.MediaType,
                Length = file.Summary.Length,
                Sm3 = file.Summary.Sm3,
                ContentProtected = protector.Protect(file.Content, EvidencePurpose(file.Summary.Id)),
            })));
            if (write.StatusChange is not null)
            {
                statements.Add(RegistrationStatements.Status(write.StatusChange));
                statements.Add(RegistrationStatements.PartnerStatus(write.StatusChange));
            }

            if (write.Pair is not null)
            {
                statements.Add(RegistrationStatements.Pair(write.Pair));
            }

            statements.Add(LedgerStatements.Audit(write.Audit));
        }

        return await writer.WriteAsync(statements, cancellationToken) == WriteOutcome.Written;
    }

    public async Task<CertificatePair?> FindPairAsync(string serialHex, CancellationToken cancellationToken)
    {
        await using var context = await contexts.CreateDbContextAsync(cancellationToken);
        var row = await context.Set<CertificatePairEntity>().AsNoTracking()
            .FirstOrDefaultAsync(p => p.SigningSerial == serialHex || p.EncryptionSerial == serialHex, cancellationToken);
        return row is null ? null : new CertificatePair(row.SigningSerial, row.EncryptionSerial, row.KmcKeyId, row.EnvelopedKey, row.CreatedAt);
    }

    public async Task<bool> SetStateAsync(Guid applicationId, int expectedVersion, ApplicationState state, AuditEvent audit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(audit);
        return await writer.WriteAsync([RegistrationStatements.Move(applicationId, expectedVersion, state, audit.OccurredAt, null), LedgerStatements.Audit(audit)], cancellationToken)
            == WriteOutcome.Written;
    }

    public async Task<EvidenceFile?> FindEvidenceAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var context = await contexts.CreateDbContextAsync(cancellationToken);
        var key = RegistrationStatements.Id(id);
        var row = await context.Set<EvidenceEntity>().AsNoTracking().SingleOrDefaultAsync(e => e.Id == key, cancellationToken);
        return row is null ? null : new EvidenceFile(Summary(row), protector.Unprotect(row.ContentProtected, EvidencePurpose(id)), Guid.Parse(row.ApplicationId));
    }

    public async Task PublishDocumentAsync(PublishedDocument document, AuditEvent audit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(document);
        var row = new DocumentEntity
        {
            Kind = KebabNames.Of(document.Kind),
            Version = document.Version,
            Title = document.Title,
            Sections = JsonSerializer.Serialize(document.Sections),
            CpsVersion = document.CpsVersion,
            Sm3 = document.Sm3,
            PublishedAt = document.PublishedAt,
            PublishedBy = document.PublishedBy,
        };
        if (await writer.WriteAsync([RegistrationStatements.Document(row), LedgerStatements.Audit(audit)], cancellationToken) != WriteOutcome.Written)
        {
            throw Errors.DocumentConflict.With($"{row.Kind} version {row.Version} exists already.");
        }
    }

    public async Task<PublishedDocument?> FindDocumentAsync(DocumentKind kind, int? version, CancellationToken cancellationToken)
    {
        await using var context = await contexts.CreateDbContextAsync(cancellationToken);
        var name = KebabNames.Of(kind);
        var query = context.Set<DocumentEntity>().AsNoTracking().Where(d => d.Kind == name);
        var row = version is { } wanted
            ? await query.SingleOrDefaultAsync(d => d.Version == wanted, cancellationToken)
            : await query.OrderByDescending(d => d.Version).FirstOrDefaultAsync(cancellationToken);
        return row is null ? null : new PublishedDocument(kind, row.Version, row.Title,
            JsonSerializer.Deserialize<Dictionary<string, string>>(row.Sections)!, row.CpsVersion, row.Sm3, row.PublishedAt, row.PublishedBy);
    }

    private static async Task<List<CertificateApplication>> WithStepsAsync(LedgerContext context, List<ApplicationEntity> rows, CancellationToken cancellationToken)
    {
        var ids = rows.Select(r => r.Id).ToList();
        var steps = await context.Set<ApplicationStepEntity>().AsNoTracking().Where(s => ids.Contains(s.ApplicationId)).OrderBy(s => s.Id).ToListAsync(cancellationToken);
        var evidence = await context.Set<EvidenceEntity>().AsNoTracking().Where(e => ids.Contains(e.ApplicationId))
            .Select(e => new { e.Id, e.ApplicationId, e.Step, e.Name, e.MediaType, e.Length, e.Sm3 }).ToListAsync(cancellationToken);
        return [.. rows.Select(row => new CertificateApplication(
            Guid.Parse(row.Id), RegistrationStatements.Parse<ApplicationKind>(row.Kind), RegistrationStatements.Parse<ApplicationState>(row.State), row.Version, Guid.Parse(row.SubscriberId),
            row.Profile, row.TargetSerial, row.CertificationRequest, row.TwoPersonRule, row.Reason, row.ResultSerial, row.CreatedBy, row.Agency,
            row.CreatedAt, row.UpdatedAt,
            [.. steps.Where(s => s.ApplicationId == row.Id).Select(s => new StepRecord(
                RegistrationStatements.Parse<WorkflowStep>(s.Step), s.Passed, s.RecordedAt, s.Actor, s.Role, s.Agency, s.Method, s.Details,
                [.. evidence.Where(e => e.ApplicationId == row.Id && e.Step == s.Step)
                    .Select(e => new EvidenceSummary(Guid.Parse(e.Id), e.Name, e.MediaType, e.Length, e.Sm3))]))],
            row.Dual))];
    }

    private static EvidenceSummary Summary(EvidenceEntity row) => new(Guid.Parse(row.Id), row.Name, row.MediaType, row.Length, row.Sm3);

    private static string EvidencePurpose(Guid id) => "evidence:" + RegistrationStatements.Id(id);

    private byte[]? Protect(string? value, string subscriberId, string field)
        => value is null ? null : protector.Protect(Encoding.UTF8.GetBytes(value), $"subscriber:{subscriberId}:{field}");

    private string? Unprotect(byte[]? value, string subscriberId, string field)
        => value is null ? null : Encoding.UTF8.GetString(protector.Unprotect(value, $"subscriber:{subscriberId}:{field}"));

    private string IdentityIndex(IdentityDocumentType document, string identityNumber)
        => protector.BlindIndex(KebabNames.Of(document) + ":" + identityNumber.Trim().ToUpperInvariant(), "subscriber-identity");
}
