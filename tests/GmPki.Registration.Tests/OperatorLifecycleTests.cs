using GmPki.Core.Errors;
using GmPki.Core.Ledger;
using GmPki.Core.Security;
using GmPki.Registration.Agencies;
using GmPki.Registration.Operators;
using Microsoft.Extensions.Caching.Memory;

namespace GmPki.Registration.Tests;

/// <summary>
/// Operator credentials disabled, enabled, rotated and expired, seen by two nodes (two
/// <see cref="OperatorAccounts"/> with their own caches) sharing one database: the node that makes
/// the change refuses at once, the other within <see cref="OperatorAccounts.CacheLifetime"/> (30 s).
/// </summary>
public sealed class OperatorLifecycleTests : IAsyncLifetime
{
    private static readonly Actor Administrator = new("operator:admin", OperatorRole.CaAdministrator.ToName(), "req-admin");
    private readonly Clock _clock = new();
    private TestRegistry _registry = null!;
    private OperatorAccounts _nodeA = null!;
    private OperatorAccounts _nodeB = null!;

    public async Task InitializeAsync()
    {
        _registry = await TestRegistry.CreateAsync();
        _nodeA = Node();
        _nodeB = Node();
    }

    public async Task DisposeAsync() => await _registry.DisposeAsync();

    [Fact]
    public async Task Disable_OnNodeA_RefusedThereAtOnce_AndOnNodeBWithin30Seconds_ThenEnabledAgain()
    {
        var key = await _nodeA.CreateAsync("alice", OperatorRole.Registrar, Administrator, default);
        (await _nodeB.AuthenticateAsync(key, default)).ShouldNotBeNull();

        await _nodeA.SetDisabledAsync("alice", true, Administrator, default);
        var onA = await Should.ThrowAsync<GmPkiException>(() => _nodeA.AuthenticateAsync(key, default));
        _clock.Advance(OperatorAccounts.CacheLifetime - TimeSpan.FromSeconds(1));
        var onBStillCached = await _nodeB.AuthenticateAsync(key, default);
        _clock.Advance(TimeSpan.FromSeconds(1));
        var onB = await Should.ThrowAsync<GmPkiException>(() => _nodeB.AuthenticateAsync(key, default));
        await _nodeB.SetDisabledAsync("alice", false, Administrator, default);
        var enabledOnB = await _nodeB.AuthenticateAsync(key, default);

        onA.Error.ShouldBe(Errors.OperatorDisabled);
        onBStillCached.ShouldNotBeNull();
        onB.Error.ShouldBe(Errors.OperatorDisabled);
        ErrorCatalogue.StatusOf(onB.Error.Kind).ShouldBe(401);
        enabledOnB.ShouldNotBeNull().Name.ShouldBe("alice");
        var actions = (await _registry.Audit.RecentAsync(20, default)).Select(e => (e.Action, e.Target)).ToList();
        actions.ShouldContain(("operator.disabled", "operator:alice"));
        actions.ShouldContain(("operator.enabled", "operator:alice"));
    }

    [Fact]
    public async Task Rotate_OldKeyRefusedOnBothNodesWithin30Seconds_NewKeyExpiresExactly()
    {
        var old = await _nodeA.CreateAsync("bob", OperatorRole.Reviewer, Administrator, default);
        (await _nodeB.AuthenticateAsync(old, default)).ShouldNotBeNull();

        var expiry = _clock.GetUtcNow().UtcDateTime.AddHours(1);
        var fresh = await _nodeA.RotateAsync("bob", expiry, Administrator, default);
        var oldOnA = await _nodeA.AuthenticateAsync(old, default);
        _clock.Advance(OperatorAccounts.CacheLifetime);
        var oldOnB = await _nodeB.AuthenticateAsync(old, default);
        var freshOnB = await _nodeB.AuthenticateAsync(fresh, default);
        _clock.Advance(TimeSpan.FromHours(1));
        var expired = await Should.ThrowAsync<GmPkiException>(() => _nodeB.AuthenticateAsync(fresh, default));

        fresh.ShouldNotBe(old);
        oldOnA.ShouldBeNull();
        oldOnB.ShouldBeNull();
        freshOnB.ShouldNotBeNull().ExpiresAt.ShouldBe(expiry);
        expired.Error.ShouldBe(Errors.OperatorKeyExpired);
        (await _registry.Audit.RecentAsync(20, default)).ShouldContain(e => e.Action == "operator.key-rotated" && e.Target == "operator:bob");
    }

    [Fact]
    public async Task Lifecycle_UnknownOperatorPastExpiryOrSelfDisable_Refused()
    {
        await _nodeA.CreateAsync("carol", OperatorRole.CaAdministrator, Administrator, default);

        var unknown = await Should.ThrowAsync<GmPkiException>(() => _nodeA.SetDisabledAsync("nobody", true, Administrator, default));
        var past = await Should.ThrowAsync<GmPkiException>(() => _nodeA.RotateAsync("carol", _clock.GetUtcNow().UtcDateTime, Administrator, default));
        var self = await Should.ThrowAsync<GmPkiException>(() => _nodeA.SetDisabledAsync("carol", true, new Actor("operator:carol", "ca-administrator", null), default));

        unknown.Error.ShouldBe(Errors.OperatorNotFound);
        past.Error.ShouldBe(Errors.RequestInvalid);
        self.Error.ShouldBe(Errors.RequestInvalid);
        (await _nodeA.FindAsync("carol", default)).Disabled.ShouldBeFalse();
    }

    private OperatorAccounts Node() => new(_registry.Operators, _registry.AgencyStore, new DelegationPolicy(true), _clock, new MemoryCache(new MemoryCacheOptions()));

    private sealed class Clock : TimeProvider
    {
        private DateTimeOffset _now = new(2027, 3, 1, 8, 0, 0, TimeSpan.Zero);

        public override DateTimeOffset GetUtcNow() => _now;

        public void Advance(TimeSpan by) => _now += by;
    }
}
