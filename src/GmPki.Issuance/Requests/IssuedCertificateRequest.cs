using GmPki.Core.Errors;
using GmPki.Core.Profiles;
using GmPki.Cryptography.Signing;
using GmPki.Issuance.Identity;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.X509;

namespace GmPki.Issuance.Requests;

/// <summary>
/// Turns a certificate this CA issued back into a request for the same subject, subjectAltNames,
/// key and GM/T 0015 identity values: the input of an extension (延期), whose key was proved
/// when the certificate was first issued.
/// </summary>
internal static class IssuedCertificateRequest
{
    /// <summary>Reads <paramref name="certificateDer"/>.</summary>
    /// <exception cref="GmPkiException"><c>request-invalid</c> when it is not a certificate.</exception>
    public static (CertificationRequest Request, Dictionary<IdentityExtensionType, string> Identity, X509CertificateStructure Certificate) Read(byte[] certificateDer)
    {
        X509CertificateStructure certificate;
        try
        {
            certificate = X509CertificateStructure.GetInstance(Asn1Object.FromByteArray(certificateDer));
        }
        catch (Exception e) when (e is ArgumentException or IOException or InvalidCastException)
        {
            throw Errors.RequestInvalid.With("the certificate to extend is not a DER X.509 certificate.");
        }

        var extensions = certificate.TbsCertificate.Extensions;
        var san = extensions?.GetExtension(X509Extensions.SubjectAlternativeName);
        var identity = new Dictionary<IdentityExtensionType, string>();
        foreach (var type in Enum.GetValues<IdentityExtensionType>())
        {
            if (extensions?.GetExtension(new DerObjectIdentifier(type.Oid())) is { } extension)
            {
                identity[type] = IdentityExtensionEncoder.Decode(type, X509Extension.ConvertValueToObject(extension));
            }
        }

        var request = new CertificationRequest(
            CertificationRequestParser.ParseSubject(certificate.Subject),
            PublicKey.Parse(certificate.SubjectPublicKeyInfo.GetDerEncoded()),
            san is null ? [] : [.. CertificationRequestParser.ParseGeneralNames(san)],
            certificate.SignatureAlgorithm.Algorithm.Id,
            Sm2ProofId: null);
        return (request, identity, certificate);
    }
}
