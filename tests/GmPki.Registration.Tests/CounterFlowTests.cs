using GmPki.Core.Errors;
using GmPki.Core.Ledger;
using GmPki.Core.Registration;
using GmPki.Registration.Workflow;

namespace GmPki.Registration.Tests;

/// <summary>The counter records every step in table order with the materials and evidence presented, and has the CA act.</summary>
public sealed class CounterFlowTests : IAsyncLifetime
{
    private static readonly CancellationToken None = CancellationToken.None;
    private TestRegistry _registry = null!;

    public async Task InitializeAsync() => _registry = await TestRegistry.CreateAsync();

    public async Task DisposeAsync() => await _registry.DisposeAsync();

    [Fact]
    public async Task A_new_certificate_is_issued_with_every_step_recorded_in_order()
    {
        var application = await _registry.Counter.RunAsync(Counter.Request(TestRegistry.Person("张三")), TestRegistry.Registrar, None);
        application.State.ShouldBe(ApplicationState.Completed);
        application.ResultSerial.ShouldNotBeNull();
        var stored = (await _registry.Ledger.FindApplicationAsync(application.Id, None))!;
        stored.Steps.Select(s => s.Step).ShouldBe(StepTable.For(ApplicationKind.New));
        stored.Steps.ShouldAllBe(s => s.Passed && s.Actor == TestRegistry.Registrar.Name);
    }

    [Fact]
    public async Task The_scans_are_evidence_of_identity_materials_and_the_paper_consents()
    {
        var application = await _registry.Counter.RunAsync(Counter.Request(TestRegistry.Person("张三")), TestRegistry.Registrar, None);
        var byStep = application.Steps.ToDictionary(s => s.Step);
        byStep[WorkflowStep.IdentityVerification].Evidence.Single().Name.ShouldBe("identity.pdf");
        byStep[WorkflowStep.MaterialsReview].Evidence.Single().Name.ShouldBe("forms.pdf");
        byStep[WorkflowStep.NoticeAcknowledgement].Method.ShouldBe("paper-scan");
        byStep[WorkflowStep.AgreementSignature].Evidence.Single().Name.ShouldBe("forms.pdf");
        byStep[WorkflowStep.WillConfirmation].Evidence.ShouldBeEmpty();
    }

    [Fact]
    public async Task The_consents_name_the_documents_in_force()
    {
        var notice = await _registry.Documents.GetAsync(DocumentKind.Notice, null, None);
        var application = await _registry.Counter.RunAsync(Counter.Request(TestRegistry.Person()), TestRegistry.Registrar, None);
        application.Steps.Single(s => s.Step == WorkflowStep.NoticeAcknowledgement).Details.ShouldContain(notice.Sm3);
    }

    [Fact]
    public async Task A_paper_signed_on_a_superseded_version_is_refused_before_anything_is_recorded()
    {
        var (_, title, sections, _) = Documents.DefaultDocuments.All.Single(d => d.Kind == DocumentKind.Notice);
        await _registry.Documents.PublishAsync(DocumentKind.Notice, title, sections, null, Actor.System, None);
        var person = TestRegistry.Person();
        var error = await Should.ThrowAsync<GmPkiException>(() => _registry.Counter.RunAsync(Counter.Request(person) with { NoticeVersion = 1 }, TestRegistry.Registrar, None));
        error.Error.ShouldBe(Errors.StepInvalid);
        (await _registry.Ledger.FindSubscriberByIdentityAsync(IdentityDocumentType.ResidentIdentityCard, person.IdentityNumber, None)).ShouldBeNull();
    }

    [Fact]
    public async Task An_unchecked_material_rejects_the_application_and_the_ca_does_not_act()
    {
        var person = TestRegistry.Person();
        var request = Counter.Request(person);
        var application = await _registry.Counter.RunAsync(request with { Materials = request.Materials.ToDictionary(m => m.Key, m => m.Key != "application-form") }, TestRegistry.Registrar, None);
        application.State.ShouldBe(ApplicationState.Rejected);
        application.ResultSerial.ShouldBeNull();
        application.Steps.Select(s => s.Step).ShouldBe([WorkflowStep.IdentityVerification, WorkflowStep.MaterialsReview]);
    }

    [Fact]
    public async Task A_suspension_at_the_counter_takes_the_hold_steps_and_suspends_the_certificate()
    {
        var issued = await _registry.Counter.RunAsync(Counter.Request(TestRegistry.Person()), TestRegistry.Registrar, None);
        var subscriber = (await _registry.Ledger.FindSubscriberAsync(issued.SubscriberId, None))!;
        var suspension = await _registry.Counter.RunAsync(Counter.Act(ApplicationKind.Suspend, subscriber, issued.ResultSerial!), TestRegistry.Registrar, None);
        suspension.State.ShouldBe(ApplicationState.Completed);
        suspension.Steps.Select(s => s.Step).ShouldBe(StepTable.For(ApplicationKind.Suspend));
        (await _registry.Ledger.FindSubscriberOfCertificateAsync(issued.ResultSerial!, None)).ShouldBe(subscriber.Id);
        var again = await Should.ThrowAsync<GmPkiException>(() => _registry.Counter.RunAsync(Counter.Act(ApplicationKind.Suspend, subscriber, issued.ResultSerial!), TestRegistry.Registrar, None));
        again.Detail.ShouldContain("suspended");
    }

    [Fact]
    public async Task A_revocation_on_the_cas_grounds_does_not_go_through_the_counter()
    {
        var issued = await _registry.Counter.RunAsync(Counter.Request(TestRegistry.Person()), TestRegistry.Registrar, None);
        var subscriber = (await _registry.Ledger.FindSubscriberAsync(issued.SubscriberId, None))!;
        (await Should.ThrowAsync<GmPkiException>(() => _registry.Counter.RunAsync(Counter.Act(ApplicationKind.AuthorityRevoke, subscriber, issued.ResultSerial!, "keyCompromise"), TestRegistry.Registrar, None)))
            .Error.ShouldBe(Errors.RequestInvalid);
    }
}
