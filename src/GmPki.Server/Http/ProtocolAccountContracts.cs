using GmPki.Core.Registration;

namespace GmPki.Server.Http;

/// <summary>Creates a protocol account (<c>POST /api/v1/protocol-accounts</c>).</summary>
/// <param name="Protocol">est (cmp and acme are planned).</param>
/// <param name="Name">Account name: 1–64 of a-z 0-9 . _ -.</param>
/// <param name="Profile">The profile it enrolls for.</param>
/// <param name="BasisApplicationId">A completed new, renew or change application of the subscriber, done at the desk.</param>
public sealed record ProtocolAccountBody(string Protocol, string Name, string Profile, Guid BasisApplicationId);

/// <summary>A protocol account (never its secret).</summary>
/// <param name="Protocol">est, cmp or acme.</param>
/// <param name="Name">Account name.</param>
/// <param name="SubscriberId">The holder.</param>
/// <param name="Profile">The profile it enrolls for.</param>
/// <param name="BasisApplicationId">The desk application its enrollments rely on.</param>
/// <param name="CreatedBy">Who created it.</param>
/// <param name="Agency">That operator's agency.</param>
/// <param name="CreatedAt">UTC.</param>
/// <param name="Disabled">Whether it is disabled.</param>
public sealed record ProtocolAccountView(string Protocol, string Name, Guid SubscriberId, string Profile, Guid BasisApplicationId, string CreatedBy, string? Agency, DateTime CreatedAt, bool Disabled)
{
    /// <summary>From the domain record.</summary>
    public static ProtocolAccountView From(ProtocolAccount a) => new(
        KebabNames.Of(a.Protocol), a.Name, a.SubscriberId, a.Profile, a.BasisApplicationId, a.CreatedBy, a.Agency, a.CreatedAt, a.Disabled);
}

/// <summary>A new account with its secret, shown once.</summary>
/// <param name="Account">The account.</param>
/// <param name="Secret">The secret: for EST, the HTTP Basic password with the account name as user.</param>
public sealed record CreatedProtocolAccountView(ProtocolAccountView Account, string Secret);
