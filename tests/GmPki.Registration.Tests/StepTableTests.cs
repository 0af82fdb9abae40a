using GmPki.Core.Registration;
using GmPki.Registration.Workflow;

namespace GmPki.Registration.Tests;

public sealed class StepTableTests
{
    private static readonly WorkflowStep[] Issuance =
    [
        WorkflowStep.IdentityVerification, WorkflowStep.MaterialsReview, WorkflowStep.NoticeAcknowledgement, WorkflowStep.AgreementSignature,
        WorkflowStep.WillConfirmation, WorkflowStep.SubjectConsistency, WorkflowStep.Approval, WorkflowStep.Fulfilment, WorkflowStep.Acceptance,
    ];

    [Theory]
    [InlineData(ApplicationKind.New)]
    [InlineData(ApplicationKind.Renew)]
    [InlineData(ApplicationKind.Extend)]
    [InlineData(ApplicationKind.Change)]
    public void Issuing_kinds_pass_identity_materials_notices_agreement_will_consistency_approval_fulfilment_and_acceptance(ApplicationKind kind)
        => StepTable.For(kind).ShouldBe(Issuance);

    [Fact]
    public void A_revocation_needs_the_consents_but_no_subject_check_and_no_acceptance()
        => StepTable.For(ApplicationKind.Revoke).ShouldBe(
        [
            WorkflowStep.IdentityVerification, WorkflowStep.MaterialsReview, WorkflowStep.NoticeAcknowledgement, WorkflowStep.AgreementSignature,
            WorkflowStep.WillConfirmation, WorkflowStep.Approval, WorkflowStep.Fulfilment,
        ]);

    [Theory]
    [InlineData(ApplicationKind.Suspend)]
    [InlineData(ApplicationKind.Resume)]
    [InlineData(ApplicationKind.PinUnlock)]
    public void Holds_and_pin_unlocks_need_identity_and_will_only(ApplicationKind kind)
        => StepTable.For(kind).ShouldBe([WorkflowStep.IdentityVerification, WorkflowStep.WillConfirmation, WorkflowStep.Approval, WorkflowStep.Fulfilment]);

    [Fact]
    public void Grounds_and_legal_orders_replace_the_applicants_steps()
    {
        StepTable.For(ApplicationKind.AuthorityRevoke).ShouldBe([WorkflowStep.GroundsReview, WorkflowStep.Approval, WorkflowStep.Fulfilment]);
        StepTable.For(ApplicationKind.JudicialKeyRecovery).ShouldBe([WorkflowStep.LegalOrderReview, WorkflowStep.KmcApproval, WorkflowStep.Approval, WorkflowStep.Fulfilment]);
        StepTable.For(ApplicationKind.KeyRecovery).ShouldBe(
            [WorkflowStep.IdentityVerification, WorkflowStep.MaterialsReview, WorkflowStep.WillConfirmation, WorkflowStep.Approval, WorkflowStep.Fulfilment]);
    }

    [Fact]
    public void Every_kind_has_an_approval_before_its_fulfilment_and_ends_there_or_at_acceptance()
    {
        foreach (var kind in Enum.GetValues<ApplicationKind>())
        {
            var steps = StepTable.For(kind).ToList();
            steps.IndexOf(WorkflowStep.Approval).ShouldBe(steps.IndexOf(WorkflowStep.Fulfilment) - 1, kind.ToString());
            steps[^1].ShouldBeOneOf(WorkflowStep.Fulfilment, WorkflowStep.Acceptance);
        }
    }

    [Theory]
    [InlineData(ApplicationKind.New, true, true, false)]
    [InlineData(ApplicationKind.Extend, true, false, false)]
    [InlineData(ApplicationKind.Change, true, true, false)]
    [InlineData(ApplicationKind.Revoke, false, false, false)]
    [InlineData(ApplicationKind.KeyRecovery, false, false, true)]
    [InlineData(ApplicationKind.JudicialKeyRecovery, false, false, true)]
    public void Kinds_say_whether_they_issue_take_a_request_and_recover_a_key(ApplicationKind kind, bool issues, bool needsRequest, bool recovers)
    {
        StepTable.Issues(kind).ShouldBe(issues);
        StepTable.NeedsRequest(kind).ShouldBe(needsRequest);
        StepTable.RecoversKey(kind).ShouldBe(recovers);
        StepTable.NeedsTarget(kind).ShouldBe(kind != ApplicationKind.New);
    }

    [Theory]
    [InlineData(WorkflowStep.IdentityVerification, ApplicationState.Open)]
    [InlineData(WorkflowStep.WillConfirmation, ApplicationState.Open)]
    [InlineData(WorkflowStep.SubjectConsistency, ApplicationState.AwaitingApproval)]
    [InlineData(WorkflowStep.Approval, ApplicationState.Approved)]
    [InlineData(WorkflowStep.Fulfilment, ApplicationState.Fulfilled)]
    [InlineData(WorkflowStep.Acceptance, ApplicationState.Completed)]
    public void A_passed_step_of_a_new_certificate_moves_it_through_the_states(WorkflowStep step, ApplicationState state)
        => StepTable.StateAfter(ApplicationKind.New, step, passed: true).ShouldBe(state);

    [Fact]
    public void A_fulfilment_completes_kinds_without_acceptance_and_any_failed_step_rejects()
    {
        StepTable.StateAfter(ApplicationKind.Revoke, WorkflowStep.Fulfilment, passed: true).ShouldBe(ApplicationState.Completed);
        StepTable.StateAfter(ApplicationKind.Suspend, WorkflowStep.IdentityVerification, passed: true).ShouldBe(ApplicationState.Open);
        StepTable.StateAfter(ApplicationKind.Suspend, WorkflowStep.WillConfirmation, passed: true).ShouldBe(ApplicationState.AwaitingApproval);
        StepTable.StateAfter(ApplicationKind.New, WorkflowStep.IdentityVerification, passed: false).ShouldBe(ApplicationState.Rejected);
        StepTable.StateAfter(ApplicationKind.New, WorkflowStep.Approval, passed: false).ShouldBe(ApplicationState.Rejected);
    }

    [Fact]
    public void An_urgent_suspension_leaves_a_revocation_open_and_a_foreign_step_is_refused()
    {
        StepTable.StateAfter(ApplicationKind.Revoke, WorkflowStep.UrgentSuspension, passed: true).ShouldBe(ApplicationState.Open);
        Should.Throw<ArgumentException>(() => StepTable.StateAfter(ApplicationKind.Suspend, WorkflowStep.MaterialsReview, passed: true));
    }
}
