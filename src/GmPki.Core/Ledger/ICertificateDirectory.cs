namespace GmPki.Core.Ledger;

/// <summary>Read access to certificates in the ledger.</summary>
public interface ICertificateDirectory
{
    /// <summary>Finds a certificate by serial (lowercase hex, no leading zero octets), in any state.</summary>
    Task<CertificateRecord?> FindAsync(string serialHex, CancellationToken cancellationToken);

    /// <summary>Lists certificates, newest first.</summary>
    /// <param name="state">Only this state, or all when null.</param>
    /// <param name="pageNumber">1-based page.</param>
    /// <param name="pageSize">Items per page, 1–500.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    Task<Page<CertificateRecord>> ListAsync(CertificateState? state, int pageNumber, int pageSize, CancellationToken cancellationToken);
}
