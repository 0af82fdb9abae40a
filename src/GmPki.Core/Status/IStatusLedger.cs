using GmPki.Core.Ledger;

namespace GmPki.Core.Status;

/// <summary>
/// What the certificate status services (CRL publisher, OCSP responder) read from and write to
/// the ledger (<c>docs/status-services.md</c>). Implementations are safe for concurrent use and
/// for several processes sharing one database.
/// </summary>
public interface IStatusLedger
{
    /// <summary>The status of an issued certificate of <paramref name="issuerLabel"/>; null when the CA never issued that serial (or its issuance did not complete).</summary>
    /// <param name="issuerLabel">Label of the CA.</param>
    /// <param name="serialHex">Lowercase hex serial without leading zero octets.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    Task<StatusEntry?> FindAsync(string issuerLabel, string serialHex, CancellationToken cancellationToken);

    /// <summary>The issued certificates of one CA whose status is not good and which are still valid at <paramref name="at"/> (UTC): the entries of a complete CRL of <paramref name="shard"/>, ordered by serial.</summary>
    Task<IReadOnlyList<StatusEntry>> ListRevokedAsync(string issuerLabel, int shard, DateTime at, CancellationToken cancellationToken);

    /// <summary>The issued certificates of one CA still valid at <paramref name="at"/> (UTC), any status: what the OCSP responder pre-signs.</summary>
    Task<IReadOnlyList<StatusEntry>> ListIssuedAsync(string issuerLabel, DateTime at, CancellationToken cancellationToken);

    /// <summary>Issued certificates of every CA whose status changed at or after <paramref name="since"/> (UTC), oldest change first.</summary>
    Task<IReadOnlyList<StatusEntry>> ChangedSinceAsync(DateTime since, CancellationToken cancellationToken);

    /// <summary>
    /// Allocates the next cRLNumber of <paramref name="issuerLabel"/> with one atomic statement
    /// on the shared database (RFC 5280 §5.2.3), so numbers are strictly increasing across every
    /// process; an allocated number that is never published leaves a gap, which RFC 5280 allows.
    /// </summary>
    /// <returns>The number, 1 or more.</returns>
    Task<long> NextCrlNumberAsync(string issuerLabel, CancellationToken cancellationToken);

    /// <summary>
    /// Stores a signed CRL with its audit event as one write. CRLs are archived, never deleted
    /// (M24 §24: records kept): the ones it supersedes stay in the ledger, readable by number
    /// (<see cref="FindCrlAsync"/>), and only the latest is served.
    /// </summary>
    /// <exception cref="Errors.GmPkiException"><c>authority-not-found</c> when the CA is not registered.</exception>
    Task StoreCrlAsync(PublishedCrl crl, AuditEvent auditEvent, CancellationToken cancellationToken);

    /// <summary>
    /// The current CRL of one shard: the stored complete CRL (<paramref name="delta"/> false) with
    /// the highest number, or the delta with the highest number when it is newer than that complete
    /// CRL; null when there is none.
    /// </summary>
    Task<PublishedCrl?> LatestCrlAsync(string issuerLabel, int shard, bool delta, CancellationToken cancellationToken);

    /// <summary>Number, base and thisUpdate of the CRL <see cref="LatestCrlAsync"/> would return, without reading its DER; null when none was published.</summary>
    Task<CrlSummary?> LatestCrlSummaryAsync(string issuerLabel, int shard, bool delta, CancellationToken cancellationToken);

    /// <summary>One CRL of <paramref name="issuerLabel"/> by its cRLNumber, current or archived; null when none has that number.</summary>
    Task<PublishedCrl?> FindCrlAsync(string issuerLabel, long number, CancellationToken cancellationToken);
}
