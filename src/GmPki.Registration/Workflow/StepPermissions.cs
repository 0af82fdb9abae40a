using GmPki.Core.Errors;
using GmPki.Core.Registration;
using GmPki.Core.Security;

namespace GmPki.Registration.Workflow;

/// <summary>
/// Who may record which step (the registration part of the authorization matrix in
/// <c>docs/registration.md</c>). Agency operators act only on their own agency's applications.
/// </summary>
public static class StepPermissions
{
    private static readonly OperatorRole[] Desk = [OperatorRole.Registrar, OperatorRole.AgencyOperator];

    /// <summary>Refuses unless <paramref name="actor"/> may record <paramref name="step"/> on <paramref name="application"/>.</summary>
    /// <exception cref="GmPkiException"><c>forbidden</c>.</exception>
    public static void Demand(RegistrationActor actor, WorkflowStep step, CertificateApplication application)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(application);
        DemandAgency(actor, application);
        var applicant = actor.IsApplicantOf(application.Id);
        var allowed = application.Kind == ApplicationKind.JudicialKeyRecovery ? JudicialAllows(actor, step) : step switch
        {
            WorkflowStep.IdentityVerification or WorkflowStep.MaterialsReview or WorkflowStep.GroundsReview => actor.HasRole(Desk),
            WorkflowStep.NoticeAcknowledgement or WorkflowStep.AgreementSignature or WorkflowStep.WillConfirmation or WorkflowStep.Acceptance
                => applicant || actor.HasRole(Desk),
            WorkflowStep.SubjectConsistency => (applicant && actor.Protocol is not null) || actor.HasRole(OperatorRole.Registrar, OperatorRole.AgencyOperator, OperatorRole.Reviewer),
            WorkflowStep.Approval => actor.HasRole(OperatorRole.Reviewer) || (!application.TwoPersonRule && actor.HasRole(Desk)),
            WorkflowStep.Fulfilment => applicant || actor.HasRole(OperatorRole.Registrar, OperatorRole.AgencyOperator, OperatorRole.Reviewer),
            _ => false,
        };
        if (!allowed)
        {
            throw Errors.Forbidden.With($"{actor.Audit.Role ?? "this caller"} may not record {KebabNames.Of(step)} on this application.");
        }
    }

    /// <summary>
    /// Judicial key recovery (GM/T 0034) is worked by the CA's own staff only: a registrar records the
    /// legal order, KMC officers approve (twice, <see cref="DecisionDesk"/> keeps them distinct), and a
    /// registrar or KMC officer has the KMC deliver.
    /// </summary>
    private static bool JudicialAllows(RegistrationActor actor, WorkflowStep step) => step switch
    {
        WorkflowStep.LegalOrderReview => actor.HasRole(OperatorRole.Registrar),
        WorkflowStep.KmcApproval or WorkflowStep.Approval => actor.HasRole(OperatorRole.KmcOfficer),
        WorkflowStep.Fulfilment => actor.HasRole(OperatorRole.Registrar, OperatorRole.KmcOfficer),
        _ => false,
    };

    /// <summary>Refuses an agency operator acting on another agency's (or the CA's own) application, and applicants acting on other applications.</summary>
    /// <exception cref="GmPkiException"><c>forbidden</c>.</exception>
    public static void DemandAgency(RegistrationActor actor, CertificateApplication application)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(application);
        if (actor.ApplicantOf is { } own && own != application.Id)
        {
            throw Errors.Forbidden.With("an applicant may act only on their own application.");
        }

        if (actor.Role == OperatorRole.AgencyOperator && actor.Agency != application.Agency)
        {
            throw Errors.Forbidden.With($"agency '{actor.Agency}' may act only on applications it registered.");
        }
    }
}
