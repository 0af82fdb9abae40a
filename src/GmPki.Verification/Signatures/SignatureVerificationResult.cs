using GmPki.Verification.Paths;

namespace GmPki.Verification.Signatures;

/// <summary>The outcome of verifying a signature.</summary>
/// <param name="Valid">True when every signer's signature verifies and, when trust anchors were given, every certificate validates.</param>
/// <param name="Failure">Why not; null when valid.</param>
/// <param name="Reason">A sentence naming the signer and the problem; null when valid.</param>
/// <param name="ContentType">Dotted OID of the signed content's type (CMS); null for raw signatures.</param>
/// <param name="Detached">True for a CMS signature without encapsulated content.</param>
/// <param name="Signers">One report per signer.</param>
public sealed record SignatureVerificationResult(bool Valid, SignatureFailure? Failure, string? Reason, string? ContentType, bool Detached, IReadOnlyList<SignerReport> Signers)
{
    /// <summary>An invalid result without signer details.</summary>
    internal static SignatureVerificationResult Invalid(SignatureFailure failure, string reason) => new(false, failure, reason, null, false, []);
}

/// <summary>What was found about one signer.</summary>
/// <param name="Subject">Signer certificate subject; null when only a public key was given.</param>
/// <param name="Serial">Signer certificate serial, lowercase hex.</param>
/// <param name="DigestAlgorithm">Digest algorithm name (SM3, SHA-256, …).</param>
/// <param name="SignatureAlgorithm">Signature algorithm name (SM3withSM2, …).</param>
/// <param name="SignatureValid">Whether the signature value verifies over the content (and signed attributes).</param>
/// <param name="SigningTime">The signing-time attribute (UTC) as the signer claims it; not a trusted time.</param>
/// <param name="Timestamp">The signature timestamp token (RFC 3161), when present.</param>
/// <param name="Certificate">Validation of the signer's certificate path; null when no trust anchors were given or no certificate is known.</param>
/// <param name="Problem">The first problem with this signer; null when none.</param>
public sealed record SignerReport(
    string? Subject, string? Serial, string DigestAlgorithm, string SignatureAlgorithm, bool SignatureValid,
    DateTime? SigningTime, TimestampReport? Timestamp, PathValidationResult? Certificate, string? Problem);

/// <summary>What was found about a timestamp token (RFC 3161).</summary>
/// <param name="Valid">Whether the token verifies, is issued by a certificate with the critical id-kp-timeStamping purpose and covers the expected data.</param>
/// <param name="Time">genTime, UTC.</param>
/// <param name="Authority">TSA certificate subject.</param>
/// <param name="SerialNumber">Token serial number, decimal.</param>
/// <param name="Policy">TSA policy OID.</param>
/// <param name="Certificate">Validation of the TSA certificate's path at <paramref name="Time"/>; null without trust anchors.</param>
/// <param name="Problem">Why not valid; null when valid.</param>
public sealed record TimestampReport(bool Valid, DateTime? Time, string? Authority, string? SerialNumber, string? Policy, PathValidationResult? Certificate, string? Problem);
