using GmPki.Core.Ledger;

namespace GmPki.Core.Status;

/// <summary>The revocation facts of one issued certificate, as CRLs and OCSP publish them (RFC 5280 §5.3, RFC 6960 §2.2).</summary>
/// <param name="IssuerLabel">Label of the issuing CA.</param>
/// <param name="SerialHex">Serial, lowercase hex without leading zero octets.</param>
/// <param name="CrlShard">The CRL shard fixed at issuance (0 … shards − 1).</param>
/// <param name="Status">Good, suspended (certificateHold) or revoked.</param>
/// <param name="ChangedAt">UTC instant of the last status change, or null if it never changed.</param>
/// <param name="Reason">RFC 5280 CRLReason name of the last revocation or suspension (for example <c>keyCompromise</c>), or null.</param>
/// <param name="NotAfter">UTC end of the certificate's validity.</param>
public sealed record StatusEntry(string IssuerLabel, string SerialHex, int CrlShard, CertificateStatus Status, DateTime? ChangedAt, string? Reason, DateTime NotAfter);
