using System.Security.Claims;
using GmPki.Core.Security;
using GmPki.Registration.Workflow;

namespace GmPki.Server.Http;

/// <summary>The registration actor of a request, from the claims <see cref="ApiKeyAuthentication"/> set.</summary>
internal static class RegistrationActors
{
    /// <summary>Claim naming the application an applicant's access token belongs to.</summary>
    public const string ApplicationClaim = "gmpki:application";

    /// <summary>Claim naming an operator's delegated agency.</summary>
    public const string AgencyClaim = "gmpki:agency";

    /// <summary>An operator, the applicant of one application, or an anonymous online applicant (no role, no application).</summary>
    public static RegistrationActor Of(HttpContext context)
    {
        var user = context.User;
        if (user.FindFirst(ApplicationClaim)?.Value is { } application)
        {
            return RegistrationActor.Applicant(Guid.Parse(application), context.TraceIdentifier);
        }

        if (user.Identity?.IsAuthenticated == true && OperatorRoles.TryParse(user.FindFirst(ClaimTypes.Role)?.Value, out var role))
        {
            return RegistrationActor.Operator("operator:" + user.Identity.Name, role.Value, user.FindFirst(AgencyClaim)?.Value, context.TraceIdentifier);
        }

        return new RegistrationActor("applicant:online", null, null, null, context.TraceIdentifier);
    }
}
