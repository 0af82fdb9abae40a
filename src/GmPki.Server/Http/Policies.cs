using GmPki.Core.Security;
using Microsoft.AspNetCore.Authorization;

namespace GmPki.Server.Http;

/// <summary>
/// Authorization policies (the role × endpoint matrix is in <c>docs/api.md</c>).
/// </summary>
internal static class Policies
{
    /// <summary>May request certificate issuance: registrars and CA administrators.</summary>
    public const string Issue = "issue";

    /// <summary>May read operator-only listings: any authenticated operator.</summary>
    public const string Read = "read";

    /// <summary>Registers the policies.</summary>
    public static void Add(AuthorizationOptions options)
    {
        options.AddPolicy(Issue, policy => policy.RequireRole(OperatorRole.Registrar.ToName(), OperatorRole.CaAdministrator.ToName()));
        options.AddPolicy(Read, policy => policy.RequireAuthenticatedUser());
    }
}
