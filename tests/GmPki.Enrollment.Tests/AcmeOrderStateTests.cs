using GmPki.Core.Enrollment;
using GmPki.Enrollment.Acme;

namespace GmPki.Enrollment.Tests;

/// <summary>
/// The order state machine (RFC 8555 §7.1.6): a pending order becomes ready once every one of its
/// authorizations is valid, not before; a guarded write loses to a concurrent change of status.
/// </summary>
public class AcmeOrderStateTests
{
    private readonly AcmeObjects _objects = new(new MemoryAcmeStore(), TimeProvider.System);

    [Fact]
    public async Task Ready_AllAuthorizationsValid_PendingOrderBecomesReady()
    {
        var order = await OrderAsync(AcmeStatus.Valid, AcmeStatus.Valid);

        var ready = await AcmeFinalization.ReadyAsync(_objects, order, CancellationToken.None);

        ready.Status.ShouldBe(AcmeStatus.Ready);
        (await _objects.FindAsync<AcmeOrderState>(AcmeTable.Orders, order.Id, CancellationToken.None))!.Status.ShouldBe(AcmeStatus.Ready);
    }

    [Fact]
    public async Task Ready_OneAuthorizationPending_OrderStaysPending()
    {
        var order = await OrderAsync(AcmeStatus.Valid, AcmeStatus.Pending);

        var unchanged = await AcmeFinalization.ReadyAsync(_objects, order, CancellationToken.None);

        unchanged.Status.ShouldBe(AcmeStatus.Pending);
        (await _objects.FindAsync<AcmeOrderState>(AcmeTable.Orders, order.Id, CancellationToken.None))!.Status.ShouldBe(AcmeStatus.Pending);
    }

    [Fact]
    public async Task Write_UpdateOfAnOrderWhoseStatusChangedMeanwhile_IsAConflictAndKeepsTheStoredOne()
    {
        var order = await OrderAsync(AcmeStatus.Valid);
        await _objects.WriteAsync([], [_objects.Update(order, AcmeStatus.Invalid, order.State)], null, CancellationToken.None);

        var conflict = await Should.ThrowAsync<Core.Errors.GmPkiException>(() => _objects.WriteAsync([], [_objects.Update(order, AcmeStatus.Ready, order.State)], null, CancellationToken.None));

        conflict.Error.ShouldBe(AcmeErrors.Conflict);
        (await _objects.FindAsync<AcmeOrderState>(AcmeTable.Orders, order.Id, CancellationToken.None))!.Status.ShouldBe(AcmeStatus.Invalid);
    }

    /// <summary>A pending order of account <c>a1</c> with one authorization per given status.</summary>
    private async Task<AcmeObject<AcmeOrderState>> OrderAsync(params string[] authorizationStatuses)
    {
        var orderId = AcmeObjects.NewId();
        var expires = _objects.Now.AddDays(7);
        var rows = authorizationStatuses.Select((status, i) => _objects.Row(AcmeTable.Authorizations, AcmeObjects.NewId(), orderId, status,
            new AcmeAuthorizationState(new AcmeIdentifier("dns", $"host{i}.example"), false, expires, []))).ToList();
        var identifiers = rows.Select((_, i) => new AcmeIdentifier("dns", $"host{i}.example")).ToList();
        rows.Add(_objects.Row(AcmeTable.Orders, orderId, "a1", AcmeStatus.Pending, new AcmeOrderState(identifiers, [.. rows.Select(r => r.Id)], expires, null, null, null)));
        await _objects.WriteAsync(rows, [], null, CancellationToken.None);
        return (await _objects.FindAsync<AcmeOrderState>(AcmeTable.Orders, orderId, CancellationToken.None))!;
    }
}
