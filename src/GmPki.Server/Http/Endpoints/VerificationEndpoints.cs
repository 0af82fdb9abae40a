using GmPki.Core.Errors;
using GmPki.Core.Ledger;
using GmPki.Server.OpenApi;
using GmPki.Verification.Encoding;
using GmPki.Verification.Paths;
using GmPki.Verification.Signatures;

namespace GmPki.Server.Http.Endpoints;

/// <summary>
/// <c>POST /api/v1/verification/signature</c>: signature verification for relying parties
/// (M24 §18(4)), anonymous: CMS SignedData (RFC 5652, GM/T 0010), attached or
/// detached, with signing-time and timestamp tokens, or a raw SM2/ECDSA/RSA signature; signer
/// certificates validated against the request's or this installation's trust anchors and, for
/// certificates this installation issued, its own status (<see cref="RelyingPartyStatus"/>): a
/// signature whose signer's certificate this CA has revoked is not valid.
/// </summary>
internal static class VerificationEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapPost("/api/v1/verification/signature", VerifyAsync).WithTags("Relying parties")
            .WithJsonBody<SignatureVerificationBody>()
            .Produces<SignatureVerificationResponse>()
            .Operation("verifySignature", "Verify a CMS (PKCS #7, GM/T 0010) or raw SM2 signature",
                "签名验证：CMS SignedData（附带或分离）或原始 SM2/ECDSA/RSA 签名；验证失败时为 200 且 valid=false。A signature that does not verify is a 200 answer with valid=false.");
    }

    private static async Task<SignatureVerificationResponse> VerifyAsync(HttpRequest http, AuthorityDirectory authorities, IPublicDirectory directory, TimeProvider clock, CancellationToken cancellationToken)
    {
        var body = await RelyingPartyJson.ReadAsync<SignatureVerificationBody>(http, cancellationToken);
        var trust = await RelyingPartyTrust.ResolveAsync(body, authorities, cancellationToken);
        var content = body.Content is null ? null : RelyingPartyJson.Base64(body.Content, "content");
        var result = (body.Format ?? "cms").ToLowerInvariant() switch
        {
            "cms" => CmsVerifier.Verify(RelyingPartyJson.Decode(body.Signature, PkixEncoding.Cms, "signature")[0], content, trust, clock),
            "raw" => RawSignatureVerifier.Verify(
                content ?? throw Errors.RequestInvalid.With("'content' (the signed message, base64) is required for a raw signature."),
                RelyingPartyJson.Base64(body.Signature, "signature"),
                Signer(body),
                body.Algorithm,
                RelyingPartyTrust.UserId(body.Sm2UserId ?? Cryptography.Sm.Sm2UserId.DefaultText),
                trust,
                clock),
            _ => throw Errors.RequestInvalid.With($"'format' must be cms or raw, not '{body.Format}'."),
        };
        var status = new RelyingPartyStatus(await authorities.ListAsync(cancellationToken), directory);
        var signers = new List<SignerResponse>();
        foreach (var signer in result.Signers)
        {
            signers.Add(await SignerAsync(signer, status, cancellationToken));
        }

        var response = new SignatureVerificationResponse(result.Valid, result.Failure?.ToCode(), result.Reason, result.ContentType, result.Detached, signers);
        return signers.FirstOrDefault(s => s.Certificate is { Valid: false } && s.Certificate.RevocationReason is not null) is { } revoked && result.Valid
            ? response with { Valid = false, Failure = SignatureFailure.CertificateInvalid.ToCode(), Reason = $"the signer's certificate is not valid: {revoked.Certificate!.Failure}: {revoked.Certificate.Reason}" }
            : response;
    }

    private static byte[] Signer(SignatureVerificationBody body)
        => body.SignerCertificate is not null ? RelyingPartyJson.Decode(body.SignerCertificate, PkixEncoding.Certificate, "signerCertificate")[0]
            : body.SignerPublicKey is not null ? RelyingPartyJson.Decode(body.SignerPublicKey, "PUBLIC KEY", "signerPublicKey")[0]
            : throw Errors.RequestInvalid.With("a raw signature needs 'signerCertificate' or 'signerPublicKey'.");

    private static async Task<SignerResponse> SignerAsync(SignerReport signer, RelyingPartyStatus status, CancellationToken cancellationToken)
    {
        async Task<PathValidationResponse?> Path(PathValidationResult? path) => path is null ? null : await status.ResponseAsync(path, cancellationToken);
        var timestamp = signer.Timestamp is { } t ? new TimestampResponse(t.Valid, t.Time, t.Authority, t.SerialNumber, t.Policy, await Path(t.Certificate), t.Problem) : null;
        return new(signer.Subject, signer.Serial, signer.DigestAlgorithm, signer.SignatureAlgorithm, signer.SignatureValid, signer.SigningTime, timestamp, await Path(signer.Certificate), signer.Problem);
    }
}
