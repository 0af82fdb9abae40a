using GmPki.Core.Errors;
using GmPki.Issuance.Formats;

namespace GmPki.Server.Http;

/// <summary>
/// Chooses a certificate encoding from <c>?format=</c> (json, pem, der, p7c) or, failing that,
/// from the Accept header (application/pkix-cert, application/x-pem-file, application/pkcs7-mime).
/// </summary>
internal static class Downloads
{
    public const string Json = "json";
    public const string Pem = "pem";
    public const string Der = "der";
    public const string P7c = "p7c";

    /// <summary>The requested format, or <paramref name="fallback"/>.</summary>
    /// <exception cref="GmPkiException"><c>request-invalid</c> for an unknown format.</exception>
    public static string FormatOf(HttpRequest request, string fallback)
    {
        var format = request.Query["format"].ToString().ToLowerInvariant();
        if (format.Length > 0)
        {
            return format is Json or Pem or Der or P7c ? format : throw Errors.RequestInvalid.With($"format '{format}' is not one of json, pem, der, p7c.");
        }

        var accept = request.Headers.Accept.ToString();
        return accept.Contains(CertificateEncodings.DerMediaType, StringComparison.OrdinalIgnoreCase) ? Der
            : accept.Contains(CertificateEncodings.PemMediaType, StringComparison.OrdinalIgnoreCase) ? Pem
            : accept.Contains(CertificateEncodings.Pkcs7MediaType, StringComparison.OrdinalIgnoreCase) ? P7c
            : fallback;
    }

    /// <summary>The certificates in <paramref name="format"/> (pem, der: first only, p7c).</summary>
    /// <param name="format">pem, der or p7c.</param>
    /// <param name="certificates">DER certificates, leaf first.</param>
    /// <param name="fileStem">Download file name without extension.</param>
    public static IResult Certificates(string format, IReadOnlyList<byte[]> certificates, string fileStem) => format switch
    {
        Der => Results.File(certificates[0], CertificateEncodings.DerMediaType, fileStem + ".cer"),
        P7c => Results.File(CertificateEncodings.ToPkcs7(certificates), CertificateEncodings.Pkcs7MediaType + "; smime-type=certs-only", fileStem + ".p7c"),
        _ => Results.Text(CertificateEncodings.ToPem(certificates), CertificateEncodings.PemMediaType),
    };
}
