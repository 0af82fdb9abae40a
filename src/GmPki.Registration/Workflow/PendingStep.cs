using GmPki.Core.Ledger;
using GmPki.Core.Registration;

namespace GmPki.Registration.Workflow;

/// <summary>A step about to be recorded by <see cref="StepWriter"/>.</summary>
/// <param name="Step">The step.</param>
/// <param name="Passed">False to record it as failed (the application is then rejected).</param>
/// <param name="Method">How, from the step's vocabulary.</param>
/// <param name="Details">Step-specific facts, serialised to a JSON object.</param>
/// <param name="Evidence">Evidence files, or null.</param>
/// <param name="ResultSerial">The certificate the step issued, or null.</param>
/// <param name="StatusChange">The certificate status change it makes, or null.</param>
/// <param name="Pair">The certificate pair it issued, or null.</param>
public sealed record PendingStep(
    WorkflowStep Step,
    bool Passed,
    string Method,
    object Details,
    IReadOnlyList<EvidenceInput>? Evidence = null,
    string? ResultSerial = null,
    CertificateStatusChange? StatusChange = null,
    CertificatePair? Pair = null);
