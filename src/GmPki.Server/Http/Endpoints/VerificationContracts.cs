namespace GmPki.Server.Http.Endpoints;

/// <summary>Body of <c>POST /api/v1/verification/signature</c> (docs/relying-party.md).</summary>
/// <param name="Format">cms (PKCS #7 / CMS SignedData, RFC 5652 or GM/T 0010; the default) or raw (a bare signature value).</param>
/// <param name="Signature">cms: the ContentInfo, PEM (CMS or PKCS7) or base64 DER. raw: the signature, base64 (DER SEQUENCE { r, s } or r ‖ s).</param>
/// <param name="Content">The signed content, base64: required for a detached CMS signature and for raw signatures.</param>
/// <param name="SignerCertificate">raw: the signer's certificate, PEM or base64 DER.</param>
/// <param name="SignerPublicKey">raw, instead of a certificate: the signer's SubjectPublicKeyInfo, PEM (PUBLIC KEY) or base64 DER.</param>
/// <param name="Algorithm">raw: signature algorithm OID; SM3withSM2 for SM2 keys by default.</param>
/// <param name="TrustAnchors">Trusted certificates for the signers' (and TSAs') certificates; this installation's roots when empty.</param>
/// <param name="Intermediates">Untrusted intermediates; this installation's CA chain is always added.</param>
/// <param name="Crls">CRLs, PEM or base64 DER.</param>
/// <param name="OcspResponses">DER OCSP responses, base64.</param>
/// <param name="Revocation">none, leaf or chain; chain when CRLs or OCSP responses are sent, else none.</param>
/// <param name="ValidationTime">Time to validate certificates at when no timestamp gives one; now when absent.</param>
/// <param name="Sm2UserId">SM2 signer ID (text), for the signature and for certificates; GM/T 0009 default.</param>
public sealed record SignatureVerificationBody(
    string? Format,
    string? Signature,
    string? Content,
    string? SignerCertificate,
    string? SignerPublicKey,
    string? Algorithm,
    List<string>? TrustAnchors,
    List<string>? Intermediates,
    List<string>? Crls,
    List<string>? OcspResponses,
    string? Revocation,
    DateTimeOffset? ValidationTime,
    string? Sm2UserId) : ITrustInputs;

/// <summary>Response of <c>POST /api/v1/verification/signature</c>.</summary>
/// <param name="Valid">Every signature verifies and every certificate validates.</param>
/// <param name="Failure">malformed, algorithm-not-accepted, signer-not-found, content-mismatch, signature-invalid, timestamp-invalid or certificate-invalid; null when valid.</param>
/// <param name="Reason">The signer and the problem; null when valid.</param>
/// <param name="ContentType">CMS encapsulated content type OID.</param>
/// <param name="Detached">A CMS signature without encapsulated content.</param>
/// <param name="Signers">Per signer.</param>
public sealed record SignatureVerificationResponse(bool Valid, string? Failure, string? Reason, string? ContentType, bool Detached, IReadOnlyList<SignerResponse> Signers);

/// <summary>One signer.</summary>
/// <param name="Subject">Certificate subject.</param>
/// <param name="Serial">Certificate serial, hex.</param>
/// <param name="DigestAlgorithm">SM3, SHA-256, …</param>
/// <param name="SignatureAlgorithm">SM3withSM2, …</param>
/// <param name="SignatureValid">The signature value verifies.</param>
/// <param name="SigningTime">signing-time attribute (the signer's claim).</param>
/// <param name="Timestamp">The RFC 3161 signature timestamp, when present.</param>
/// <param name="Certificate">The signer certificate's path validation (at the timestamp's time when there is one).</param>
/// <param name="Problem">The first problem; null when none.</param>
public sealed record SignerResponse(
    string? Subject, string? Serial, string DigestAlgorithm, string SignatureAlgorithm, bool SignatureValid, DateTime? SigningTime,
    TimestampResponse? Timestamp, PathValidationResponse? Certificate, string? Problem);

/// <summary>An RFC 3161 timestamp token.</summary>
/// <param name="Valid">Verifies, from a timeStamping certificate, over this signature.</param>
/// <param name="Time">genTime (UTC).</param>
/// <param name="Authority">TSA certificate subject.</param>
/// <param name="SerialNumber">Token serial, decimal.</param>
/// <param name="Policy">TSA policy OID.</param>
/// <param name="Certificate">The TSA certificate's path validation.</param>
/// <param name="Problem">Why not valid.</param>
public sealed record TimestampResponse(bool Valid, DateTime? Time, string? Authority, string? SerialNumber, string? Policy, PathValidationResponse? Certificate, string? Problem);
