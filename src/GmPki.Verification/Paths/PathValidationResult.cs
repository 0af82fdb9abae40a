namespace GmPki.Verification.Paths;

/// <summary>The outcome of validating a certification path.</summary>
/// <param name="Valid">True when a path to a trust anchor satisfies every rule.</param>
/// <param name="Failure">Why not, when not valid.</param>
/// <param name="Reason">A sentence naming the certificate and the rule; null when valid.</param>
/// <param name="Path">The path validated (or the best candidate tried), end-entity first, trust anchor last; empty when none was built.</param>
/// <param name="Policies">The user-constrained policy set (§6.1.6): dotted OIDs, anyPolicy when every policy is acceptable; empty when none.</param>
/// <param name="ValidationTime">The time the path was validated at, UTC, whole seconds.</param>
public sealed record PathValidationResult(
    bool Valid,
    PathFailure? Failure,
    string? Reason,
    IReadOnlyList<PathElement> Path,
    IReadOnlyList<string> Policies,
    DateTime ValidationTime)
{
    /// <summary>Rules of the certificate profile the path breaks but the validation profile tolerates (for example a non-critical basicConstraints in a CA certificate under <see cref="ValidationProfile.Rfc5280"/>), one sentence each naming the certificate; empty when none.</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];
}

/// <summary>One certificate of a validated path.</summary>
/// <param name="Role">end-entity, intermediate or trust-anchor.</param>
/// <param name="Subject">Subject name (RFC 4514 style).</param>
/// <param name="Issuer">Issuer name.</param>
/// <param name="Serial">Serial number, lowercase hex.</param>
/// <param name="NotBefore">Start of validity, UTC.</param>
/// <param name="NotAfter">End of validity, UTC.</param>
/// <param name="Sha256">SHA-256 fingerprint of the DER certificate, lowercase hex.</param>
/// <param name="Revocation">good, revoked, unknown or not-checked.</param>
public sealed record PathElement(string Role, string Subject, string Issuer, string Serial, DateTime NotBefore, DateTime NotAfter, string Sha256, string Revocation);
