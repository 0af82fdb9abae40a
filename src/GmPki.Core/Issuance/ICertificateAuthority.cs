using GmPki.Core.Ledger;

namespace GmPki.Core.Issuance;

/// <summary>
/// The certificate authority as the registration authority sees it: the CA takes instructions
/// only from the RA (DESIGN.md), through these calls.
/// </summary>
public interface ICertificateAuthority
{
    /// <summary>Checks a request against its profile without reserving or signing anything.</summary>
    /// <exception cref="Errors.GmPkiException">Any request error of the catalog (<c>profile-unknown</c>, <c>csr-*</c>, <c>identity-extension-rejected</c>).</exception>
    Task<CertificatePreview> PreviewAsync(IssuanceRequest request, CancellationToken cancellationToken);

    /// <summary>Issues a certificate through the full issuance cycle (<c>docs/issuance.md</c>).</summary>
    /// <exception cref="Errors.GmPkiException">A request error, <c>issuer-unavailable</c>, <c>pre-issuance-check-failed</c>, <c>signing-fault</c>.</exception>
    Task<IssuedCertificate> IssueAsync(IssuanceRequest request, Actor actor, CancellationToken cancellationToken);
}
