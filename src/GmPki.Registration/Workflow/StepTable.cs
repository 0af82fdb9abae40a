using GmPki.Core.Registration;

namespace GmPki.Registration.Workflow;

/// <summary>
/// The ordered steps each kind of application must pass (M24 §21, D §20, §23, §24: identity, materials,
/// notices, agreement and will before a certificate is issued, renewed, changed or revoked).
/// A step can only be recorded when every step before it in the table has passed.
/// </summary>
public static class StepTable
{
    private static readonly WorkflowStep[] Issuance =
    [
        WorkflowStep.IdentityVerification, WorkflowStep.MaterialsReview, WorkflowStep.NoticeAcknowledgement,
        WorkflowStep.AgreementSignature, WorkflowStep.WillConfirmation, WorkflowStep.SubjectConsistency,
        WorkflowStep.Approval, WorkflowStep.Fulfilment, WorkflowStep.Acceptance,
    ];

    private static readonly WorkflowStep[] Revocation =
    [
        WorkflowStep.IdentityVerification, WorkflowStep.MaterialsReview, WorkflowStep.NoticeAcknowledgement,
        WorkflowStep.AgreementSignature, WorkflowStep.WillConfirmation, WorkflowStep.Approval, WorkflowStep.Fulfilment,
    ];

    private static readonly WorkflowStep[] Hold =
    [
        WorkflowStep.IdentityVerification, WorkflowStep.WillConfirmation, WorkflowStep.Approval, WorkflowStep.Fulfilment,
    ];

    private static readonly WorkflowStep[] AuthorityRevocation = [WorkflowStep.GroundsReview, WorkflowStep.Approval, WorkflowStep.Fulfilment];

    // Fulfilled by the key management centre: the recovered key in an envelope to the holder's signing key (EscrowedKeyRecovery).
    private static readonly WorkflowStep[] KeyRecovery =
    [
        WorkflowStep.IdentityVerification, WorkflowStep.MaterialsReview, WorkflowStep.WillConfirmation, WorkflowStep.Approval, WorkflowStep.Fulfilment,
    ];

    // The legal order recorded at the desk, then two distinct KMC officers (kmc-approval, approval); fulfilled by the KMC to the recipient the order designates.
    private static readonly WorkflowStep[] JudicialKeyRecovery = [WorkflowStep.LegalOrderReview, WorkflowStep.KmcApproval, WorkflowStep.Approval, WorkflowStep.Fulfilment];

    /// <summary>The steps of <paramref name="kind"/>, in order.</summary>
    public static IReadOnlyList<WorkflowStep> For(ApplicationKind kind) => kind switch
    {
        ApplicationKind.New or ApplicationKind.Renew or ApplicationKind.Extend or ApplicationKind.Change => Issuance,
        ApplicationKind.Revoke => Revocation,
        ApplicationKind.Suspend or ApplicationKind.Resume or ApplicationKind.PinUnlock => Hold,
        ApplicationKind.KeyRecovery => KeyRecovery,
        ApplicationKind.AuthorityRevoke => AuthorityRevocation,
        ApplicationKind.JudicialKeyRecovery => JudicialKeyRecovery,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    /// <summary>Whether <paramref name="kind"/> issues a certificate (and needs a CSR unless it extends).</summary>
    public static bool Issues(ApplicationKind kind) => kind is ApplicationKind.New or ApplicationKind.Renew or ApplicationKind.Extend or ApplicationKind.Change;

    /// <summary>Whether <paramref name="kind"/> carries its own CSR.</summary>
    public static bool NeedsRequest(ApplicationKind kind) => kind is ApplicationKind.New or ApplicationKind.Renew or ApplicationKind.Change;

    /// <summary>Whether <paramref name="kind"/> recovers an escrowed encryption key (holder or judicial recovery).</summary>
    public static bool RecoversKey(ApplicationKind kind) => kind is ApplicationKind.KeyRecovery or ApplicationKind.JudicialKeyRecovery;

    /// <summary>Whether <paramref name="kind"/> is opened only at the CA's desk with its grounds (revocation on the CA's grounds, judicial key recovery): never online, never by the generic opening.</summary>
    public static bool OpenedWithGrounds(ApplicationKind kind) => kind is ApplicationKind.AuthorityRevoke or ApplicationKind.JudicialKeyRecovery;

    /// <summary>Whether <paramref name="kind"/> acts on an existing certificate.</summary>
    public static bool NeedsTarget(ApplicationKind kind) => kind != ApplicationKind.New;

    /// <summary>
    /// The next step <paramref name="application"/> needs, or null when none remains. Steps are
    /// taken in table order; a failed step ends the application, so only passed steps count.
    /// </summary>
    public static WorkflowStep? Next(CertificateApplication application)
    {
        ArgumentNullException.ThrowIfNull(application);
        return For(application.Kind).Cast<WorkflowStep?>().FirstOrDefault(step => application.Passed(step!.Value) is null);
    }

    /// <summary>
    /// The state an application reaches when <paramref name="step"/> is recorded with
    /// <paramref name="passed"/> (state diagram in <c>docs/registration.md</c>). The urgent
    /// suspension that may open a revocation (M09 §31) leaves it open for its own steps.
    /// </summary>
    public static ApplicationState StateAfter(ApplicationKind kind, WorkflowStep step, bool passed)
    {
        if (!passed)
        {
            return ApplicationState.Rejected;
        }

        if (step == WorkflowStep.UrgentSuspension && kind == ApplicationKind.Revoke)
        {
            return ApplicationState.Open;
        }

        var steps = For(kind);
        var index = IndexOf(steps, step);
        var approval = IndexOf(steps, WorkflowStep.Approval);
        if (index < approval - 1)
        {
            return ApplicationState.Open;
        }

        if (index == approval - 1)
        {
            return ApplicationState.AwaitingApproval;
        }

        if (step == WorkflowStep.Approval)
        {
            return ApplicationState.Approved;
        }

        return index == steps.Count - 1 ? ApplicationState.Completed : ApplicationState.Fulfilled;
    }

    private static int IndexOf(IReadOnlyList<WorkflowStep> steps, WorkflowStep step)
    {
        for (var i = 0; i < steps.Count; i++)
        {
            if (steps[i] == step)
            {
                return i;
            }
        }

        throw new ArgumentException($"{step} is not a step of this kind of application.", nameof(step));
    }
}
