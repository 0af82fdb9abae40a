using GmPki.Core.Ledger;
using GmPki.Core.Security;

namespace GmPki.Server.Http;

/// <summary>Rotates an operator's API key (<c>POST /api/v1/operators/{name}/rotate</c>).</summary>
/// <param name="ExpiresAt">UTC instant (RFC 3339) from which the new key stops working; null or absent for none.</param>
public sealed record OperatorRotationBody(DateTime? ExpiresAt);

/// <summary>An operator account (never its key).</summary>
/// <param name="Name">Account name.</param>
/// <param name="Role">Role (docs/api.md, Authorization).</param>
/// <param name="Agency">An agency operator's agency code; null for other roles.</param>
/// <param name="CreatedAt">UTC.</param>
/// <param name="Disabled">Whether the account is disabled.</param>
/// <param name="ExpiresAt">UTC expiry of the API key, or null for none.</param>
public sealed record OperatorView(string Name, string Role, string? Agency, DateTime CreatedAt, bool Disabled, DateTime? ExpiresAt)
{
    /// <summary>From the stored record.</summary>
    public static OperatorView From(OperatorRecord o) => new(o.Name, o.Role.ToName(), o.Agency, o.CreatedAt, o.Disabled, o.ExpiresAt);
}

/// <summary>A new API key, shown once.</summary>
/// <param name="Name">The operator.</param>
/// <param name="ApiKey">The new key (<c>gmpki_…</c>); the old one no longer works.</param>
/// <param name="ExpiresAt">UTC expiry of the new key, or null for none.</param>
public sealed record RotatedOperatorKeyView(string Name, string ApiKey, DateTime? ExpiresAt);
