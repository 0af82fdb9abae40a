using System.Text.Json;
using GmPki.Core.Errors;
using GmPki.Core.Ledger;

namespace GmPki.Kmc;

/// <summary>
/// Writes the KMC's audit events to an <see cref="IAuditLog"/> — the host connects the CA's SM3
/// audit chain (docs/audit.md), a separate KMC chain, or any other sink. Actions are listed in
/// <c>docs/kmc.md</c>; details never hold keys, shares or secrets.
/// </summary>
internal sealed class KmcAudit(IAuditLog log, TimeProvider time)
{
    /// <summary>Appends one event.</summary>
    public Task WriteAsync(Actor actor, string action, string? target, string outcome, object? details, CancellationToken cancellationToken) =>
        log.AppendAsync(
            new AuditEvent(time.GetUtcNow().UtcDateTime, action, actor.Name, actor.Role, target, outcome,
                details is null ? null : JsonSerializer.Serialize(details), actor.RequestId),
            cancellationToken);

    /// <summary>Audits a refusal as <paramref name="action"/> (outcome <c>rejected</c>) and returns the exception marked audited.</summary>
    public async Task<GmPkiException> RejectAsync(Actor actor, string action, string? target, GmPkiException error, object? context, CancellationToken cancellationToken)
    {
        await WriteAsync(actor, action, target, "rejected", new { code = error.Error.Code, detail = error.Detail, context }, cancellationToken);
        return error.MarkAudited();
    }
}
