namespace GmPki.Core.Registration;

/// <summary>
/// Where an application stands (state diagram in <c>docs/registration.md</c>):
/// <c>Open → AwaitingApproval → Approved → Fulfilled → Completed</c>, with <c>Rejected</c> and
/// <c>Withdrawn</c> as the other final states.
/// </summary>
public enum ApplicationState
{
    /// <summary>Steps before approval are being recorded.</summary>
    Open,

    /// <summary>Every step before approval is recorded; a reviewer decides.</summary>
    AwaitingApproval,

    /// <summary>Approved; the CA may act.</summary>
    Approved,

    /// <summary>The CA acted (certificate issued); hand-over and acceptance remain.</summary>
    Fulfilled,

    /// <summary>Done (final).</summary>
    Completed,

    /// <summary>Refused by a step's failure or by a reviewer (final).</summary>
    Rejected,

    /// <summary>Withdrawn by the applicant or the registrar before approval (final).</summary>
    Withdrawn,
}
