using GmPki.Core.Registration;
using GmPki.Registration.Workflow;

namespace GmPki.Registration.Tests;

/// <summary>
/// A process that stops after the CA stored a certificate but before the fulfilment step was written
/// (the fault point <see cref="FulfilmentDesk.AfterIssuance"/> stands for the kill) leaves the
/// application approved; the retried fulfilment records the step with that certificate and issues nothing.
/// </summary>
public sealed class FulfilmentCrashTests : IAsyncLifetime
{
    private static readonly CancellationToken None = CancellationToken.None;
    private TestRegistry _registry = null!;

    public async Task InitializeAsync() => _registry = await TestRegistry.CreateAsync();

    public async Task DisposeAsync() => await _registry.DisposeAsync();

    [Fact]
    public async Task A_retried_issuance_records_the_certificate_issued_before_the_crash()
    {
        var id = await CrashAsync(Counter.Request(TestRegistry.Person()));
        var stored = (await _registry.Certificates.FindIssuedForApplicationAsync(id, None)).ShouldHaveSingleItem();
        var stopped = (await _registry.Ledger.FindApplicationAsync(id, None))!;
        stopped.State.ShouldBe(ApplicationState.Approved);
        stopped.ResultSerial.ShouldBeNull();

        var retried = await _registry.Fulfilment.FulfilAsync(id, TestRegistry.Registrar, None);

        retried.State.ShouldBe(ApplicationState.Fulfilled);
        retried.ResultSerial.ShouldBe(stored.SerialHex);
        (await _registry.Certificates.FindIssuedForApplicationAsync(id, None)).ShouldHaveSingleItem().SerialHex.ShouldBe(stored.SerialHex);
        retried.Steps.Single(s => s.Step == WorkflowStep.Fulfilment).Details.ShouldContain(stored.SerialHex);
    }

    [Fact]
    public async Task A_retried_extension_issues_no_second_certificate()
    {
        var issued = await _registry.Counter.RunAsync(Counter.Request(TestRegistry.Person()), TestRegistry.Registrar, None);
        var subscriber = (await _registry.Ledger.FindSubscriberAsync(issued.SubscriberId, None))!;
        var id = await CrashAsync(Counter.Act(ApplicationKind.Extend, subscriber, issued.ResultSerial!));
        var stored = (await _registry.Certificates.FindIssuedForApplicationAsync(id, None)).ShouldHaveSingleItem();

        var retried = await _registry.Fulfilment.FulfilAsync(id, TestRegistry.Registrar, None);

        retried.ResultSerial.ShouldBe(stored.SerialHex);
        retried.ResultSerial.ShouldNotBe(issued.ResultSerial);
        (await _registry.Certificates.FindIssuedForApplicationAsync(id, None)).Count.ShouldBe(1);
    }

    [Fact]
    public async Task Without_a_crash_each_application_has_exactly_its_own_certificate()
    {
        var first = await _registry.Counter.RunAsync(Counter.Request(TestRegistry.Person()), TestRegistry.Registrar, None);
        var second = await _registry.Counter.RunAsync(Counter.Request(TestRegistry.Person("李四")), TestRegistry.Registrar, None);

        (await _registry.Certificates.FindIssuedForApplicationAsync(first.Id, None)).ShouldHaveSingleItem().SerialHex.ShouldBe(first.ResultSerial);
        (await _registry.Certificates.FindIssuedForApplicationAsync(second.Id, None)).ShouldHaveSingleItem().SerialHex.ShouldBe(second.ResultSerial);
    }

    /// <summary>Runs <paramref name="request"/> at the counter with the process "killed" between the CA's write and the step's; returns the application.</summary>
    private async Task<Guid> CrashAsync(CounterRequest request)
    {
        Guid? crashed = null;
        _registry.Fulfilment.AfterIssuance = application =>
        {
            crashed = application;
            throw new OperationCanceledException("process killed between issuance and the fulfilment step (test fault point)");
        };
        await Should.ThrowAsync<OperationCanceledException>(() => _registry.Counter.RunAsync(request, TestRegistry.Registrar, None));
        _registry.Fulfilment.AfterIssuance = null;
        return crashed.ShouldNotBeNull();
    }
}
