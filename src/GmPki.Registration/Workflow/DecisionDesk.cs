using GmPki.Core.Errors;
using GmPki.Core.Ledger;
using GmPki.Core.Registration;

namespace GmPki.Registration.Workflow;

/// <summary>
/// The reviewer's approval or rejection. Under the two-person rule (per profile, and always for a
/// revocation on the CA's own grounds) the approver must differ from whoever verified the
/// applicant's identity or recorded the grounds: another account, and — when both accounts record
/// their holder's identity number — another person.
/// </summary>
public sealed class DecisionDesk(StepWriter steps, IOperatorStore operators)
{
    /// <summary>Approves or rejects an application awaiting approval.</summary>
    /// <exception cref="GmPkiException"><c>workflow-step-out-of-order</c>, <c>forbidden</c>, <c>two-person-rule-violated</c>, <c>step-invalid</c>.</exception>
    public async Task<CertificateApplication> DecideAsync(Guid id, ApprovalInput input, RegistrationActor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(actor);
        var application = await steps.LoadAsync(id, cancellationToken);
        StepPermissions.Demand(actor, WorkflowStep.Approval, application);
        StepWriter.DemandNext(application, WorkflowStep.Approval);
        if (string.IsNullOrWhiteSpace(input.Comment))
        {
            throw Errors.StepInvalid.With("a decision needs the reviewer's comment.");
        }

        var verifier = (application.Passed(WorkflowStep.IdentityVerification) ?? application.Passed(WorkflowStep.GroundsReview))?.Actor;
        var verified = application.Kind == ApplicationKind.AuthorityRevoke ? "recorded the grounds for revocation" : "verified the applicant's identity";
        if (application.TwoPersonRule && verifier == actor.Name)
        {
            throw Errors.TwoPersonRuleViolated.With($"{actor.Name} {verified} and cannot also approve (profile '{application.Profile}').");
        }

        if (application.TwoPersonRule && verifier is not null && await SamePersonAsync(verifier, actor.Name, cancellationToken))
        {
            throw Errors.TwoPersonRuleViolated.With($"{actor.Name} and {verifier}, who {verified}, are accounts of the same person (profile '{application.Profile}').");
        }

        return await steps.RecordAsync(application, WorkflowStep.Approval, input.Approved, actor, "review",
            new { comment = input.Comment, identityVerifiedBy = verifier, twoPersonRule = application.TwoPersonRule }, null, cancellationToken);
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
