using GmPki.Core.Ledger;
using GmPki.Core.Registration;
using GmPki.Registration.Workflow;

namespace GmPki.Registration.Tests;

/// <summary>
/// A renewal (更新) revokes the renewed certificate with reason superseded in the write that records
/// the new certificate's fulfilment (profile setting <c>SupersedeOnRenewal</c>, default on) — also
/// when the process stopped between issuance and that write and the fulfilment is retried.
/// </summary>
public sealed class RenewalSupersedesTests : IAsyncLifetime
{
    private static readonly CancellationToken None = CancellationToken.None;
    private TestRegistry _registry = null!;

    public async Task InitializeAsync() => _registry = await TestRegistry.CreateAsync();

    public async Task DisposeAsync() => await _registry.DisposeAsync();

    [Fact]
    public async Task A_renewal_revokes_the_old_certificate_as_superseded_and_records_it_in_the_step()
    {
        var (old, subscriber) = await IssueAsync(_registry);

        var renewed = await _registry.Counter.RunAsync(Renewal(subscriber, old), TestRegistry.Registrar, None);

        renewed.State.ShouldBe(ApplicationState.Completed);
        renewed.ResultSerial.ShouldNotBe(old);
        await ShouldBeSupersededAsync(_registry, old);
        (await _registry.Certificates.FindAsync(renewed.ResultSerial!, None))!.Status.ShouldBe(CertificateStatus.Good);
        renewed.Steps.Single(s => s.Step == WorkflowStep.Fulfilment).Details.ShouldContain($"\"superseded\":\"{old}\"");
    }

    [Fact]
    public async Task A_renewal_retried_after_a_crash_between_issuance_and_the_step_supersedes_once_and_issues_once()
    {
        var (old, subscriber) = await IssueAsync(_registry);
        Guid? crashed = null;
        _registry.Fulfilment.AfterIssuance = application =>
        {
            crashed = application;
            throw new OperationCanceledException("process killed between issuance and the fulfilment step (test fault point)");
        };
        await Should.ThrowAsync<OperationCanceledException>(() => _registry.Counter.RunAsync(Renewal(subscriber, old), TestRegistry.Registrar, None));
        _registry.Fulfilment.AfterIssuance = null;
        var id = crashed.ShouldNotBeNull();
        (await _registry.Certificates.FindAsync(old, None))!.Status.ShouldBe(CertificateStatus.Good, "nothing was revoked without the fulfilment step");

        var retried = await _registry.Fulfilment.FulfilAsync(id, TestRegistry.Registrar, None);

        retried.State.ShouldBe(ApplicationState.Fulfilled);
        (await _registry.Certificates.FindIssuedForApplicationAsync(id, None)).ShouldHaveSingleItem().SerialHex.ShouldBe(retried.ResultSerial);
        await ShouldBeSupersededAsync(_registry, old);
        await Should.ThrowAsync<Core.Errors.GmPkiException>(() => _registry.Fulfilment.FulfilAsync(id, TestRegistry.Registrar, None));
    }

    [Fact]
    public async Task A_profile_with_SupersedeOnRenewal_off_keeps_the_old_certificate_good()
    {
        await using var registry = await TestRegistry.CreateAsync(profiles: p => p["personal"].SupersedeOnRenewal = false);
        var (old, subscriber) = await IssueAsync(registry);

        var renewed = await registry.Counter.RunAsync(Renewal(subscriber, old), TestRegistry.Registrar, None);

        renewed.State.ShouldBe(ApplicationState.Completed);
        (await registry.Certificates.FindAsync(old, None))!.Status.ShouldBe(CertificateStatus.Good);
        renewed.Steps.Single(s => s.Step == WorkflowStep.Fulfilment).Details.ShouldContain("\"superseded\":null");
    }

    private static async Task<(string Serial, Subscriber Subscriber)> IssueAsync(TestRegistry registry)
    {
        var issued = await registry.Counter.RunAsync(Counter.Request(TestRegistry.Person()), TestRegistry.Registrar, None);
        return (issued.ResultSerial!, (await registry.Ledger.FindSubscriberAsync(issued.SubscriberId, None))!);
    }

    private static CounterRequest Renewal(Subscriber subscriber, string serial)
        => Counter.Act(ApplicationKind.Renew, subscriber, serial) with { CertificationRequest = Csrs.Der("CN=" + subscriber.Name) };

    private static async Task ShouldBeSupersededAsync(TestRegistry registry, string serial)
    {
        var entry = (await registry.Directory.FindAsync(null, serial, None)).ShouldNotBeNull();
        entry.Certificate.Status.ShouldBe(CertificateStatus.Revoked);
        entry.Reason.ShouldBe("superseded");
    }
}
