using GmPki.Core.Keys;

namespace GmPki.Core.Ledger;

/// <summary>A certificate as the ledger knows it, at any <see cref="CertificateState"/>.</summary>
/// <param name="Reservation">What was fixed when the serial was reserved.</param>
/// <param name="State">Issuance state.</param>
/// <param name="CertificateDer">DER certificate once <see cref="CertificateState.Issued"/>, else null.</param>
/// <param name="FailureReason">Why issuance failed, when <see cref="CertificateState.Failed"/>.</param>
/// <param name="IssuedAt">UTC instant the certificate was stored, when issued.</param>
/// <param name="Status">Revocation status of an issued certificate.</param>
public sealed record CertificateRecord(
    SerialReservation Reservation,
    CertificateState State,
    byte[]? CertificateDer,
    string? FailureReason,
    DateTime? IssuedAt,
    CertificateStatus Status = CertificateStatus.Good)
{
    /// <summary>Shortcut for <see cref="SerialReservation.SerialHex"/>.</summary>
    public string SerialHex => Reservation.SerialHex;

    /// <summary>Shortcut for <see cref="SerialReservation.KeyAlgorithm"/>.</summary>
    public KeyAlgorithm KeyAlgorithm => Reservation.KeyAlgorithm;
}
