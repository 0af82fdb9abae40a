using System.Security.Cryptography;
using System.Text;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.Cms;
using Org.BouncyCastle.Asn1.X509;

namespace GmPki.Issuance.Formats;

/// <summary>
/// Encodings of certificates for download: PEM (RFC 7468 §5, label CERTIFICATE, one block per
/// certificate, LF line ends) and the certs-only PKCS#7 / CMS SignedData bundle (RFC 5652 §5,
/// RFC 2797 "degenerate" form, <c>application/pkcs7-mime; smime-type=certs-only</c>, .p7c).
/// </summary>
public static class CertificateEncodings
{
    /// <summary>Media type of a DER certificate (RFC 2585).</summary>
    public const string DerMediaType = "application/pkix-cert";

    /// <summary>Media type of PEM certificates.</summary>
    public const string PemMediaType = "application/x-pem-file";

    /// <summary>Media type of a certs-only PKCS#7 bundle (RFC 5751 §3.2.2).</summary>
    public const string Pkcs7MediaType = "application/pkcs7-mime";

    /// <summary>PEM text of the certificates, in the given order.</summary>
    /// <param name="certificates">DER certificates.</param>
    public static string ToPem(IEnumerable<byte[]> certificates)
    {
        ArgumentNullException.ThrowIfNull(certificates);
        var builder = new StringBuilder();
        foreach (var certificate in certificates)
        {
            builder.Append(PemEncoding.WriteString("CERTIFICATE", certificate)).Append('\n');
        }

        return builder.ToString();
    }

    /// <summary>DER ContentInfo of a SignedData with the certificates and no signers.</summary>
    /// <param name="certificates">DER certificates, in the order they are put into the set.</param>
    public static byte[] ToPkcs7(IEnumerable<byte[]> certificates)
    {
        ArgumentNullException.ThrowIfNull(certificates);
        var set = new DerSet([.. certificates.Select(c => X509CertificateStructure.GetInstance(Asn1Object.FromByteArray(c)))]);
        var signedData = new SignedData(new DerSet(), new ContentInfo(CmsObjectIdentifiers.Data, null), set, null, new DerSet());
        return new ContentInfo(CmsObjectIdentifiers.SignedData, signedData).GetDerEncoded();
    }
}
