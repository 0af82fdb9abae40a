using GmPki.Core.Errors;
using GmPki.Core.Ledger;
using GmPki.Cryptography.Sm;
using GmPki.Server.Installation;
using GmPki.Verification.Encoding;
using GmPki.Verification.Paths;

namespace GmPki.Server.Http.Endpoints;

/// <summary>
/// <c>POST /api/v1/validation/path</c>: certification path validation for relying parties
/// (REQUIREMENTS §6, D §19(2)), anonymous. Without trust anchors in the request the
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
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .WithSummary("Validate a certificate's path (RFC 5280 §6)")
            .WithDescription("Certificates and CRLs as PEM or base64 DER; trust anchors default to this CA's roots. An invalid path is a 200 answer with valid=false.");
    }

    private static async Task<PathValidationResponse> ValidateAsync(HttpRequest http, AuthorityDirectory authorities, TimeProvider clock, CancellationToken cancellationToken)
    {
        var body = await RelyingPartyJson.ReadAsync<PathValidationBody>(http, cancellationToken);
        var own = await authorities.ListAsync(cancellationToken);
        var anchors = RelyingPartyJson.DecodeAll(body.TrustAnchors, PkixEncoding.Certificate, "trustAnchors");
        if (anchors.Count == 0)
        {
            anchors.AddRange(own.Where(a => a.Kind == AuthorityKind.Root).Select(a => a.CertificateDer));
        }

        var revocation = body.Revocation ?? ((body.Crls?.Count ?? 0) + (body.OcspResponses?.Count ?? 0) > 0 ? "chain" : "none");
        var request = new PathValidationRequest
        {
            Certificate = RelyingPartyJson.Decode(body.Certificate, PkixEncoding.Certificate, "certificate")[0],
            TrustAnchors = anchors,
            Intermediates = [.. RelyingPartyJson.DecodeAll(body.Intermediates, PkixEncoding.Certificate, "intermediates"), .. own.Where(a => a.Kind != AuthorityKind.Root).Select(a => a.CertificateDer)],
            Crls = RelyingPartyJson.DecodeAll(body.Crls, PkixEncoding.Crl, "crls"),
            OcspResponses = [.. (body.OcspResponses ?? []).Select((r, i) => Base64(r, $"ocspResponses[{i}]"))],
            ValidationTime = body.ValidationTime,
            Profile = Option<ValidationProfile>(body.Profile ?? "rfc5280", "profile"),
            Revocation = Option<RevocationMode>(revocation, "revocation"),
            InitialPolicies = body.InitialPolicies is { Count: > 0 } policies ? policies : [PathValidationRequest.AnyPolicy],
            RequireExplicitPolicy = body.RequireExplicitPolicy,
            InhibitPolicyMapping = body.InhibitPolicyMapping,
            InhibitAnyPolicy = body.InhibitAnyPolicy,
            RequiredExtendedKeyUsages = body.ExtendedKeyUsages ?? [],
            PeerName = body.PeerName,
            MaxIntermediates = body.MaxIntermediates,
            Sm2UserIds = [.. new[] { body.Sm2UserId ?? Sm2UserId.DefaultText }.Concat(own.Select(a => a.Sm2UserId)).Distinct().Select(UserId)],
        };
        var result = PathValidator.Validate(request, clock);
        return new PathValidationResponse(result.Valid, result.Failure?.ToCode(), result.Reason, result.ValidationTime, result.Path, result.Policies);
    }

    private static T Option<T>(string text, string field)
        where T : struct, Enum
        => OptionNames.TryParse<T>(text, out var value) ? value : throw Errors.RequestInvalid.With($"'{field}' must be one of {OptionNames.List<T>()}, not '{text}'.");

    private static byte[] UserId(string text)
        => text.Length <= Sm2UserId.MaxLength / 4 ? Sm2UserId.FromText(text) : throw Errors.RequestInvalid.With("'sm2UserId' is too long.");

    private static byte[] Base64(string value, string field)
    {
        try
        {
            return Convert.FromBase64String(value);
        }
        catch (FormatException)
        {
            throw Errors.RequestInvalid.With($"'{field}' is not base64.");
        }
    }
}
