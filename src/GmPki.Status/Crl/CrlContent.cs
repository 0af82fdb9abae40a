using GmPki.Core.Status;

namespace GmPki.Status.Crl;

/// <summary>What one CRL says (RFC 5280 §5.1): its scope, number, times and entries.</summary>
/// <param name="Number">cRLNumber.</param>
/// <param name="BaseNumber">For a delta CRL the number of its complete CRL (deltaCRLIndicator, critical); null for a complete CRL.</param>
/// <param name="ThisUpdate">UTC thisUpdate (truncated to whole seconds when encoded).</param>
/// <param name="NextUpdate">UTC nextUpdate.</param>
/// <param name="DistributionPoint">The shard's URL, written as issuingDistributionPoint (critical, RFC 5280 §5.2.5); it equals the certificates' cRLDistributionPoints.</param>
/// <param name="FreshestCrl">For a complete CRL, the URL of its delta CRLs (freshestCRL, RFC 5280 §5.2.6); null for none.</param>
/// <param name="Revoked">Certificates listed as revoked or on hold.</param>
/// <param name="Removed">Serials (hex) listed with reason removeFromCRL (delta CRLs only: released from hold since the base).</param>
internal sealed record CrlContent(
    long Number,
    long? BaseNumber,
    DateTime ThisUpdate,
    DateTime NextUpdate,
    string DistributionPoint,
    string? FreshestCrl,
    IReadOnlyList<StatusEntry> Revoked,
    IReadOnlyList<string> Removed);
