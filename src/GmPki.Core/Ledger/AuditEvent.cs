namespace GmPki.Core.Ledger;

/// <summary>
/// One audit record (M24 §23, §24: every step traceable). Written in the same database
/// transaction as the state change it describes.
/// </summary>
/// <param name="OccurredAt">UTC instant of the event.</param>
/// <param name="Action">Dotted action name, for example <c>certificate.issued</c> (catalog in
/// <c>docs/audit.md</c>).</param>
/// <param name="Actor">Who acted: <c>operator:{name}</c>, <c>cli:{os-user}</c> or <c>system</c>.</param>
/// <param name="Role">The actor's role name, or null for the system.</param>
/// <param name="Target">What was acted on, for example <c>certificate:{issuer}/{serial}</c>.</param>
/// <param name="Outcome"><c>success</c>, <c>rejected</c> or <c>failed</c>.</param>
/// <param name="Details">A JSON object with the action's specifics (never secrets), or null.</param>
/// <param name="RequestId">Correlation ID of the request that caused the event, or null.</param>
/// <param name="Agency">The delegated registration agency (受委托机构, M24 §25) the actor acted
/// for, or null when the CA acted itself.</param>
public sealed record AuditEvent(
    DateTime OccurredAt,
    string Action,
    string Actor,
    string? Role,
    string? Target,
    string Outcome,
    string? Details,
    string? RequestId,
    string? Agency = null);
