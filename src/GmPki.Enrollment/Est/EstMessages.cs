using GmPki.Core.Errors;
using GmPki.Cryptography.Asn1;
using GmPki.Issuance.Formats;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.Pkcs;

namespace GmPki.Enrollment.Est;

/// <summary>
/// EST message bodies (RFC 7030 §4, RFC 8951): requests and responses are base64 of DER, with or
/// without line breaks; responses carry <c>Content-Transfer-Encoding: base64</c> for older clients.
/// </summary>
public static class EstMessages
{
    /// <summary>Media type of a PKCS#10 request (RFC 7030 §4.2.1).</summary>
    public const string Pkcs10 = "application/pkcs10";

    /// <summary>Media type of a certs-only PKCS#7 (RFC 7030 §4.1.3, §4.2.3).</summary>
    public const string CertsOnly = CertificateEncodings.Pkcs7MediaType + "; smime-type=certs-only";

    /// <summary>Media type of the CSR attributes (RFC 7030 §4.5.2).</summary>
    public const string CsrAttrs = "application/csrattrs";

    /// <summary>Largest request body: 64 KiB of base64.</summary>
    public const int MaxBody = 64 * 1024;

    /// <summary>The DER a base64 request body carries (whitespace and line breaks ignored).</summary>
    /// <exception cref="GmPkiException"><c>request-invalid</c> for a body that is not base64.</exception>
    public static byte[] DecodeRequest(string body)
    {
        ArgumentNullException.ThrowIfNull(body);
        var text = body.Where(c => !char.IsWhiteSpace(c)).ToArray();
        try
        {
            return Convert.FromBase64CharArray(text, 0, text.Length);
        }
        catch (FormatException)
        {
            throw Errors.RequestInvalid.With("the body is not base64 (RFC 7030 §4.2.1 sends the DER request base64-encoded).");
        }
    }

    /// <summary>The CertificationRequestInfo of a DER PKCS#10 request (subject and attributes), unchecked: the enrollment checks the request itself.</summary>
    /// <param name="request">DER PKCS#10.</param>
    /// <param name="what">Which request, for the error, e.g. <c>re-enrollment</c>.</param>
    /// <exception cref="GmPkiException"><c>csr-malformed</c> when it is not a DER PKCS#10 request.</exception>
    internal static CertificationRequestInfo RequestInfoOf(byte[] request, string what)
    {
        try
        {
            // An empty body decodes to no object at all (null), not an exception.
            return CertificationRequest.GetInstance(Asn1Object.FromByteArray(request))?.GetCertificationRequestInfo()
                ?? throw Errors.CsrMalformed.With($"the {what} request is empty.");
        }
        catch (Exception e) when (Asn1Failure.IsMalformedInput(e))
        {
            throw Errors.CsrMalformed.With($"the {what} request is not a DER PKCS#10 request: {e.Message}");
        }
    }
}
