using GmPki.Verification.Paths;

namespace GmPki.Server.Http.Endpoints;

/// <summary>Body of <c>POST /api/v1/validation/path</c> (docs/relying-party.md).</summary>
/// <param name="Certificate">The certificate to validate: PEM or base64 DER.</param>
/// <param name="TrustAnchors">Trusted certificates (PEM or base64 DER each); this installation's root CAs when empty.</param>
/// <param name="Intermediates">Untrusted intermediate certificates; this installation's CA chain is always added.</param>
/// <param name="Crls">CRLs, complete or delta: PEM or base64 DER.</param>
/// <param name="OcspResponses">DER OCSPResponse messages, base64.</param>
/// <param name="ValidationTime">Time to validate at (ISO 8601); now when absent.</param>
/// <param name="Profile">rfc5280 (default: a non-critical basicConstraints in a CA certificate is a warning), strict (it is refused) or webpki.</param>
/// <param name="Revocation">none, leaf or chain; default chain when CRLs or OCSP responses are sent, else none.</param>
/// <param name="InitialPolicies">Acceptable policy OIDs (user-initial-policy-set); anyPolicy when absent.</param>
/// <param name="RequireExplicitPolicy">initial-explicit-policy.</param>
/// <param name="InhibitPolicyMapping">initial-policy-mapping-inhibit.</param>
/// <param name="InhibitAnyPolicy">initial-any-policy-inhibit.</param>
/// <param name="ExtendedKeyUsages">extKeyUsage OIDs the certificate must allow.</param>
/// <param name="PeerName">Name the certificate must be for: kind dns, ip or email, and value.</param>
/// <param name="MaxIntermediates">Most intermediate CA certificates.</param>
/// <param name="Sm2UserId">SM2 signer ID of the CAs (text); GM/T 0009 default <c>1234567812345678</c>.</param>
public sealed record PathValidationBody(
    string? Certificate,
    List<string>? TrustAnchors,
    List<string>? Intermediates,
    List<string>? Crls,
    List<string>? OcspResponses,
    DateTimeOffset? ValidationTime,
    string? Profile,
    string? Revocation,
    List<string>? InitialPolicies,
    bool RequireExplicitPolicy,
    bool InhibitPolicyMapping,
    bool InhibitAnyPolicy,
    List<string>? ExtendedKeyUsages,
    PeerName? PeerName,
    int? MaxIntermediates,
    string? Sm2UserId) : ITrustInputs;

/// <summary>Response of <c>POST /api/v1/validation/path</c>.</summary>
/// <param name="Valid">Whether a valid path to a trust anchor exists.</param>
/// <param name="Failure">Why not (malformed, no-path, signature-invalid, expired, revoked, …); null when valid.</param>
/// <param name="Reason">The certificate and rule concerned; null when valid.</param>
/// <param name="ValidationTime">Time validated at (UTC).</param>
/// <param name="Path">The path, end entity first, trust anchor last.</param>
/// <param name="Policies">User-constrained policy set (RFC 5280 §6.1.6).</param>
/// <param name="Warnings">Certificate-profile rules the path breaks that the validation profile tolerates (a non-critical basicConstraints in a CA certificate under rfc5280), one sentence each; empty when none.</param>
/// <param name="RevocationReason">When this installation's own records show a certificate of the path revoked or suspended: its RFC 5280 CRLReason name (keyCompromise, certificateHold, …); else null.</param>
/// <param name="RevokedAt">When that status took effect (UTC); null otherwise.</param>
public sealed record PathValidationResponse(
    bool Valid, string? Failure, string? Reason, DateTime ValidationTime, IReadOnlyList<PathElement> Path, IReadOnlyList<string> Policies,
    IReadOnlyList<string> Warnings, string? RevocationReason, DateTime? RevokedAt);
