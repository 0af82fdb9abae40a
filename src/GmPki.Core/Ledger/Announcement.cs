namespace GmPki.Core.Ledger;

/// <summary>What an announcement (公告, D §20(4)) makes public.</summary>
public enum AnnouncementKind
{
    /// <summary>A certificate was revoked (撤销).</summary>
    Revocation,

    /// <summary>A certificate was renewed with a new key (更新): a new certificate replaces it.</summary>
    Renewal,

    /// <summary>A certificate's validity was extended with the same key (延期): a new certificate replaces it.</summary>
    Extension,
}

/// <summary>
/// One announcement of the public feed (公告, D §20(4), R22): only what the
/// certificates themselves publish, no subscriber data.
/// </summary>
/// <param name="Kind">Revocation, renewal or extension.</param>
/// <param name="At">UTC instant: the revocation's, or the new certificate's issuance.</param>
/// <param name="IssuerLabel">Label of the CA that issued <paramref name="SerialHex"/>.</param>
/// <param name="SerialHex">The revoked certificate, or the new certificate of a renewal or extension (lowercase hex).</param>
/// <param name="SubjectDn">Subject DN of that certificate (RFC 4514).</param>
/// <param name="Reason">RFC 5280 CRLReason name of a revocation (for example <c>keyCompromise</c>); null otherwise.</param>
/// <param name="ReplacedSerialHex">The certificate a renewal or extension replaces; null for a revocation.</param>
public sealed record Announcement(
    AnnouncementKind Kind, DateTime At, string IssuerLabel, string SerialHex, string SubjectDn, string? Reason, string? ReplacedSerialHex);
