namespace GmPki.Core.Ledger;

/// <summary>
/// The few ledger operations the CA's issuance cycle needs (<c>docs/issuance.md</c>). Each call
/// writes its state change and its audit event in one transaction.
/// </summary>
public interface IIssuanceLedger
{
    /// <summary>Persists a new serial in state <see cref="CertificateState.Reserved"/>.</summary>
    /// <returns>False when the issuer already used this serial (the caller draws another).</returns>
    /// <exception cref="Errors.GmPkiException"><c>authority-not-found</c> when the issuer is not registered.</exception>
    Task<bool> TryReserveAsync(SerialReservation reservation, AuditEvent audit, CancellationToken cancellationToken);

    /// <summary>Stores the checked DER TBSCertificate and moves the serial to <see cref="CertificateState.Intended"/>.</summary>
    /// <exception cref="InvalidOperationException">The serial is not in state Reserved.</exception>
    Task RecordIntendedAsync(string issuerLabel, string serialHex, byte[] tbsDer, AuditEvent audit, CancellationToken cancellationToken);

    /// <summary>
    /// Stores the signed DER certificate and moves the serial to <see cref="CertificateState.Issued"/>;
    /// the issue time recorded is <paramref name="audit"/>'s <see cref="AuditEvent.OccurredAt"/>.
    /// </summary>
    /// <exception cref="InvalidOperationException">The serial is not in state Intended.</exception>
    Task RecordIssuedAsync(string issuerLabel, string serialHex, byte[] certificateDer, AuditEvent audit, CancellationToken cancellationToken);

    /// <summary>Moves a reserved or intended serial to <see cref="CertificateState.Failed"/> with the reason.</summary>
    /// <exception cref="InvalidOperationException">The serial is unknown, issued or already failed.</exception>
    Task RecordFailedAsync(string issuerLabel, string serialHex, string reason, AuditEvent audit, CancellationToken cancellationToken);
}
