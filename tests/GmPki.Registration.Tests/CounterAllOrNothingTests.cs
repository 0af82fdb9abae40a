using GmPki.Core.Errors;
using GmPki.Core.Registration;
using GmPki.Registration.Workflow;

namespace GmPki.Registration.Tests;

/// <summary>A refused counter request leaves no subscriber, application, step or evidence; one stopped after its application was recorded names it.</summary>
public sealed class CounterAllOrNothingTests : IAsyncLifetime
{
    private static readonly CancellationToken None = CancellationToken.None;
    private TestRegistry _registry = null!;

    public async Task InitializeAsync() => _registry = await TestRegistry.CreateAsync();

    public async Task DisposeAsync() => await _registry.DisposeAsync();

    public static TheoryData<string> Refusals() => ["no identity method", "unknown identity method", "no materials", "incomplete materials", "no statement", "no paper forms",
        "null content", "CR LF in name", "LF in media type", "media type without subtype", "NUL in name"];

    [Theory]
    [MemberData(nameof(Refusals))]
    public async Task A_refused_request_records_nothing(string refusal)
    {
        var person = TestRegistry.Person();
        var request = Counter.Request(person);
        var pdf = TestRegistry.Scan("identity.pdf");
        var (changed, expected) = refusal switch
        {
            "no identity method" => (request with { IdentityMethod = null! }, Errors.StepInvalid),
            "unknown identity method" => (request with { IdentityMethod = "telepathy" }, Errors.StepInvalid),
            "no materials" => (request with { Materials = null! }, Errors.StepInvalid),
            "incomplete materials" => (request with { Materials = new Dictionary<string, bool> { ["application-form"] = true } }, Errors.StepInvalid),
            "no statement" => (request with { WillStatement = " " }, Errors.StepInvalid),
            "no paper forms" => (request with { PaperForms = [] }, Errors.StepInvalid),
            "null content" => (request with { IdentityEvidence = [pdf with { Content = null! }] }, Errors.EvidenceInvalid),
            "CR LF in name" => (request with { IdentityEvidence = [pdf with { Name = "id.pdf\r\nX-Injected: 1" }] }, Errors.EvidenceInvalid),
            "LF in media type" => (request with { PaperForms = [pdf with { MediaType = "application/pdf\nX: 1" }] }, Errors.EvidenceInvalid),
            "media type without subtype" => (request with { PaperForms = [pdf with { MediaType = "pdf" }] }, Errors.EvidenceInvalid),
            _ => (request with { IdentityEvidence = [pdf with { Name = "id\0.pdf" }] }, Errors.EvidenceInvalid),
        };

        var error = await Should.ThrowAsync<GmPkiException>(() => _registry.Counter.RunAsync(changed, TestRegistry.Registrar, None));

        error.Error.ShouldBe(expected);
        error.ApplicationId.ShouldBeNull();
        (await _registry.Ledger.FindSubscriberByIdentityAsync(person.IdentityDocument, person.IdentityNumber, None)).ShouldBeNull();
        (await _registry.Ledger.ListApplicationsAsync(null, null, 1, 50, None)).Total.ShouldBe(0);
    }

    [Fact]
    public async Task A_refused_request_for_a_registered_subscriber_opens_no_application()
    {
        var issued = await _registry.Counter.RunAsync(Counter.Request(TestRegistry.Person()), TestRegistry.Registrar, None);
        var subscriber = (await _registry.Ledger.FindSubscriberAsync(issued.SubscriberId, None))!;

        var error = await Should.ThrowAsync<GmPkiException>(() => _registry.Counter.RunAsync(
            Counter.Act(ApplicationKind.Extend, subscriber, issued.ResultSerial!) with { Materials = null! }, TestRegistry.Registrar, None));

        error.Error.ShouldBe(Errors.StepInvalid);
        (await _registry.Ledger.ListApplicationsAsync(null, null, 1, 50, None)).Items.ShouldHaveSingleItem().Id.ShouldBe(issued.Id);
    }

    [Fact]
    public async Task A_request_stopped_after_its_application_was_recorded_names_it()
    {
        _registry.Fulfilment.AfterIssuance = _ => throw Errors.IssuerUnavailable.With("the CA stopped (test).");

        var error = await Should.ThrowAsync<GmPkiException>(() => _registry.Counter.RunAsync(Counter.Request(TestRegistry.Person()), TestRegistry.Registrar, None));

        error.Error.ShouldBe(Errors.IssuerUnavailable);
        var id = error.ApplicationId.ShouldNotBeNull();
        error.Detail.ShouldContain(id.ToString("D"));
        (await _registry.Ledger.FindApplicationAsync(id, None))!.State.ShouldBe(ApplicationState.Approved);
    }

    [Fact]
    public async Task The_materials_step_refuses_a_missing_checklist_as_step_invalid()
    {
        var (_, application) = await _registry.OpenAsync(TestRegistry.Person());
        await _registry.Steps.VerifyIdentityAsync(application.Id, new IdentityVerificationInput("in-person", true, "resident identity card"), null, TestRegistry.Registrar, None);

        var error = await Should.ThrowAsync<GmPkiException>(() => _registry.Steps.ReviewMaterialsAsync(application.Id, new MaterialsReviewInput(null!), null, TestRegistry.Registrar, None));

        error.Error.ShouldBe(Errors.StepInvalid);
    }

    [Fact]
    public async Task A_step_refuses_evidence_with_a_line_break_in_its_name_and_records_nothing()
    {
        var (_, application) = await _registry.OpenAsync(TestRegistry.Person());

        var error = await Should.ThrowAsync<GmPkiException>(() => _registry.Steps.VerifyIdentityAsync(application.Id,
            new IdentityVerificationInput("in-person", true, "resident identity card"), [TestRegistry.Scan("a.pdf\r\nContent-Type: text/html")], TestRegistry.Registrar, None));

        error.Error.ShouldBe(Errors.EvidenceInvalid);
        (await _registry.Ledger.FindApplicationAsync(application.Id, None))!.Steps.ShouldBeEmpty();
    }
}
