using GmPki.Core.Ledger;

namespace GmPki.Core.Enrollment;

/// <summary>The tables of the ACME objects (RFC 8555 §7.1).</summary>
public enum AcmeTable
{
    /// <summary><c>acme_accounts</c>: owner is the RFC 7638 thumbprint of the account key.</summary>
    Accounts,

    /// <summary><c>acme_orders</c>: owner is the account.</summary>
    Orders,

    /// <summary><c>acme_authorizations</c>: owner is the order.</summary>
    Authorizations,

    /// <summary><c>acme_challenges</c>: owner is the authorization.</summary>
    Challenges,
}

/// <summary>One stored ACME object.</summary>
/// <param name="Table">Where it lives.</param>
/// <param name="Id">Its identifier (the last segment of its URL).</param>
/// <param name="Owner">What it belongs to (see <see cref="AcmeTable"/>); unique for accounts.</param>
/// <param name="Status">Its RFC 8555 status (<c>pending</c>, <c>valid</c>, …).</param>
/// <param name="Document">The object's state as JSON (the server's own shape).</param>
/// <param name="UpdatedAt">When it was last written (UTC).</param>
public sealed record AcmeRow(AcmeTable Table, string Id, string Owner, string Status, string Document, DateTime UpdatedAt);

/// <summary>A guarded change: <see cref="Row"/> replaces the stored object only while its status is still <see cref="ExpectedStatus"/>.</summary>
public sealed record AcmeUpdate(AcmeRow Row, string ExpectedStatus);

/// <summary>
/// Storage of the ACME server's state (docs/protocols.md, ACME): accounts, orders, authorizations,
/// challenges, and the anti-replay nonces (RFC 8555 §6.5). Writes are all-or-nothing, together
/// with their audit event.
/// </summary>
public interface IAcmeStore
{
    /// <summary>Inserts and updates rows in one write.</summary>
    /// <returns>False when nothing was kept: an id or account key taken already, or a guarded update whose row changed status meanwhile.</returns>
    Task<bool> WriteAsync(IReadOnlyList<AcmeRow> inserts, IReadOnlyList<AcmeUpdate> updates, AuditEvent? audit, CancellationToken cancellationToken);

    /// <summary>The row <paramref name="id"/> of <paramref name="table"/>, or null.</summary>
    Task<AcmeRow?> FindAsync(AcmeTable table, string id, CancellationToken cancellationToken);

    /// <summary>The rows of <paramref name="table"/> owned by <paramref name="owner"/>, in id order.</summary>
    Task<IReadOnlyList<AcmeRow>> OwnedByAsync(AcmeTable table, string owner, CancellationToken cancellationToken);

    /// <summary>Stores a fresh nonce valid until <paramref name="expiresAt"/>, and forgets expired ones.</summary>
    Task AddNonceAsync(string nonce, DateTime expiresAt, DateTime now, CancellationToken cancellationToken);

    /// <summary>Uses up a nonce: true once for a stored, unexpired nonce, false otherwise (RFC 8555 §6.5 <c>badNonce</c>).</summary>
    Task<bool> ConsumeNonceAsync(string nonce, DateTime now, CancellationToken cancellationToken);
}
