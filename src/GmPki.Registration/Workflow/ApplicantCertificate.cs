using GmPki.Core.Errors;
using GmPki.Core.Issuance;
using GmPki.Core.Keys;
using GmPki.Core.Ledger;
using GmPki.Core.Registration;
using GmPki.Cryptography.Signing;
using GmPki.Cryptography.Sm;
using Org.BouncyCastle.Asn1.X509;

namespace GmPki.Registration.Workflow;

/// <summary>
/// What the certificate of an application will name and which key it will carry: from the CSR
/// (checked by the CA for the profile) for new, renew and change; from the certificate acted on
/// for the other kinds.
/// </summary>
public sealed class ApplicantCertificate(ICertificateAuthority authority, ICertificateDirectory certificates)
{
    /// <summary>The subject and key the application's certificate names.</summary>
    /// <exception cref="GmPkiException"><c>certificate-not-found</c> when the target certificate vanished.</exception>
    public async Task<CertificatePreview> PreviewAsync(CertificateApplication application, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(application);
        if (application.CertificationRequest is { } request)
        {
            return await authority.PreviewAsync(new IssuanceRequest(application.Profile, request), cancellationToken);
        }

        var target = await certificates.FindAsync(application.TargetSerial!, cancellationToken);
        var der = target?.CertificateDer ?? throw Errors.CertificateNotFound.With($"certificate {application.TargetSerial} is not in the ledger.");
        var certificate = X509CertificateStructure.GetInstance(der);
        var attributes = certificate.Subject.GetOidList().Cast<Org.BouncyCastle.Asn1.DerObjectIdentifier>()
            .Zip(certificate.Subject.GetValueList().Cast<string>(), (oid, value) => ((X509Name.DefaultSymbols[oid] as string) ?? oid.Id, value))
            .ToList();
        var key = PublicKey.Parse(certificate.SubjectPublicKeyInfo.GetDerEncoded());
        return new CertificatePreview(certificate.Subject.ToString(true, X509Name.DefaultSymbols), attributes, [], key.Algorithm, key.SubjectPublicKeyInfo);
    }

    /// <summary>
    /// Verifies a signature the applicant made with the certificate's key over <paramref name="message"/>:
    /// SM3withSM2 with the GM/T default ID, ecdsa-with-SHA256/-SHA384, or sha256WithRSAEncryption.
    /// </summary>
    public static bool VerifyApplicantSignature(CertificatePreview preview, ReadOnlySpan<byte> message, ReadOnlySpan<byte> signature)
    {
        ArgumentNullException.ThrowIfNull(preview);
        return VerifyHolderSignature(preview.SubjectPublicKeyInfo, message, signature);
    }

    /// <summary>
    /// Verifies a signature over <paramref name="message"/> with a holder's key (DER
    /// SubjectPublicKeyInfo): SM3withSM2 with the GM/T default ID, ecdsa-with-SHA256/-SHA384 for
    /// P-256/P-384, sha256WithRSAEncryption (PKCS#1 v1.5) for RSA. Signatures are DER for SM2 and ECDSA.
    /// </summary>
    public static bool VerifyHolderSignature(byte[] subjectPublicKeyInfo, ReadOnlySpan<byte> message, ReadOnlySpan<byte> signature)
    {
        var key = PublicKey.Parse(subjectPublicKeyInfo);
        var oid = key.Algorithm switch
        {
            KeyAlgorithm.Sm2 => "1.2.156.10197.1.501",
            KeyAlgorithm.EcdsaP256 => "1.2.840.10045.4.3.2",
            KeyAlgorithm.EcdsaP384 => "1.2.840.10045.4.3.3",
            _ => "1.2.840.113549.1.1.11",
        };
        return key.Verify(SignatureAlgorithm.Find(oid)!, message, signature, Sm2UserId.Default.Span);
    }
}
