using GmPki.Core.Ledger;

namespace GmPki.Core.Registration;

/// <summary>One step as <see cref="IRegistrationLedger.RecordStepsAsync"/> writes it.</summary>
/// <param name="Record">The step record.</param>
/// <param name="Evidence">Its evidence files (content encrypted by the ledger).</param>
/// <param name="NewState">The application's state after it.</param>
/// <param name="ResultSerial">The certificate the step issued, or null.</param>
/// <param name="StatusChange">The certificate status change it makes, or null.</param>
/// <param name="Audit">Its audit event.</param>
/// <param name="Pair">The certificate pair the step issued (dual issuance), or null.</param>
public sealed record StepWrite(
    StepRecord Record,
    IReadOnlyList<EvidenceFile> Evidence,
    ApplicationState NewState,
    string? ResultSerial,
    CertificateStatusChange? StatusChange,
    AuditEvent Audit,
    CertificatePair? Pair = null);
