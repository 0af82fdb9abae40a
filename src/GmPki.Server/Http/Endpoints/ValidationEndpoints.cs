using GmPki.Core.Errors;
using GmPki.Core.Ledger;
using GmPki.Server.OpenApi;
using GmPki.Verification.Encoding;
using GmPki.Verification.Paths;

namespace GmPki.Server.Http.Endpoints;

/// <summary>
/// <c>POST /api/v1/validation/path</c>: certification path validation for relying parties
/// (M24 §18(4), D §19(2)), anonymous. Without trust anchors in the request the
/// installation's root CAs are the anchors, so the answer also confirms that this CA issued
/// the certificate. Certificates this installation issued are also checked against its own
/// records (<see cref="RelyingPartyStatus"/>), and tolerated profile breaches are listed as warnings.
/// </summary>
internal static class ValidationEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapPost("/api/v1/validation/path", ValidateAsync).WithTags("Relying parties")
            .WithJsonBody<PathValidationBody>()
            .Produces<PathValidationResponse>()
            .Operation("validatePath", "Validate a certificate's path (RFC 5280 §6)",
                "证书路径验证：证书和 CRL 为 PEM 或 base64 DER，信任锚默认为本 CA 的根证书；路径无效时为 200 且 valid=false；待验证证书无法解码时为 400 certificate-malformed。An invalid path is a 200 answer with valid=false; a certificate that does not decode is a 400 certificate-malformed.");
    }

    private static async Task<PathValidationResponse> ValidateAsync(HttpRequest http, AuthorityDirectory authorities, IPublicDirectory directory, TimeProvider clock, CancellationToken cancellationToken)
    {
        var body = await RelyingPartyJson.ReadAsync<PathValidationBody>(http, cancellationToken);
        var trust = await RelyingPartyTrust.ResolveAsync(body, authorities, cancellationToken);
        var certificate = RelyingPartyJson.Decode(body.Certificate, PkixEncoding.Certificate, "certificate")[0];
        var request = trust.PathFor(certificate, [], [], null, body.ExtendedKeyUsages ?? []) with
        {
            Profile = RelyingPartyJson.Option<ValidationProfile>(body.Profile ?? "rfc5280", "profile"),
            InitialPolicies = body.InitialPolicies is { Count: > 0 } policies ? policies : [PathValidationRequest.AnyPolicy],
            RequireExplicitPolicy = body.RequireExplicitPolicy,
            InhibitPolicyMapping = body.InhibitPolicyMapping,
            InhibitAnyPolicy = body.InhibitAnyPolicy,
            PeerName = body.PeerName,
            MaxIntermediates = body.MaxIntermediates,
        };
        RequireCertificate(certificate);
        var status = new RelyingPartyStatus(await authorities.ListAsync(cancellationToken), directory);
        return await status.ResponseAsync(PathValidator.Validate(request, clock), cancellationToken);
    }

    /// <exception cref="GmPkiException"><c>certificate-malformed</c>: the certificate to validate is not a DER X.509 certificate.</exception>
    private static void RequireCertificate(byte[] der)
    {
        try
        {
            PathValidator.RequireCertificate(der);
        }
        catch (FormatException e)
        {
            throw Errors.CertificateMalformed.With("'certificate' is not a DER X.509 certificate: " + e.Message);
        }
    }
}
