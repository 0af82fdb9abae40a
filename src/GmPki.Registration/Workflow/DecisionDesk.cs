using GmPki.Core.Errors;
using GmPki.Core.Ledger;
using GmPki.Core.Registration;

namespace GmPki.Registration.Workflow;

/// <summary>
/// The reviewer's approval or rejection. Under the two-person rule (per profile, and always for a
/// revocation on the CA's own grounds and a judicial key recovery) the approver must differ from
/// whoever verified the applicant's identity, recorded the grounds or the legal order, and — for a
/// judicial key recovery, approved by two KMC officers (<see cref="WorkflowStep.KmcApproval"/>, then
/// <see cref="WorkflowStep.Approval"/>) — from the first officer: another account, and — when both
/// accounts record their holder's identity number — another person.
/// </summary>
public sealed class DecisionDesk(StepWriter steps, IOperatorStore operators)
{
    /// <summary>Approves or rejects an application awaiting <paramref name="step"/>.</summary>
    /// <param name="id">The application.</param>
    /// <param name="input">The decision and the reviewer's comment.</param>
    /// <param name="actor">The reviewer (a KMC officer for a judicial key recovery).</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <param name="step"><see cref="WorkflowStep.Approval"/>, or <see cref="WorkflowStep.KmcApproval"/> (the first KMC officer's, judicial key recovery only).</param>
    /// <exception cref="GmPkiException"><c>workflow-step-out-of-order</c>, <c>forbidden</c>, <c>two-person-rule-violated</c>, <c>step-invalid</c>.</exception>
    public async Task<CertificateApplication> DecideAsync(Guid id, ApprovalInput input, RegistrationActor actor, CancellationToken cancellationToken, WorkflowStep step = WorkflowStep.Approval)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(actor);
        if (step is not (WorkflowStep.Approval or WorkflowStep.KmcApproval))
        {
            throw new ArgumentOutOfRangeException(nameof(step), step, "only approval steps are decided here");
        }

        var application = await steps.LoadAsync(id, cancellationToken);
        StepPermissions.Demand(actor, step, application);
        StepWriter.DemandNext(application, step);
        if (string.IsNullOrWhiteSpace(input.Comment))
        {
            throw Errors.StepInvalid.With("a decision needs the reviewer's comment.");
        }

        var earlier = EarlierParticipants(application).ToList();
        foreach (var (participant, what) in application.TwoPersonRule ? earlier : [])
        {
            if (participant == actor.Name)
            {
                throw Errors.TwoPersonRuleViolated.With($"{actor.Name} {what} and cannot also approve (profile '{application.Profile}').");
            }

            if (await SamePersonAsync(participant, actor.Name, cancellationToken))
            {
                throw Errors.TwoPersonRuleViolated.With($"{actor.Name} and {participant}, who {what}, are accounts of the same person (profile '{application.Profile}').");
            }
        }

        return await steps.RecordAsync(application, step, input.Approved, actor, "review",
            new { comment = input.Comment, identityVerifiedBy = earlier.FirstOrDefault().Actor, firstApprovalBy = application.Passed(WorkflowStep.KmcApproval)?.Actor, twoPersonRule = application.TwoPersonRule },
            null, cancellationToken);
    }

    /// <summary>Who took part before the decision: the identity verifier (or whoever recorded the grounds or the legal order), then the first KMC officer.</summary>
    private static IEnumerable<(string Actor, string What)> EarlierParticipants(CertificateApplication application)
    {
        if ((application.Passed(WorkflowStep.IdentityVerification) ?? application.Passed(WorkflowStep.GroundsReview) ?? application.Passed(WorkflowStep.LegalOrderReview)) is { } verifier)
        {
            yield return (verifier.Actor, application.Kind switch
            {
                ApplicationKind.AuthorityRevoke => "recorded the grounds for revocation",
                ApplicationKind.JudicialKeyRecovery => "recorded the legal order",
                _ => "verified the applicant's identity",
            });
        }

        if (application.Passed(WorkflowStep.KmcApproval) is { } first)
        {
            yield return (first.Actor, "gave the first KMC officer's approval");
        }
    }

    /// <summary>Whether two <c>operator:{name}</c> actors are accounts of one person (both with a recorded identity number).</summary>
    private async Task<bool> SamePersonAsync(string first, string second, CancellationToken cancellationToken)
    {
        const string prefix = "operator:";
        if (!first.StartsWith(prefix, StringComparison.Ordinal) || !second.StartsWith(prefix, StringComparison.Ordinal))
        {
            return false;
        }

        var accounts = (await operators.ListAsync(cancellationToken)).ToDictionary(o => prefix + o.Name, o => o.PersonId);
        return accounts.GetValueOrDefault(first) is { } one && accounts.GetValueOrDefault(second) is { } other && one == other;
    }
}
