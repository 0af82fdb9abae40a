using Org.BouncyCastle.Asn1.X509;

namespace GmPki.Issuance.Formats;

/// <summary>
/// What a person reads first about a certificate (RFC 5280 §4.1.2): the subject and issuer
/// distinguished names in RFC 4514 order (most significant RDN first, e.g.
/// <c>C=CN,O=某省数字证书认证中心,CN=某省根CA</c>), the serial in lower-case hexadecimal without
/// leading zeros, the validity in UTC, and the subject's organization (O), the CA institution's
/// name of M24 §19(1) when the certificate is a CA's.
/// </summary>
/// <param name="Subject">The subject DN, RDNs in forward order.</param>
/// <param name="Issuer">The issuer DN, RDNs in forward order.</param>
/// <param name="SerialHex">The serial number, lower-case hexadecimal.</param>
/// <param name="NotBefore">Start of validity, UTC.</param>
/// <param name="NotAfter">End of validity, UTC.</param>
/// <param name="Organization">The first O attribute of the subject, or null.</param>
public sealed record CertificateNames(string Subject, string Issuer, string SerialHex, DateTime NotBefore, DateTime NotAfter, string? Organization)
{
    /// <summary>Reads the summary of a DER certificate.</summary>
    /// <param name="certificateDer">The DER encoding of an X.509 certificate.</param>
    /// <exception cref="ArgumentException">The bytes are not a DER certificate.</exception>
    public static CertificateNames Of(ReadOnlySpan<byte> certificateDer)
    {
        X509CertificateStructure certificate;
        try
        {
            certificate = X509CertificateStructure.GetInstance(certificateDer.ToArray());
        }
        catch (Exception e) when (e is ArgumentException or InvalidCastException or IOException or InvalidOperationException)
        {
            throw new ArgumentException("not a DER certificate: " + e.Message, nameof(certificateDer), e);
        }

        return new CertificateNames(
            certificate.Subject.ToString(true, X509Name.DefaultSymbols),
            certificate.Issuer.ToString(true, X509Name.DefaultSymbols),
            certificate.SerialNumber.Value.ToString(16),
            certificate.StartDate.ToDateTime().ToUniversalTime(),
            certificate.EndDate.ToDateTime().ToUniversalTime(),
            certificate.Subject.GetValueList(X509Name.O).OfType<string>().FirstOrDefault());
    }
}
