using GmPki.Core.Security;

namespace GmPki.Core.Ledger;

/// <summary>An operator account that authenticates with an API key.</summary>
/// <param name="Name">Unique account name.</param>
/// <param name="Role">The operator's role.</param>
/// <param name="ApiKeyHash">Lowercase hex SM3 hash of the API key; the key itself is never stored.</param>
/// <param name="CreatedAt">UTC creation instant.</param>
/// <param name="Disabled">Disabled accounts cannot authenticate.</param>
public sealed record OperatorRecord(string Name, OperatorRole Role, string ApiKeyHash, DateTime CreatedAt, bool Disabled);
