using GmPki.Core.Ledger;
using GmPki.Core.Registration;
using GmPki.Core.Security;

namespace GmPki.Registration.Workflow;

/// <summary>
/// Who acts on the registration authority: an operator (with a role, possibly of a delegated
/// agency) or the applicant of one application (authenticated by that application's access token).
/// </summary>
/// <param name="Name">Audit name: <c>operator:{name}</c>, <c>cli:{user}</c> or <c>applicant:{application id}</c>.</param>
/// <param name="Role">The operator's role; null for an applicant.</param>
/// <param name="Agency">The operator's delegated agency, or null for the CA's own staff.</param>
/// <param name="ApplicantOf">For an applicant: the one application they may act on.</param>
/// <param name="RequestId">Correlation ID, or null.</param>
/// <param name="Protocol">For a machine enrolling through a protocol account (<c>protocol:{protocol}:{account}</c>): the protocol.</param>
public sealed record RegistrationActor(string Name, OperatorRole? Role, string? Agency, Guid? ApplicantOf, string? RequestId, EnrollmentProtocol? Protocol = null)
{
    /// <summary>The actor as audit events record it.</summary>
    public Actor Audit => new(Name, Role?.ToName() ?? (Protocol is not null ? "protocol-client" : ApplicantOf is null ? null : "applicant"), RequestId);

    /// <summary>An audit event by this actor: name, role, agency and request ID filled in.</summary>
    /// <param name="at">UTC instant.</param>
    /// <param name="action">Dotted action name (docs/audit.md).</param>
    /// <param name="target">Target, e.g. <c>application:{id}</c>.</param>
    /// <param name="outcome"><c>success</c> or <c>rejected</c>.</param>
    /// <param name="details">Serialised to JSON as the event's details.</param>
    public AuditEvent Event(DateTime at, string action, string target, string outcome, object details)
        => new(at, action, Name, Audit.Role, target, outcome, System.Text.Json.JsonSerializer.Serialize(details), RequestId, Agency);

    /// <summary>An operator.</summary>
    public static RegistrationActor Operator(string auditName, OperatorRole role, string? agency, string? requestId)
        => new(auditName, role, agency, null, requestId);

    /// <summary>The applicant of <paramref name="applicationId"/>.</summary>
    public static RegistrationActor Applicant(Guid applicationId, string? requestId)
        => new("applicant:" + applicationId.ToString("D"), null, null, applicationId, requestId);

    /// <summary>A protocol account acting as the applicant of its enrollment <paramref name="applicationId"/> (null before the application is opened), attributed to the agency that created the account.</summary>
    public static RegistrationActor ProtocolClient(ProtocolAccount account, Guid? applicationId, string? requestId)
    {
        ArgumentNullException.ThrowIfNull(account);
        return new($"protocol:{KebabNames.Of(account.Protocol)}:{account.Name}", null, account.Agency, applicationId, requestId, account.Protocol);
    }

    /// <summary>Whether this is the applicant of <paramref name="applicationId"/>.</summary>
    public bool IsApplicantOf(Guid applicationId) => ApplicantOf == applicationId;

    /// <summary>Whether the actor is an operator with one of <paramref name="roles"/>.</summary>
    public bool HasRole(params OperatorRole[] roles) => Role is { } role && roles.Contains(role);
}
