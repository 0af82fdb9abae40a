namespace GmPki.Core.Ledger;

/// <summary>
/// Who is acting on the CA, as recorded in audit events.
/// </summary>
/// <param name="Name">Audit name: <c>operator:{name}</c>, <c>cli:{os-user}</c> or <c>system</c>.</param>
/// <param name="Role">Role name (see <c>OperatorRoles</c>), or null for the system.</param>
/// <param name="RequestId">Correlation ID of the current request, or null.</param>
public sealed record Actor(string Name, string? Role, string? RequestId)
{
    /// <summary>The CA itself (start-up, schedules).</summary>
    public static Actor System { get; } = new("system", null, null);
}
