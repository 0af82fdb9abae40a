using GmPki.Server.OpenApi;
using GmPki.Verification.Encoding;
using GmPki.Verification.Paths;

namespace GmPki.Server.Http.Endpoints;

/// <summary>
/// <c>POST /api/v1/validation/path</c>: certification path validation for relying parties
/// (M24 §18(4), D §19(2)), anonymous. Without trust anchors in the request the
/// installation's root CAs are the anchors, so the answer also confirms that this CA issued
/// the certificate.
/// </summary>
internal static class ValidationEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapPost("/api/v1/validation/path", ValidateAsync).WithTags("Relying parties")
            .WithJsonBody<PathValidationBody>()
            .Produces<PathValidationResponse>()
            .Operation("validatePath", "Validate a certificate's path (RFC 5280 §6)",
                "证书路径验证：证书和 CRL 为 PEM 或 base64 DER，信任锚默认为本 CA 的根证书；路径无效时为 200 且 valid=false。An invalid path is a 200 answer with valid=false.");
    }

    /// <summary>The response form of a path validation result.</summary>
    public static PathValidationResponse Response(PathValidationResult result)
        => new(result.Valid, result.Failure?.ToCode(), result.Reason, result.ValidationTime, result.Path, result.Policies);

    private static async Task<PathValidationResponse> ValidateAsync(HttpRequest http, AuthorityDirectory authorities, TimeProvider clock, CancellationToken cancellationToken)
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
        return Response(PathValidator.Validate(request, clock));
    }
}
