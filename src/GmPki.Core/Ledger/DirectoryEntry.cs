namespace GmPki.Core.Ledger;

/// <summary>An issued certificate as the public directory shows it, with the facts of its last status change.</summary>
/// <param name="Certificate">The certificate (state issued, DER present).</param>
/// <param name="StatusChangedAt">UTC instant of the last status change (revocation, suspension, resumption), or null if it never changed.</param>
/// <param name="Reason">RFC 5280 CRLReason name of the last revocation or suspension (for example <c>keyCompromise</c>, <c>certificateHold</c>), or null.</param>
public sealed record DirectoryEntry(CertificateRecord Certificate, DateTime? StatusChangedAt, string? Reason);
