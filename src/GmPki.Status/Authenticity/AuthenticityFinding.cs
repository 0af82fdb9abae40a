using GmPki.Core.Ledger;

namespace GmPki.Status.Authenticity;

/// <summary>The result of <see cref="AuthenticityCheck.CheckAsync"/> for one submitted certificate.</summary>
/// <param name="Verdict">What was found.</param>
/// <param name="Issuer">Label of the issuing CA, when the issuer name is one of this installation's CAs.</param>
/// <param name="IssuerName">Issuer DN of the submitted certificate (RFC 4514).</param>
/// <param name="Serial">Serial of the submitted certificate, lowercase hex (the ledger's form).</param>
/// <param name="Subject">Subject DN of the submitted certificate (RFC 4514).</param>
/// <param name="NotBefore">Start of validity of the submitted certificate (UTC).</param>
/// <param name="NotAfter">End of validity of the submitted certificate (UTC).</param>
/// <param name="Sha256">SHA-256 of the submitted DER, lowercase hex.</param>
/// <param name="IssuedSha256">For <see cref="AuthenticityVerdict.DifferentBytes"/>: SHA-256 of the certificate this installation issued with that issuer and serial.</param>
/// <param name="Status">For <see cref="AuthenticityVerdict.Genuine"/>: the certificate's status; else null.</param>
/// <param name="Reason">Genuine and not good: RFC 5280 CRLReason name.</param>
/// <param name="StatusChangedAt">Genuine and not good: when (UTC).</param>
/// <param name="Chain">Genuine: the certificate and its CA chain up to the root, DER, leaf first (a CA certificate of this installation: its chain from itself); else empty.</param>
public sealed record AuthenticityFinding(
    AuthenticityVerdict Verdict, string? Issuer, string IssuerName, string Serial, string Subject, DateTime NotBefore, DateTime NotAfter,
    string Sha256, string? IssuedSha256, CertificateStatus? Status, string? Reason, DateTime? StatusChangedAt, IReadOnlyList<byte[]> Chain)
{
    /// <summary>True only for <see cref="AuthenticityVerdict.Genuine"/>.</summary>
    public bool IssuedHere => Verdict == AuthenticityVerdict.Genuine;
}
