using GmPki.Core.Errors;
using GmPki.Core.Registration;

namespace GmPki.Registration.Workflow;

/// <summary>
/// Checks a whole <see cref="CounterRequest"/> before the counter flow records anything (no
/// subscriber, application, step or evidence): every input a step of the kind will need is present
/// and well formed, so that a refused request leaves nothing behind (docs/registration.md, "All or
/// nothing at the counter").
/// </summary>
internal static class CounterIntake
{
    /// <summary>Refuses what a later step would refuse on its input alone.</summary>
    /// <param name="request">The counter request.</param>
    /// <param name="type">The applicant's subscriber type.</param>
    /// <param name="staff">Whether the applicant is an individual who belongs to an organisation.</param>
    /// <exception cref="GmPkiException"><c>step-invalid</c> (identity method, materials checklist, statement of will, paper forms); <c>evidence-invalid</c>, <c>evidence-too-large</c>.</exception>
    public static void Demand(CounterRequest request, SubscriberType type, bool staff)
    {
        var steps = StepTable.For(request.Kind);
        if (steps.Contains(WorkflowStep.IdentityVerification) && !StepDesk.IdentityMethods.Contains(request.IdentityMethod))
        {
            throw Errors.StepInvalid.With($"identityMethod '{request.IdentityMethod}' is not one of {string.Join(", ", StepDesk.IdentityMethods)}.");
        }

        if (steps.Contains(WorkflowStep.MaterialsReview))
        {
            MaterialsChecklist.Demand(request.Materials, type, staff);
        }

        if (steps.Contains(WorkflowStep.WillConfirmation) && string.IsNullOrWhiteSpace(request.WillStatement))
        {
            throw Errors.StepInvalid.With("the applicant's statement of will (willStatement) is required.");
        }

        if ((steps.Contains(WorkflowStep.NoticeAcknowledgement) || steps.Contains(WorkflowStep.AgreementSignature)) && request.PaperForms is not { Count: > 0 })
        {
            throw Errors.StepInvalid.With("the signed notices and agreement are recorded as paper scans: paperForms needs at least one scan.");
        }

        foreach (var file in (request.IdentityEvidence ?? []).Concat(request.PaperForms ?? []))
        {
            (file ?? throw Errors.EvidenceInvalid.With("an evidence file is null.")).Demand();
        }
    }
}
