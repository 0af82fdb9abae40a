namespace GmPki.Core.Registration;

/// <summary>
/// One recorded workflow step: who did it, when, how, with what evidence, and the result.
/// </summary>
/// <param name="Step">The step.</param>
/// <param name="Passed">False when the step was recorded as failed (the application is then rejected).</param>
/// <param name="RecordedAt">UTC instant.</param>
/// <param name="Actor">Audit name of who recorded it (operator, applicant, system).</param>
/// <param name="Role">The actor's role, or null.</param>
/// <param name="Agency">The actor's agency, or null.</param>
/// <param name="Method">How, from the step's vocabulary (for example <c>in-person</c>, <c>click</c>, <c>sm2-signature</c>).</param>
/// <param name="Details">Step-specific facts as a JSON object (document versions, checklist, reasons).</param>
/// <param name="Evidence">Evidence files attached to the step.</param>
public sealed record StepRecord(
    WorkflowStep Step,
    bool Passed,
    DateTime RecordedAt,
    string Actor,
    string? Role,
    string? Agency,
    string Method,
    string Details,
    IReadOnlyList<EvidenceSummary> Evidence);

/// <summary>An evidence file's description; the content is read separately (and audited).</summary>
/// <param name="Id">Identifier.</param>
/// <param name="Name">File name as supplied.</param>
/// <param name="MediaType">Media type.</param>
/// <param name="Length">Size in bytes.</param>
/// <param name="Sm3">Lowercase hex SM3 digest of the content.</param>
public sealed record EvidenceSummary(Guid Id, string Name, string MediaType, long Length, string Sm3);

/// <summary>An evidence file with its content.</summary>
/// <param name="Summary">Description and digest.</param>
/// <param name="Content">The bytes (decrypted).</param>
/// <param name="ApplicationId">The application it is evidence of.</param>
public sealed record EvidenceFile(EvidenceSummary Summary, byte[] Content, Guid ApplicationId);
