using GmPki.Core.Enrollment;

namespace GmPki.Storage.Acme;

/// <summary>Row of the tables <c>acme_accounts</c>, <c>acme_orders</c>, <c>acme_authorizations</c> and <c>acme_challenges</c> (one shape, see <see cref="AcmeTable"/>).</summary>
internal sealed class AcmeRowEntity
{
    public required string Id { get; set; }

    public required string Owner { get; set; }

    public required string Status { get; set; }

    public required string Document { get; set; }

    public DateTime UpdatedAt { get; set; }
}

/// <summary>Row of table <c>acme_nonces</c>: a nonce handed out and not used yet (RFC 8555 §6.5).</summary>
internal sealed class AcmeNonceEntity
{
    public required string Nonce { get; set; }

    public DateTime ExpiresAt { get; set; }
}
