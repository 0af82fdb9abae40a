using GmPki.Core.Errors;
using GmPki.Core.Ledger;
using GmPki.Core.Registration;
using GmPki.Core.Security;
using GmPki.Registration.Workflow;

namespace GmPki.Registration.Tests;

/// <summary>The two-person rule of the government-staff profile: the approver is a reviewer and not the identity verifier, by account or by person.</summary>
public sealed class TwoPersonRuleTests : IAsyncLifetime
{
    private const string Organization = "某市人民政府办公室";
    private static readonly CancellationToken None = CancellationToken.None;
    private TestRegistry _registry = null!;

    public async Task InitializeAsync() => _registry = await TestRegistry.CreateAsync();

    public async Task DisposeAsync() => await _registry.DisposeAsync();

    [Fact]
    public async Task The_application_carries_the_profiles_rule()
        => (await AwaitingApprovalAsync(TestRegistry.Registrar)).TwoPersonRule.ShouldBeTrue();

    [Fact]
    public async Task A_registrar_may_not_approve()
    {
        var application = await AwaitingApprovalAsync(TestRegistry.Registrar);
        (await Should.ThrowAsync<GmPkiException>(() => _registry.Decisions.DecideAsync(application.Id, new ApprovalInput(true, "ok"), TestRegistry.Registrar, None)))
            .Error.ShouldBe(Errors.Forbidden);
    }

    [Fact]
    public async Task The_reviewer_who_verified_the_identity_may_not_approve()
    {
        // A reviewer cannot record identity verification, so the verifier is an agency-less registrar account named like the reviewer.
        var verifier = RegistrationActor.Operator(TestRegistry.Reviewer.Name, OperatorRole.Registrar, null, null);
        var application = await AwaitingApprovalAsync(verifier);
        var error = await Should.ThrowAsync<GmPkiException>(() => _registry.Decisions.DecideAsync(application.Id, new ApprovalInput(true, "ok"), TestRegistry.Reviewer, None));
        error.Error.ShouldBe(Errors.TwoPersonRuleViolated);
        (await _registry.Ledger.FindApplicationAsync(application.Id, None))!.State.ShouldBe(ApplicationState.AwaitingApproval);
    }

    [Fact]
    public async Task Two_accounts_of_one_person_count_as_one()
    {
        await _registry.Operators.AddAsync(new OperatorRecord("registrar-li", OperatorRole.Registrar, "00", DateTime.UtcNow, false, PersonId: "110105196001010011"), Event("registrar-li"), None);
        await _registry.Operators.AddAsync(new OperatorRecord("reviewer-wang", OperatorRole.Reviewer, "01", DateTime.UtcNow, false, PersonId: "110105196001010011"), Event("reviewer-wang"), None);
        var application = await AwaitingApprovalAsync(TestRegistry.Registrar);
        (await Should.ThrowAsync<GmPkiException>(() => _registry.Decisions.DecideAsync(application.Id, new ApprovalInput(true, "ok"), TestRegistry.Reviewer, None)))
            .Error.ShouldBe(Errors.TwoPersonRuleViolated);
    }

    [Fact]
    public async Task Another_reviewer_approves_and_the_ca_issues()
    {
        var application = await AwaitingApprovalAsync(TestRegistry.Registrar);
        var approved = await _registry.Decisions.DecideAsync(application.Id, new ApprovalInput(true, "身份与授权核实无误"), TestRegistry.Reviewer, None);
        approved.State.ShouldBe(ApplicationState.Approved);
        approved.Steps[^1].Details.ShouldContain(TestRegistry.Registrar.Name);
        (await _registry.Fulfilment.FulfilAsync(application.Id, TestRegistry.Registrar, None)).ResultSerial.ShouldNotBeNull();
    }

    [Fact]
    public async Task The_counter_stops_awaiting_approval_under_the_rule()
    {
        var department = await _registry.Subscribers.RegisterAsync(TestRegistry.Department(Organization), TestRegistry.Registrar, selfService: false, None);
        var person = TestRegistry.Person("王五", department.Id);
        var result = await _registry.Counter.RunAsync(Counter.Request(person, "government-staff", $"CN=王五,O={Organization},OU={Organization}"), TestRegistry.Registrar, None);
        result.State.ShouldBe(ApplicationState.AwaitingApproval);
        result.ResultSerial.ShouldBeNull();
    }

    private static AuditEvent Event(string name) => new(DateTime.UtcNow, "operator.created", "operator:admin", "ca-administrator", "operator:" + name, "success", "{}", null);

    private async Task<CertificateApplication> AwaitingApprovalAsync(RegistrationActor verifier)
    {
        var department = await _registry.Subscribers.RegisterAsync(TestRegistry.Department(Organization), TestRegistry.Registrar, selfService: false, None);
        var (staff, application) = await _registry.OpenAsync(TestRegistry.Person("王五", department.Id), "government-staff", $"CN=王五,O={Organization},OU={Organization}");
        await _registry.ThroughWillAsync(staff, application, verifier);
        var checkedSubject = await _registry.Steps.CheckSubjectConsistencyAsync(application.Id, verifier, None);
        checkedSubject.State.ShouldBe(ApplicationState.AwaitingApproval);
        return checkedSubject;
    }
}
