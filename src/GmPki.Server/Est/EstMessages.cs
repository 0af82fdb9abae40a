using System.Text;
using GmPki.Core.Errors;
using GmPki.Issuance.Formats;

namespace GmPki.Server.Est;

/// <summary>
/// EST message bodies (RFC 7030 §4, RFC 8951): requests and responses are base64 of DER, with or
/// without line breaks; responses carry <c>Content-Transfer-Encoding: base64</c> for older clients.
/// </summary>
internal static class EstMessages
{
    /// <summary>Media type of a PKCS#10 request (RFC 7030 §4.2.1).</summary>
    public const string Pkcs10 = "application/pkcs10";

    /// <summary>Media type of a certs-only PKCS#7 (RFC 7030 §4.1.3, §4.2.3).</summary>
    public const string CertsOnly = CertificateEncodings.Pkcs7MediaType + "; smime-type=certs-only";

    /// <summary>Media type of the CSR attributes (RFC 7030 §4.5.2).</summary>
    public const string CsrAttrs = "application/csrattrs";

    /// <summary>Largest request body: 64 KiB of base64.</summary>
    public const int MaxBody = 64 * 1024;

    /// <summary>The DER a base64 body carries.</summary>
    /// <exception cref="GmPkiException"><c>unsupported-media-type</c> unless <c>application/pkcs10</c>; <c>request-too-large</c>; <c>request-invalid</c> for a body that is not base64.</exception>
    public static async Task<byte[]> ReadRequestAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (!string.Equals(request.ContentType?.Split(';')[0].Trim(), Pkcs10, StringComparison.OrdinalIgnoreCase))
        {
            throw Errors.UnsupportedMediaType.With($"an EST enrollment is sent as {Pkcs10} (base64 of the DER request), not '{request.ContentType}'.");
        }

        using var reader = new StreamReader(request.Body, Encoding.ASCII);
        var buffer = new char[MaxBody + 1];
        var length = await reader.ReadBlockAsync(buffer, cancellationToken);
        if (length > MaxBody)
        {
            throw Errors.RequestTooLarge.With($"the request body exceeds {MaxBody} bytes.");
        }

        var text = new string(buffer, 0, length).Where(c => !char.IsWhiteSpace(c)).ToArray();
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
    public static Org.BouncyCastle.Asn1.Pkcs.CertificationRequestInfo RequestInfoOf(byte[] request, string what)
    {
        try
        {
            return Org.BouncyCastle.Asn1.Pkcs.CertificationRequest.GetInstance(Org.BouncyCastle.Asn1.Asn1Object.FromByteArray(request)).GetCertificationRequestInfo();
        }
        catch (Exception e) when (e is ArgumentException or InvalidCastException or IOException)
        {
            throw Errors.CsrMalformed.With($"the {what} request is not a DER PKCS#10 request: {e.Message}");
        }
    }

    /// <summary>A 200 answer with <paramref name="der"/> base64-encoded in 64-character lines.</summary>
    public static IResult Base64(HttpContext context, byte[] der, string mediaType)
    {
        context.Response.Headers["Content-Transfer-Encoding"] = "base64";
        return Results.Text(Convert.ToBase64String(der, Base64FormattingOptions.InsertLineBreaks).Replace("\r\n", "\n", StringComparison.Ordinal) + "\n", mediaType, Encoding.ASCII);
    }
}
