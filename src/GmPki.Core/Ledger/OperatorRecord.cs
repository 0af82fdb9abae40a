using GmPki.Core.Security;

namespace GmPki.Core.Ledger;

/// <summary>An operator account that authenticates with an API key.</summary>
/// <param name="Name">Unique account name.</param>
/// <param name="Role">The operator's role.</param>
/// <param name="ApiKeyHash">Lowercase hex SM3 hash of the API key; the key itself is never stored.</param>
/// <param name="CreatedAt">UTC creation instant.</param>
/// <param name="Disabled">Disabled accounts cannot authenticate.</param>
/// <param name="Agency">For agency operators: the code of their delegated agency; null otherwise.</param>
/// <param name="PersonId">
/// The person holding the account: lowercase hex SM3 of their upper-cased identity number, so
/// that one person cannot hold two of the 三员 roles under different accounts; null when not recorded.
/// </param>
/// <param name="ClientCertificateSha256">Lowercase hex SHA-256 of the DER TLS client certificate (SM2, ECDSA or RSA) the operator may authenticate with, or null.</param>
/// <param name="ExpiresAt">UTC instant from which the API key no longer authenticates, or null for a key without expiry.</param>
public sealed record OperatorRecord(
    string Name, OperatorRole Role, string ApiKeyHash, DateTime CreatedAt, bool Disabled, string? Agency = null, string? PersonId = null, string? ClientCertificateSha256 = null,
    DateTime? ExpiresAt = null)
{
    /// <summary>Whether the API key has expired at <paramref name="now"/> (UTC).</summary>
    public bool IsExpiredAt(DateTime now) => ExpiresAt is { } expiry && now >= expiry;
}
