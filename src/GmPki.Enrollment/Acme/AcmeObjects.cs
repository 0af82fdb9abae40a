using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text.Json;
using GmPki.Core.Ledger;
using GmPki.Core.Enrollment;

namespace GmPki.Enrollment.Acme;

/// <summary>Typed access to the stored ACME objects (<see cref="IAcmeStore"/>): state as JSON, ownership checked up to the account.</summary>
internal sealed class AcmeObjects(IAcmeStore store, TimeProvider clock)
{
    /// <summary>The store's clock.</summary>
    public DateTime Now => clock.GetUtcNow().UtcDateTime;

    /// <summary>A fresh object identifier or token: 128 random bits, base64url.</summary>
    public static string NewId() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(16));

    /// <summary>A row holding <paramref name="state"/>.</summary>
    public AcmeRow Row<T>(AcmeTable table, string id, string owner, string status, T state)
        => new(table, id, owner, status, JsonSerializer.Serialize(state, AcmeResponses.Json), Now);

    /// <summary>The object <paramref name="id"/> of <paramref name="table"/>, or null.</summary>
    public async Task<AcmeObject<T>?> FindAsync<T>(AcmeTable table, string id, CancellationToken cancellationToken)
        => await store.FindAsync(table, id, cancellationToken) is { } row ? Read<T>(row) : null;

    /// <summary>The objects owned by <paramref name="owner"/>.</summary>
    public async Task<IReadOnlyList<AcmeObject<T>>> OwnedByAsync<T>(AcmeTable table, string owner, CancellationToken cancellationToken)
        => [.. (await store.OwnedByAsync(table, owner, cancellationToken)).Select(Read<T>)];

    /// <summary>The order <paramref name="id"/> of <paramref name="accountId"/>.</summary>
    /// <exception cref="Core.Errors.GmPkiException"><c>acme:malformed</c> (404) when there is none, <c>acme:unauthorized</c> when it is another account's.</exception>
    public async Task<AcmeObject<AcmeOrderState>> OrderAsync(string id, string accountId, CancellationToken cancellationToken)
    {
        var order = await FindAsync<AcmeOrderState>(AcmeTable.Orders, id, cancellationToken) ?? throw NotFound("order", id);
        return order.Row.Owner == accountId ? order : throw AcmeErrors.Unauthorized.With($"order {id} belongs to another account.");
    }

    /// <summary>The authorization <paramref name="id"/> and its order, of <paramref name="accountId"/>.</summary>
    /// <exception cref="Core.Errors.GmPkiException">As <see cref="OrderAsync"/>.</exception>
    public async Task<(AcmeObject<AcmeAuthorizationState> Authorization, AcmeObject<AcmeOrderState> Order)> AuthorizationAsync(string id, string accountId, CancellationToken cancellationToken)
    {
        var authorization = await FindAsync<AcmeAuthorizationState>(AcmeTable.Authorizations, id, cancellationToken) ?? throw NotFound("authorization", id);
        return (authorization, await OrderAsync(authorization.Row.Owner, accountId, cancellationToken));
    }

    /// <summary>Writes inserts and guarded updates (each expecting the status its object was read with) with an optional audit event.</summary>
    /// <exception cref="Core.Errors.GmPkiException"><c>acme:malformed</c> (409) when an object changed meanwhile or a key is taken.</exception>
    public async Task WriteAsync(IReadOnlyList<AcmeRow> inserts, IReadOnlyList<AcmeUpdate> updates, AuditEvent? audit, CancellationToken cancellationToken)
    {
        if (!await store.WriteAsync(inserts, updates, audit, cancellationToken))
        {
            throw AcmeErrors.Conflict.With("the object changed meanwhile (a concurrent request); fetch it and try again.");
        }
    }

    /// <summary>The guarded update of <paramref name="current"/> to <paramref name="status"/> and <paramref name="state"/>.</summary>
    public AcmeUpdate Update<T>(AcmeObject<T> current, string status, T state, string? owner = null)
        => new(Row(current.Row.Table, current.Id, owner ?? current.Row.Owner, status, state), current.Status);

    private static AcmeObject<T> Read<T>(AcmeRow row) => new(row, JsonSerializer.Deserialize<T>(row.Document, AcmeResponses.Json)!);

    private static Core.Errors.GmPkiException NotFound(string what, string id) => AcmeErrors.NotFound.With($"no {what} {id}.");
}
