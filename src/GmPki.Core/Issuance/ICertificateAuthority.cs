using GmPki.Core.Ledger;

namespace GmPki.Core.Issuance;

/// <summary>
/// The certificate authority as the registration authority sees it: the CA takes instructions
/// only from the RA (after the workflow's approval), through these calls.
/// </summary>
public interface ICertificateAuthority
{
    /// <summary>Checks a request against its profile without reserving or signing anything.</summary>
    /// <exception cref="Errors.GmPkiException">Any request error of the catalog (<c>profile-unknown</c>, <c>csr-*</c>, <c>identity-extension-rejected</c>).</exception>
    Task<CertificatePreview> PreviewAsync(IssuanceRequest request, CancellationToken cancellationToken);

    /// <summary>Issues a certificate through the full issuance cycle (<c>docs/issuance.md</c>).</summary>
    /// <exception cref="Errors.GmPkiException">A request error (<c>request-invalid</c> for an encryption profile, whose keys come from the KMC), <c>issuer-unavailable</c>, <c>pre-issuance-check-failed</c>, <c>signing-fault</c>.</exception>
    Task<IssuedCertificate> IssueAsync(IssuanceRequest request, Actor actor, CancellationToken cancellationToken);

    /// <summary>
    /// Extends a certificate (延期): issues a new certificate with the same subject and key for a
    /// fresh validity period under <paramref name="profile"/>, through the full issuance cycle.
    /// </summary>
    /// <param name="certificateDer">The certificate to extend; it must have been issued by this CA.</param>
    /// <param name="profile">Profile of the new certificate.</param>
    /// <param name="applicationId">The registration application this issuance fulfils (stored with the certificate, see <see cref="IssuanceRequest.ApplicationId"/>), or null.</param>
    /// <param name="actor">Who instructs the CA.</param>
    /// <param name="cancellationToken">Cancels before signing.</param>
    /// <exception cref="Errors.GmPkiException"><c>request-invalid</c> when the certificate is not this CA's; otherwise as <see cref="IssueAsync"/>.</exception>
    Task<IssuedCertificate> ExtendAsync(byte[] certificateDer, string profile, Guid? applicationId, Actor actor, CancellationToken cancellationToken);

    /// <summary>
    /// Issues the encryption certificate of a dual pair (双证书, GM/T 0034): the subject,
    /// subjectAltNames and GM/T 0015 identity values of the pair's signing certificate, for the key
    /// pair the key management centre generated, under an encryption profile (one that another
    /// profile names as its <c>EncryptionProfile</c>), through the full issuance cycle.
    /// </summary>
    /// <param name="signingCertificateDer">The pair's signing certificate, issued by this CA.</param>
    /// <param name="encryptionPublicKey">DER SubjectPublicKeyInfo of the KMC's key pair.</param>
    /// <param name="profile">The encryption profile.</param>
    /// <param name="applicationId">The registration application this issuance fulfils (stored with the certificate, see <see cref="IssuanceRequest.ApplicationId"/>), or null.</param>
    /// <param name="actor">Who instructs the CA.</param>
    /// <param name="cancellationToken">Cancels before signing.</param>
    /// <exception cref="Errors.GmPkiException"><c>request-invalid</c> when the signing certificate is not this CA's or the profile is not an encryption profile; otherwise as <see cref="IssueAsync"/>.</exception>
    Task<IssuedCertificate> IssueEncryptionAsync(byte[] signingCertificateDer, byte[] encryptionPublicKey, string profile, Guid? applicationId, Actor actor, CancellationToken cancellationToken);
}
