using GmPki.Core.Ledger;
using GmPki.Storage.Context;
using Microsoft.EntityFrameworkCore;

namespace GmPki.Storage.Ledger;

/// <summary>Reads certificates; "newest" means latest reservation, ties broken by the later row.</summary>
internal sealed class CertificateDirectory(IDbContextFactory<LedgerContext> contexts) : ICertificateDirectory
{
    /// <remarks>Serials are unique per issuer only; when several issuers used the serial, the newest reservation wins.</remarks>
    public async Task<CertificateRecord?> FindAsync(string serialHex, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(serialHex);

        await using var context = await contexts.CreateDbContextAsync(cancellationToken);
        var row = await context.Certificates.AsNoTracking()
            .Where(c => c.SerialHex == serialHex)
            .OrderByDescending(c => c.ReservedAt)
            .ThenByDescending(c => c.Id)
            .FirstOrDefaultAsync(cancellationToken);
        return row?.ToRecord();
    }

    public async Task<IReadOnlyList<CertificateRecord>> FindIssuedForApplicationAsync(Guid applicationId, CancellationToken cancellationToken)
    {
        var id = applicationId.ToString("D");
        await using var context = await contexts.CreateDbContextAsync(cancellationToken);
        var rows = await context.Certificates.AsNoTracking()
            .Where(c => c.ApplicationId == id && c.State == CertificateState.Issued)
            .OrderBy(c => c.Id)
            .ToListAsync(cancellationToken);
        return [.. rows.Select(r => r.ToRecord())];
    }

    /// <exception cref="Core.Errors.GmPkiException"><c>request-invalid</c> when the page number is below 1 or the page size outside 1–500.</exception>
    public async Task<Page<CertificateRecord>> ListAsync(CertificateState? state, int pageNumber, int pageSize, CancellationToken cancellationToken)
    {
        var skip = Paging.Skip(pageNumber, pageSize);
        await using var context = await contexts.CreateDbContextAsync(cancellationToken);
        var query = context.Certificates.AsNoTracking();
        if (state is { } only)
        {
            query = query.Where(c => c.State == only);
        }

        var total = await query.CountAsync(cancellationToken);
        var rows = await query
            .OrderByDescending(c => c.ReservedAt)
            .ThenByDescending(c => c.Id)
            .Skip(skip)
            .Take(pageSize)
            .ToListAsync(cancellationToken);
        return new Page<CertificateRecord>([.. rows.Select(c => c.ToRecord())], total, pageNumber, pageSize);
    }
}
