using GmPki.Core.Errors;
using GmPki.Core.Registration;
using GmPki.Core.Security;
using GmPki.Registration.Agencies;
using GmPki.Registration.Workflow;

namespace GmPki.Registration.Tests;

/// <summary>Agency operators record steps only within their delegation (M24 §25, D §22).</summary>
public sealed class AgencyGateTests
{
    private static readonly CancellationToken None = CancellationToken.None;
    private static readonly RegistrationActor AgencyOperator = RegistrationActor.Operator("operator:hz-zhao", OperatorRole.AgencyOperator, "hz-desk", null);

    [Fact]
    public async Task With_delegation_switched_off_an_agency_operator_cannot_act()
    {
        await using var registry = await TestRegistry.CreateAsync(delegation: false);
        (await Should.ThrowAsync<GmPkiException>(() => registry.Subscribers.RegisterAsync(TestRegistry.Person(), AgencyOperator, selfService: false, None)))
            .Error.ShouldBe(Errors.AgencyScopeViolated);
    }

    [Fact]
    public async Task An_operator_of_an_unregistered_agency_cannot_act()
    {
        await using var registry = await TestRegistry.CreateAsync();
        (await Should.ThrowAsync<GmPkiException>(() => registry.Subscribers.RegisterAsync(TestRegistry.Person(), AgencyOperator, selfService: false, None)))
            .Error.ShouldBe(Errors.AgencyScopeViolated);
    }

    [Fact]
    public async Task An_agency_registers_only_within_its_scope_and_stops_when_suspended()
    {
        await using var registry = await TestRegistry.CreateAsync();
        var administrator = RegistrationActor.Operator("operator:admin", OperatorRole.CaAdministrator, null, null);
        var scope = new AgencyScope(["personal"], [SubscriberType.Individual], ["110105"]);
        await registry.Agencies.RegisterAsync("hz-desk", new AgencyInput("杭州受理点", "赵六", ["杭州市西湖区某路 1 号"], scope, new DateOnly(2026, 1, 1)), administrator, None);

        var person = await registry.Subscribers.RegisterAsync(TestRegistry.Person(), AgencyOperator, selfService: false, None);
        person.Agency.ShouldBe("hz-desk");
        (await Should.ThrowAsync<GmPkiException>(() => registry.Subscribers.RegisterAsync(TestRegistry.Department(), AgencyOperator, selfService: false, None)))
            .Error.ShouldBe(Errors.AgencyScopeViolated);
        (await Should.ThrowAsync<GmPkiException>(() => registry.Applications.OpenAsync(
            new ApplicationInput(ApplicationKind.New, person.Id, "organization", Csrs.Der("CN=张三,O=某公司"), null, null), AgencyOperator, false, None)))
            .Error.ShouldBe(Errors.AgencyScopeViolated);
        var opened = await registry.Applications.OpenAsync(new ApplicationInput(ApplicationKind.New, person.Id, "personal", Csrs.Der("CN=张三"), null, null), AgencyOperator, false, None);
        opened.Application.Agency.ShouldBe("hz-desk");

        await registry.Agencies.SetSuspendedAsync("hz-desk", true, "年度检查未通过", administrator, None);
        (await Should.ThrowAsync<GmPkiException>(() => registry.Steps.VerifyIdentityAsync(opened.Application.Id,
            new IdentityVerificationInput("in-person", true, "card"), null, AgencyOperator, None))).Error.ShouldBe(Errors.AgencyScopeViolated);
    }
}
