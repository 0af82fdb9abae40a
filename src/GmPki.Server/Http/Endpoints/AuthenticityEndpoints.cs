using GmPki.Core.Errors;
using GmPki.Core.Registration;
using GmPki.Issuance.Formats;
using GmPki.Server.OpenApi;
using GmPki.Status.Authenticity;
using GmPki.Verification.Encoding;

namespace GmPki.Server.Http.Endpoints;

/// <summary>
/// <c>POST /api/v1/directory/authenticity</c>: confirms whether a certificate was issued by this
/// installation and is genuine (D §19(2),), anonymous. Binds HTTP to
/// <see cref="AuthenticityCheck"/>, which holds the algorithm.
/// </summary>
internal static class AuthenticityEndpoints
{
    /// <summary>Path of the check.</summary>
    public const string Path = "/api/v1/directory/authenticity";

    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapPost(Path, CheckAsync)
            .WithTags("Directory").AllowAnonymous()
            .WithJsonBody<AuthenticityBody>()
            .Produces<AuthenticityResponse>()
            .Operation("checkAuthenticity", "Was this certificate issued here, exactly as it is? (D §19(2))",
                "证书真伪查验：{\"certificate\": \"PEM 或 base64 DER\"} → genuine、different-bytes、not-issued 或 foreign-issuer；真实时附状态和证书链。"
                + " Verdict genuine, different-bytes, not-issued or foreign-issuer; status and chain when genuine.");
    }

    private static async Task<AuthenticityResponse> CheckAsync(HttpRequest http, AuthenticityCheck check, CancellationToken cancellationToken)
    {
        var body = await RelyingPartyJson.ReadAsync<AuthenticityBody>(http, cancellationToken);
        var found = await check.CheckAsync(Decode(body.Certificate), cancellationToken);
        return new AuthenticityResponse(KebabNames.Of(found.Verdict), found.IssuedHere, found.Issuer, found.IssuerName, found.Serial, found.Subject, found.NotBefore, found.NotAfter,
            found.Sha256, found.IssuedSha256, found.Status is { } status ? KebabNames.Of(status) : null, found.Reason, found.StatusChangedAt,
            found.Chain.Count == 0 ? null : CertificateEncodings.ToPem(found.Chain));
    }

    /// <exception cref="GmPkiException"><c>certificate-malformed</c>: missing, not PEM or base64 DER, or several certificates.</exception>
    private static byte[] Decode(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            throw Errors.CertificateMalformed.With("'certificate' is missing.");
        }

        try
        {
            var certificates = PkixEncoding.Decode(text, PkixEncoding.Certificate);
            return certificates.Count == 1 ? certificates[0] : throw Errors.CertificateMalformed.With($"'certificate' holds {certificates.Count} certificates; send one.");
        }
        catch (FormatException e)
        {
            throw Errors.CertificateMalformed.With("'certificate': " + e.Message);
        }
    }
}
