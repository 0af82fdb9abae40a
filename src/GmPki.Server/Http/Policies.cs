using GmPki.Core.Security;
using Microsoft.AspNetCore.Authorization;

namespace GmPki.Server.Http;

/// <summary>
/// Authorization policies (the role × endpoint matrix is in <c>docs/api.md</c>).
/// </summary>
internal static class Policies
{
    /// <summary>May read operator-only listings: any authenticated operator.</summary>
    public const string Read = "read";

    /// <summary>Takes part in an application: any operator, or the applicant holding its access token.</summary>
    public const string Participant = "participant";

    /// <summary>Administers the CA's published documents: CA administrators.</summary>
    public const string Administer = "administer";

    /// <summary>Works the registration desk (registers subscribers, runs the counter flow): registrars and agency operators.</summary>
    public const string Desk = "desk";

    /// <summary>Reads personal data (subscribers' identity numbers, evidence files): registrars, reviewers, agency operators (their own agency's only).</summary>
    public const string PersonalData = "personal-data";

    /// <summary>Supervises delegated agencies (reads, reports): CA administrators, audit officers, inspectors.</summary>
    public const string Supervise = "supervise";

    /// <summary>Unseals and seals the key management centre with the custodians' shares: security officers.</summary>
    public const string KeyCustody = "key-custody";

    /// <summary>Registers the policies.</summary>
    public static void Add(AuthorizationOptions options)
    {
        options.AddPolicy(Read, policy => policy.RequireAuthenticatedUser().RequireAssertion(c => !c.User.HasClaim(x => x.Type == RegistrationActors.ApplicationClaim)));
        options.AddPolicy(Participant, policy => policy.RequireAuthenticatedUser());
        options.AddPolicy(Administer, policy => policy.RequireRole(OperatorRole.CaAdministrator.ToName()));
        options.AddPolicy(Desk, policy => policy.RequireRole(OperatorRole.Registrar.ToName(), OperatorRole.AgencyOperator.ToName()));
        options.AddPolicy(PersonalData, policy => policy.RequireRole(OperatorRole.Registrar.ToName(), OperatorRole.Reviewer.ToName(), OperatorRole.AgencyOperator.ToName()));
        options.AddPolicy(KeyCustody, policy => policy.RequireRole(OperatorRole.SecurityOfficer.ToName()));
        options.AddPolicy(Supervise, policy => policy.RequireRole(OperatorRole.CaAdministrator.ToName(), OperatorRole.AuditOfficer.ToName(), OperatorRole.Inspector.ToName()));
    }
}
