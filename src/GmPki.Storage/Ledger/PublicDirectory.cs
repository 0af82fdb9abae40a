using System.Linq.Expressions;
using GmPki.Core.Ledger;
using GmPki.Core.Registration;
using GmPki.Storage.Context;
using GmPki.Storage.Entities;
using GmPki.Storage.Registration;
using Microsoft.EntityFrameworkCore;

namespace GmPki.Storage.Ledger;

/// <summary>
/// The public directory and the announcements feed, read from <c>certificates</c> (issued rows
/// only) and, for renewals, <c>applications</c> (<c>result_serial</c> of renew and extend
/// applications). Subject criteria are LIKE patterns (<see cref="SubjectPatterns"/>): SQLite's
/// LIKE ignores the case of ASCII letters, PostgreSQL's ILIKE that of every letter.
/// </summary>
internal sealed class PublicDirectory(IDbContextFactory<LedgerContext> contexts) : IPublicDirectory
{
    /// <summary>Kind column of revocation rows in the union (applications' kinds are the other rows').</summary>
    private const string Revoked = "revoked";

    private static readonly string[] RenewalKinds = [KebabNames.Of(ApplicationKind.Renew), KebabNames.Of(ApplicationKind.Extend)];

    /// <exception cref="Core.Errors.GmPkiException"><c>request-invalid</c> when the page number is below 1 or the page size outside 1–500.</exception>
    public async Task<Page<DirectoryEntry>> SearchAsync(DirectoryQuery query, int pageNumber, int pageSize, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var skip = Paging.Skip(pageNumber, pageSize);
        await using var context = await contexts.CreateDbContextAsync(cancellationToken);
        var rows = Filter(Issued(context), query, context.Database.IsNpgsql());
        var total = await rows.CountAsync(cancellationToken);
        var page = await rows
            .OrderByDescending(c => c.ReservedAt)
            .ThenByDescending(c => c.Id)
            .Skip(skip)
            .Take(pageSize)
            .ToListAsync(cancellationToken);
        return new Page<DirectoryEntry>([.. page.Select(Entry)], total, pageNumber, pageSize);
    }

    public async Task<DirectoryEntry?> FindAsync(string? issuerLabel, string serialHex, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(serialHex);
        await using var context = await contexts.CreateDbContextAsync(cancellationToken);
        var row = await Issued(context)
            .Where(c => c.SerialHex == serialHex && (issuerLabel == null || c.IssuerLabel == issuerLabel))
            .OrderByDescending(c => c.ReservedAt)
            .ThenByDescending(c => c.Id)
            .FirstOrDefaultAsync(cancellationToken);
        return row is null ? null : Entry(row);
    }

    /// <exception cref="Core.Errors.GmPkiException"><c>request-invalid</c> when the page number is below 1 or the page size outside 1–500.</exception>
    public async Task<Page<Announcement>> AnnouncementsAsync(DateTime? since, int pageNumber, int pageSize, CancellationToken cancellationToken)
    {
        var skip = Paging.Skip(pageNumber, pageSize);
        await using var context = await contexts.CreateDbContextAsync(cancellationToken);
        var revocations = Issued(context)
            .Where(c => c.Status == CertificateStatus.Revoked && c.StatusChangedAt != null)
            .Select(c => new AnnouncementRow
            {
                Kind = Revoked, At = c.StatusChangedAt!.Value, IssuerLabel = c.IssuerLabel, SerialHex = c.SerialHex,
                SubjectDn = c.SubjectDn, Reason = c.RevocationReason, ReplacedSerialHex = null,
            });
        var renewals =
            from application in context.Set<ApplicationEntity>()
            where RenewalKinds.Contains(application.Kind) && application.ResultSerial != null
            join certificate in Issued(context) on application.ResultSerial equals certificate.SerialHex
            select new AnnouncementRow
            {
                Kind = application.Kind, At = certificate.IssuedAt!.Value, IssuerLabel = certificate.IssuerLabel, SerialHex = certificate.SerialHex,
                SubjectDn = certificate.SubjectDn, Reason = null, ReplacedSerialHex = application.TargetSerial,
            };
        var all = revocations.Concat(renewals);
        if (since is { } start)
        {
            all = all.Where(a => a.At >= start);
        }

        var total = await all.CountAsync(cancellationToken);
        var page = await all
            .OrderByDescending(a => a.At)
            .ThenBy(a => a.SerialHex)
            .Skip(skip)
            .Take(pageSize)
            .ToListAsync(cancellationToken);
        return new Page<Announcement>([.. page.Select(ToAnnouncement)], total, pageNumber, pageSize);
    }

    private static IQueryable<CertificateEntity> Issued(LedgerContext context)
        => context.Certificates.AsNoTracking().Where(c => c.State == CertificateState.Issued);

    private static IQueryable<CertificateEntity> Filter(IQueryable<CertificateEntity> rows, DirectoryQuery query, bool postgres)
    {
        if (query.SerialHex is { } serial)
        {
            rows = rows.Where(c => c.SerialHex == serial);
        }

        if (query.IssuerLabel is { } issuer)
        {
            rows = rows.Where(c => c.IssuerLabel == issuer);
        }

        if (query.Status is { } status)
        {
            rows = rows.Where(c => c.Status == status);
        }

        if (query.Profiles is { } profiles)
        {
            var names = profiles.ToArray();
            rows = rows.Where(c => names.Contains(c.Profile));
        }

        if (query.ValidAt is { } at)
        {
            rows = rows.Where(c => c.NotBefore <= at && c.NotAfter >= at);
        }

        foreach (var pattern in new[]
                 {
                     query.SubjectContains is { } text ? SubjectPatterns.Substring(text) : null,
                     query.CommonName is { } name ? SubjectPatterns.Attribute("CN", name) : null,
                     query.Organization is { } organization ? SubjectPatterns.Attribute("O", organization) : null,
                 }.OfType<string>())
        {
            rows = rows.Where(SubjectLike(pattern, postgres));
        }

        return rows;
    }

    /// <summary><c>',' || subject_dn || ','</c> LIKE (SQLite, ASCII case-insensitive) or ILIKE (PostgreSQL) the pattern.</summary>
    private static Expression<Func<CertificateEntity, bool>> SubjectLike(string pattern, bool postgres) => postgres
        ? c => EF.Functions.ILike("," + c.SubjectDn + ",", pattern, SubjectPatterns.Escape)
        : c => EF.Functions.Like("," + c.SubjectDn + ",", pattern, SubjectPatterns.Escape);

    private static DirectoryEntry Entry(CertificateEntity row) => new(row.ToRecord(), row.StatusChangedAt, row.RevocationReason);

    private static Announcement ToAnnouncement(AnnouncementRow row) => new(
        row.Kind switch
        {
            Revoked => AnnouncementKind.Revocation,
            _ => RegistrationStatements.Parse<ApplicationKind>(row.Kind) == ApplicationKind.Extend ? AnnouncementKind.Extension : AnnouncementKind.Renewal,
        },
        row.At, row.IssuerLabel, row.SerialHex, PersonalData.MaskSerialNumber(row.SubjectDn), row.Reason, row.ReplacedSerialHex);

    /// <summary>One row of the union of revocations and renewals.</summary>
    private sealed class AnnouncementRow
    {
        public required string Kind { get; init; }

        public DateTime At { get; init; }

        public required string IssuerLabel { get; init; }

        public required string SerialHex { get; init; }

        public required string SubjectDn { get; init; }

        public string? Reason { get; init; }

        public string? ReplacedSerialHex { get; init; }
    }
}
