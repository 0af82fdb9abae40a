using GmPki.Core.Errors;
using GmPki.Server.OpenApi;
using GmPki.Verification.Encoding;
using GmPki.Verification.Signatures;

namespace GmPki.Server.Http.Endpoints;

/// <summary>
/// <c>POST /api/v1/verification/signature</c>: signature verification for relying parties
/// (M24 §18(4)), anonymous: CMS SignedData (RFC 5652, GM/T 0010), attached or
/// detached, with signing-time and timestamp tokens, or a raw SM2/ECDSA/RSA signature; signer
/// certificates validated against the request's or this installation's trust anchors.
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

    private static async Task<SignatureVerificationResponse> VerifyAsync(HttpRequest http, AuthorityDirectory authorities, TimeProvider clock, CancellationToken cancellationToken)
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
        return new SignatureVerificationResponse(result.Valid, result.Failure?.ToCode(), result.Reason, result.ContentType, result.Detached, [.. result.Signers.Select(Signer)]);
    }

    private static byte[] Signer(SignatureVerificationBody body)
        => body.SignerCertificate is not null ? RelyingPartyJson.Decode(body.SignerCertificate, PkixEncoding.Certificate, "signerCertificate")[0]
            : body.SignerPublicKey is not null ? RelyingPartyJson.Decode(body.SignerPublicKey, "PUBLIC KEY", "signerPublicKey")[0]
            : throw Errors.RequestInvalid.With("a raw signature needs 'signerCertificate' or 'signerPublicKey'.");

    private static SignerResponse Signer(SignerReport signer)
        => new(signer.Subject, signer.Serial, signer.DigestAlgorithm, signer.SignatureAlgorithm, signer.SignatureValid, signer.SigningTime,
            signer.Timestamp is { } t ? new TimestampResponse(t.Valid, t.Time, t.Authority, t.SerialNumber, t.Policy, t.Certificate is null ? null : ValidationEndpoints.Response(t.Certificate), t.Problem) : null,
            signer.Certificate is null ? null : ValidationEndpoints.Response(signer.Certificate), signer.Problem);
}
