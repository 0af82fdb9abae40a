namespace GmPki.Core.Ledger;

/// <summary>
/// Where a certificate stands in the issuance cycle (<c>docs/issuance.md</c>). Every reserved
/// serial ends in <see cref="Issued"/> or <see cref="Failed"/>; a serial is never reused.
/// </summary>
public enum CertificateState
{
    /// <summary>Serial reserved and persisted; nothing signed yet.</summary>
    Reserved,

    /// <summary>The checked TBSCertificate is persisted; signing is in progress.</summary>
    Intended,

    /// <summary>Signed, checked against the intended TBS, and stored.</summary>
    Issued,

    /// <summary>Issuance stopped after the serial was reserved; the reason is recorded.</summary>
    Failed,
}
