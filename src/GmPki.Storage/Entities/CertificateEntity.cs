using GmPki.Core.Keys;
using GmPki.Core.Ledger;

namespace GmPki.Storage.Entities;

/// <summary>Row of table <c>certificates</c>: one reserved serial and what became of it.</summary>
internal sealed class CertificateEntity
{
    public long Id { get; set; }

    public required string IssuerLabel { get; set; }

    public required string SerialHex { get; set; }

    /// <summary>Moved only by a guarded UPDATE (see IssuanceLedger).</summary>
    public CertificateState State { get; set; }

    public required string Profile { get; set; }

    public required string SubjectDn { get; set; }

    public KeyAlgorithm KeyAlgorithm { get; set; }

    public DateTime NotBefore { get; set; }

    public DateTime NotAfter { get; set; }

    public int CrlShard { get; set; }

    public required string RequestedBy { get; set; }

    public DateTime ReservedAt { get; set; }

    /// <summary>The registration application the certificate fulfils ("D" format, as the registration tables store identifiers), or null.</summary>
    public string? ApplicationId { get; set; }

    public byte[]? TbsDer { get; set; }

    public byte[]? CertificateDer { get; set; }

    public string? FailureReason { get; set; }

    public DateTime? IssuedAt { get; set; }

    /// <summary>Revocation status; changed only by a fulfilled application (guarded UPDATE).</summary>
    public CertificateStatus Status { get; set; }

    public DateTime? StatusChangedAt { get; set; }

    /// <summary>RFC 5280 CRLReason name of the last revocation or suspension.</summary>
    public string? RevocationReason { get; set; }

    public CertificateRecord ToRecord() => new(
        new SerialReservation(
            IssuerLabel, SerialHex, Profile, SubjectDn, KeyAlgorithm, NotBefore, NotAfter, CrlShard, RequestedBy, ReservedAt, ApplicationId is null ? null : Guid.Parse(ApplicationId)),
        State,
        CertificateDer,
        FailureReason,
        IssuedAt,
        Status);
}
