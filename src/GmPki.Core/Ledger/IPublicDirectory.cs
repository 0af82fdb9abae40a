namespace GmPki.Core.Ledger;

/// <summary>
/// The public directory of issued certificates (目录信息查询, M24 §18(2)) and the
/// announcements of renewals and revocations (公告, D §20(4)). Reads only certificates in state
/// issued and only what they publish.
/// </summary>
public interface IPublicDirectory
{
    /// <summary>Issued certificates matching every criterion of <paramref name="query"/>, newest first.</summary>
    /// <param name="query">The criteria.</param>
    /// <param name="pageNumber">1-based page.</param>
    /// <param name="pageSize">Items per page, 1–500.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <exception cref="Errors.GmPkiException"><c>request-invalid</c> for a page below 1 or a size outside 1–500.</exception>
    Task<Page<DirectoryEntry>> SearchAsync(DirectoryQuery query, int pageNumber, int pageSize, CancellationToken cancellationToken);

    /// <summary>The issued certificate with this serial (of this issuer when given; else the newest reservation), or null.</summary>
    /// <param name="issuerLabel">Label of the issuing CA, or null for any.</param>
    /// <param name="serialHex">Serial, lowercase hex without leading zero octets.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    Task<DirectoryEntry?> FindAsync(string? issuerLabel, string serialHex, CancellationToken cancellationToken);

    /// <summary>
    /// Revocations (issued certificates whose status is revoked, at the status change) and
    /// renewals and extensions (fulfilled applications, at the new certificate's issuance), newest
    /// first; ties broken by serial.
    /// </summary>
    /// <param name="since">Only announcements at or after this UTC instant, or all when null.</param>
    /// <param name="pageNumber">1-based page.</param>
    /// <param name="pageSize">Items per page, 1–500.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <exception cref="Errors.GmPkiException"><c>request-invalid</c> for a page below 1 or a size outside 1–500.</exception>
    Task<Page<Announcement>> AnnouncementsAsync(DateTime? since, int pageNumber, int pageSize, CancellationToken cancellationToken);
}
