using GmPki.Core.Errors;
using GmPki.Core.Ledger;
using GmPki.Core.Registration;
using GmPki.Registration.Workflow;

namespace GmPki.Registration.Tests;

/// <summary>The desks over the real ledger: order, the state machine, the two-person rule, consents to the documents in force.</summary>
public sealed class WorkflowDeskTests : IAsyncLifetime
{
    private static readonly CancellationToken None = CancellationToken.None;
    private TestRegistry _registry = null!;

    public async Task InitializeAsync() => _registry = await TestRegistry.CreateAsync();

    public async Task DisposeAsync() => await _registry.DisposeAsync();

    [Fact]
    public async Task An_application_opens_in_state_open_with_no_steps_and_the_profiles_rule()
    {
        var (_, application) = await _registry.OpenAsync(TestRegistry.Person());
        application.State.ShouldBe(ApplicationState.Open);
        application.Steps.ShouldBeEmpty();
        application.TwoPersonRule.ShouldBeFalse();
        StepTable.Next(application).ShouldBe(WorkflowStep.IdentityVerification);
        (await _registry.Ledger.FindApplicationAsync(application.Id, None))!.State.ShouldBe(ApplicationState.Open);
    }

    [Fact]
    public async Task A_step_before_its_turn_is_refused_and_nothing_is_recorded()
    {
        var (subscriber, application) = await _registry.OpenAsync(TestRegistry.Person());
        var error = await Should.ThrowAsync<GmPkiException>(() => _registry.Steps.ReviewMaterialsAsync(application.Id,
            new MaterialsReviewInput(MaterialsChecklist.For(subscriber).ToDictionary(i => i, _ => true)), null, TestRegistry.Registrar, None));
        error.Error.ShouldBe(Core.Errors.Errors.WorkflowStepOutOfOrder);
        error.Detail.ShouldContain("identity-verification");
        (await _registry.Ledger.FindApplicationAsync(application.Id, None))!.Steps.ShouldBeEmpty();
    }

    [Fact]
    public async Task A_step_is_not_recorded_twice()
    {
        var (_, application) = await _registry.OpenAsync(TestRegistry.Person());
        var input = new IdentityVerificationInput("in-person", true, "resident identity card");
        await _registry.Steps.VerifyIdentityAsync(application.Id, input, null, TestRegistry.Registrar, None);
        (await Should.ThrowAsync<GmPkiException>(() => _registry.Steps.VerifyIdentityAsync(application.Id, input, null, TestRegistry.Registrar, None)))
            .Error.ShouldBe(Core.Errors.Errors.WorkflowStepOutOfOrder);
    }

    [Fact]
    public async Task A_failed_identity_check_rejects_the_application_and_ends_it()
    {
        var (subscriber, application) = await _registry.OpenAsync(TestRegistry.Person());
        var rejected = await _registry.Steps.VerifyIdentityAsync(application.Id, new IdentityVerificationInput("in-person", false, "resident identity card", "photo does not match"), null, TestRegistry.Registrar, None);
        rejected.State.ShouldBe(ApplicationState.Rejected);
        (await Should.ThrowAsync<GmPkiException>(() => _registry.Steps.ReviewMaterialsAsync(application.Id,
            new MaterialsReviewInput(MaterialsChecklist.For(subscriber).ToDictionary(i => i, _ => true)), null, TestRegistry.Registrar, None)))
            .Detail.ShouldContain("rejected");
    }

    [Fact]
    public async Task An_unknown_identity_method_is_invalid_input()
    {
        var (_, application) = await _registry.OpenAsync(TestRegistry.Person());
        (await Should.ThrowAsync<GmPkiException>(() => _registry.Steps.VerifyIdentityAsync(application.Id,
            new IdentityVerificationInput("by-looking", true, "card"), null, TestRegistry.Registrar, None))).Error.ShouldBe(Core.Errors.Errors.StepInvalid);
    }

    [Fact]
    public async Task The_materials_checklist_must_cover_the_subscriber_types_items_and_an_unchecked_item_rejects()
    {
        var (subscriber, application) = await _registry.OpenAsync(TestRegistry.Person());
        await _registry.Steps.VerifyIdentityAsync(application.Id, new IdentityVerificationInput("in-person", true, "card"), null, TestRegistry.Registrar, None);
        var missing = await Should.ThrowAsync<GmPkiException>(() => _registry.Steps.ReviewMaterialsAsync(application.Id,
            new MaterialsReviewInput(new Dictionary<string, bool> { ["application-form"] = true }), null, TestRegistry.Registrar, None));
        missing.Error.ShouldBe(Core.Errors.Errors.StepInvalid);
        missing.Detail.ShouldContain("identity-document-copy");

        var checklist = MaterialsChecklist.For(subscriber).ToDictionary(i => i, i => i != "identity-document-copy");
        (await _registry.Steps.ReviewMaterialsAsync(application.Id, new MaterialsReviewInput(checklist), null, TestRegistry.Registrar, None))
            .State.ShouldBe(ApplicationState.Rejected);
    }

    [Fact]
    public async Task Evidence_files_are_stored_with_the_step_by_name_length_and_sm3()
    {
        var (_, application) = await _registry.OpenAsync(TestRegistry.Person());
        var scan = TestRegistry.Scan("identity.pdf");
        var recorded = await _registry.Steps.VerifyIdentityAsync(application.Id, new IdentityVerificationInput("in-person", true, "card"), [scan], TestRegistry.Registrar, None);
        var evidence = recorded.Steps.ShouldHaveSingleItem().Evidence.ShouldHaveSingleItem();
        evidence.Name.ShouldBe("identity.pdf");
        evidence.Length.ShouldBe(scan.Content.Length);
        evidence.Sm3.ShouldBe(Convert.ToHexStringLower(Cryptography.Sm.Sm3.Hash(scan.Content)));
        (await _registry.Ledger.FindApplicationAsync(application.Id, None))!.Steps.ShouldHaveSingleItem().Evidence.ShouldHaveSingleItem().Sm3.ShouldBe(evidence.Sm3);
    }

    [Fact]
    public async Task A_paper_scan_consent_without_the_scan_is_refused()
    {
        var (subscriber, application) = await _registry.OpenAsync(TestRegistry.Person());
        await _registry.Steps.VerifyIdentityAsync(application.Id, new IdentityVerificationInput("in-person", true, "card"), null, TestRegistry.Registrar, None);
        await _registry.Steps.ReviewMaterialsAsync(application.Id, new MaterialsReviewInput(MaterialsChecklist.For(subscriber).ToDictionary(i => i, _ => true)), null, TestRegistry.Registrar, None);
        var notice = await _registry.InForceAsync(DocumentKind.Notice);
        (await Should.ThrowAsync<GmPkiException>(() => _registry.Steps.AcknowledgeNoticesAsync(application.Id, new DocumentConsentInput(notice, "paper-scan"), null, TestRegistry.Registrar, None)))
            .Error.ShouldBe(Core.Errors.Errors.StepInvalid);
    }

    [Fact]
    public async Task Consent_is_to_the_version_in_force_only()
    {
        var (subscriber, application) = await _registry.OpenAsync(TestRegistry.Person());
        await _registry.Steps.VerifyIdentityAsync(application.Id, new IdentityVerificationInput("in-person", true, "card"), null, TestRegistry.Registrar, None);
        await _registry.Steps.ReviewMaterialsAsync(application.Id, new MaterialsReviewInput(MaterialsChecklist.For(subscriber).ToDictionary(i => i, _ => true)), null, TestRegistry.Registrar, None);
        var first = await _registry.InForceAsync(DocumentKind.Notice);
        var (_, title, sections, _) = Documents.DefaultDocuments.All.Single(d => d.Kind == DocumentKind.Notice);
        var second = await _registry.Documents.PublishAsync(DocumentKind.Notice, title + " 第二版", sections, null, Actor.System, None);
        second.Version.ShouldBe(first + 1);

        var stale = await Should.ThrowAsync<GmPkiException>(() => _registry.Steps.AcknowledgeNoticesAsync(application.Id, new DocumentConsentInput(first, "click"), null, TestRegistry.Registrar, None));
        stale.Error.ShouldBe(Core.Errors.Errors.StepInvalid);
        var recorded = await _registry.Steps.AcknowledgeNoticesAsync(application.Id, new DocumentConsentInput(second.Version, "click"), null, TestRegistry.Registrar, None);
        recorded.Steps[^1].Details.ShouldContain(second.Sm3);
    }

    [Fact]
    public async Task An_agreement_must_follow_the_cps_in_force()
    {
        var (_, title, sections, cps) = Documents.DefaultDocuments.All.Single(d => d.Kind == DocumentKind.Agreement);
        (await Should.ThrowAsync<GmPkiException>(() => _registry.Documents.PublishAsync(DocumentKind.Agreement, title, sections, cps + 1, Actor.System, None)))
            .Error.ShouldBe(Core.Errors.Errors.RequestInvalid);
        (await _registry.Documents.PublishAsync(DocumentKind.Agreement, title, sections, cps, Actor.System, None)).Version.ShouldBe(2);
    }

    [Fact]
    public async Task A_notice_lacking_a_required_section_is_not_published()
    {
        var (_, title, sections, _) = Documents.DefaultDocuments.All.Single(d => d.Kind == DocumentKind.Notice);
        var partial = sections.Where(s => s.Key != "fees").ToDictionary();
        (await Should.ThrowAsync<GmPkiException>(() => _registry.Documents.PublishAsync(DocumentKind.Notice, title, partial, null, Actor.System, None)))
            .Detail.ShouldContain("fees");
    }

    [Fact]
    public async Task The_will_confirmation_leaves_subject_consistency_and_then_approval_waiting()
    {
        var (subscriber, application) = await _registry.OpenAsync(TestRegistry.Person());
        var willed = await _registry.ThroughWillAsync(subscriber, application);
        willed.State.ShouldBe(ApplicationState.Open);
        StepTable.Next(willed).ShouldBe(WorkflowStep.SubjectConsistency);
        var checkedSubject = await _registry.Steps.CheckSubjectConsistencyAsync(application.Id, TestRegistry.Registrar, None);
        checkedSubject.State.ShouldBe(ApplicationState.AwaitingApproval);
        checkedSubject.Steps.Select(s => s.Step).ShouldBe(StepTable.For(ApplicationKind.New).Take(6));
    }

    [Fact]
    public async Task A_subject_that_does_not_name_the_applicant_rejects_the_application()
    {
        var (subscriber, application) = await _registry.OpenAsync(TestRegistry.Person("张三"), subject: "CN=李四");
        await _registry.ThroughWillAsync(subscriber, application);
        (await _registry.Steps.CheckSubjectConsistencyAsync(application.Id, TestRegistry.Registrar, None)).State.ShouldBe(ApplicationState.Rejected);
    }

    [Fact]
    public async Task Without_the_two_person_rule_the_registrar_approves_and_the_ca_issues()
    {
        var (subscriber, application) = await _registry.OpenAsync(TestRegistry.Person());
        await _registry.ThroughWillAsync(subscriber, application);
        await _registry.Steps.CheckSubjectConsistencyAsync(application.Id, TestRegistry.Registrar, None);
        (await _registry.Decisions.DecideAsync(application.Id, new ApprovalInput(true, "材料齐全"), TestRegistry.Registrar, None)).State.ShouldBe(ApplicationState.Approved);
        var fulfilled = await _registry.Fulfilment.FulfilAsync(application.Id, TestRegistry.Registrar, None);
        fulfilled.State.ShouldBe(ApplicationState.Fulfilled);
        fulfilled.ResultSerial.ShouldNotBeNull();
        var accepted = await _registry.Fulfilment.AcceptAsync(application.Id, new AcceptanceInput("in-person", subscriber.IdentityNumber), null, TestRegistry.Registrar, None);
        accepted.State.ShouldBe(ApplicationState.Completed);
    }

    [Fact]
    public async Task A_decision_needs_the_reviewers_comment()
    {
        var (subscriber, application) = await _registry.OpenAsync(TestRegistry.Person());
        await _registry.ThroughWillAsync(subscriber, application);
        await _registry.Steps.CheckSubjectConsistencyAsync(application.Id, TestRegistry.Registrar, None);
        (await Should.ThrowAsync<GmPkiException>(() => _registry.Decisions.DecideAsync(application.Id, new ApprovalInput(true, " "), TestRegistry.Registrar, None)))
            .Error.ShouldBe(Core.Errors.Errors.StepInvalid);
    }

    [Fact]
    public async Task The_certificate_is_handed_over_only_to_the_applicant()
    {
        var (subscriber, application) = await _registry.OpenAsync(TestRegistry.Person());
        await _registry.ThroughWillAsync(subscriber, application);
        await _registry.Steps.CheckSubjectConsistencyAsync(application.Id, TestRegistry.Registrar, None);
        await _registry.Decisions.DecideAsync(application.Id, new ApprovalInput(true, "ok"), TestRegistry.Registrar, None);
        await _registry.Fulfilment.FulfilAsync(application.Id, TestRegistry.Registrar, None);
        var someoneElse = TestRegistry.Person().IdentityNumber;
        (await Should.ThrowAsync<GmPkiException>(() => _registry.Fulfilment.AcceptAsync(application.Id, new AcceptanceInput("in-person", someoneElse), null, TestRegistry.Registrar, None)))
            .Error.ShouldBe(Core.Errors.Errors.StepInvalid);
    }

    [Fact]
    public async Task A_rejection_by_the_reviewer_ends_the_application_without_a_certificate()
    {
        var (subscriber, application) = await _registry.OpenAsync(TestRegistry.Person());
        await _registry.ThroughWillAsync(subscriber, application);
        await _registry.Steps.CheckSubjectConsistencyAsync(application.Id, TestRegistry.Registrar, None);
        var rejected = await _registry.Decisions.DecideAsync(application.Id, new ApprovalInput(false, "用途不明"), TestRegistry.Reviewer, None);
        rejected.State.ShouldBe(ApplicationState.Rejected);
        rejected.ResultSerial.ShouldBeNull();
        (await Should.ThrowAsync<GmPkiException>(() => _registry.Fulfilment.FulfilAsync(application.Id, TestRegistry.Registrar, None)))
            .Error.ShouldBe(Core.Errors.Errors.WorkflowStepOutOfOrder);
    }

    [Fact]
    public async Task Withdrawal_is_allowed_before_approval_and_refused_after()
    {
        var (_, open) = await _registry.OpenAsync(TestRegistry.Person());
        (await _registry.Applications.WithdrawAsync(open.Id, "申请人改变主意", TestRegistry.Registrar, None)).State.ShouldBe(ApplicationState.Withdrawn);

        var (other, application) = await _registry.OpenAsync(TestRegistry.Person());
        await _registry.ThroughWillAsync(other, application);
        await _registry.Steps.CheckSubjectConsistencyAsync(application.Id, TestRegistry.Registrar, None);
        await _registry.Decisions.DecideAsync(application.Id, new ApprovalInput(true, "ok"), TestRegistry.Registrar, None);
        (await Should.ThrowAsync<GmPkiException>(() => _registry.Applications.WithdrawAsync(application.Id, "too late", TestRegistry.Registrar, None)))
            .Error.ShouldBe(Core.Errors.Errors.WorkflowStepOutOfOrder);
    }

    [Fact]
    public async Task Opening_checks_the_profile_and_a_kind_that_acts_on_a_certificate_needs_one()
    {
        var subscriber = await _registry.Subscribers.RegisterAsync(TestRegistry.Person(), TestRegistry.Registrar, selfService: false, None);
        (await Should.ThrowAsync<GmPkiException>(() => _registry.Applications.OpenAsync(
            new ApplicationInput(ApplicationKind.New, subscriber.Id, "no-such-profile", Csrs.Der("CN=张三"), null, null), TestRegistry.Registrar, false, None)))
            .Error.ShouldBe(Core.Errors.Errors.ProfileUnknown);
        (await Should.ThrowAsync<GmPkiException>(() => _registry.Applications.OpenAsync(
            new ApplicationInput(ApplicationKind.Revoke, subscriber.Id, "personal", null, null, "keyCompromise"), TestRegistry.Registrar, false, None)))
            .Error.ShouldBe(Core.Errors.Errors.RequestInvalid);
    }

    [Fact]
    public async Task Only_the_desk_opens_applications_for_others()
    {
        var subscriber = await _registry.Subscribers.RegisterAsync(TestRegistry.Person(), TestRegistry.Registrar, selfService: false, None);
        (await Should.ThrowAsync<GmPkiException>(() => _registry.Applications.OpenAsync(
            new ApplicationInput(ApplicationKind.New, subscriber.Id, "personal", Csrs.Der("CN=张三"), null, null), TestRegistry.Reviewer, false, None)))
            .Error.ShouldBe(Core.Errors.Errors.Forbidden);
    }
}
