namespace GmPki.Core.Ledger;

/// <summary>The revocation status of an issued certificate (RFC 5280 §5, RFC 6960 §2.2).</summary>
public enum CertificateStatus
{
    /// <summary>Valid as far as the CA is concerned.</summary>
    Good,

    /// <summary>On hold (reason certificateHold); may return to <see cref="Good"/>.</summary>
    Suspended,

    /// <summary>Revoked for good.</summary>
    Revoked,
}

/// <summary>A change of an issued certificate's status, made by a fulfilled application.</summary>
/// <param name="SerialHex">The certificate.</param>
/// <param name="From">The status it must have now (the change is refused otherwise).</param>
/// <param name="To">The new status.</param>
/// <param name="Reason">RFC 5280 CRLReason name for revocations and suspensions (for example <c>keyCompromise</c>, <c>certificateHold</c>); null when resuming.</param>
/// <param name="At">UTC instant the change takes effect.</param>
public sealed record CertificateStatusChange(string SerialHex, CertificateStatus From, CertificateStatus To, string? Reason, DateTime At);
