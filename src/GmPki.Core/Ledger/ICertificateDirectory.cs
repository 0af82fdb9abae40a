namespace GmPki.Core.Ledger;

/// <summary>Read access to certificates in the ledger.</summary>
public interface ICertificateDirectory
{
    /// <summary>
    /// Finds a certificate by serial (lowercase hex, no leading zero octets), in any state. Serials
    /// are unique per issuer; with 126 random bits two issuers sharing one is not expected, and the
    /// newest reservation is returned if they do.
    /// </summary>
    Task<CertificateRecord?> FindAsync(string serialHex, CancellationToken cancellationToken);

    /// <summary>
    /// The certificates issued (state <see cref="CertificateState.Issued"/>) for a registration
    /// application, oldest first: how a fulfilment retried after a crash between issuance and the
    /// recording of its step finds what was already issued (docs/issuance.md).
    /// </summary>
    /// <param name="applicationId">The application (<see cref="SerialReservation.ApplicationId"/>).</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    Task<IReadOnlyList<CertificateRecord>> FindIssuedForApplicationAsync(Guid applicationId, CancellationToken cancellationToken);

    /// <summary>Lists certificates, newest first.</summary>
    /// <param name="state">Only this state, or all when null.</param>
    /// <param name="pageNumber">1-based page.</param>
    /// <param name="pageSize">Items per page, 1–500.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <exception cref="Errors.GmPkiException"><c>request-invalid</c> for a page below 1 or a size outside 1–500.</exception>
    Task<Page<CertificateRecord>> ListAsync(CertificateState? state, int pageNumber, int pageSize, CancellationToken cancellationToken);
}
