using System.Text.Json;
using GmPki.Core.Ledger;

namespace GmPki.Server.Http;

/// <summary>Audit events about HTTP requests themselves (rejected before any business step ran).</summary>
internal static class RequestAudit
{
    /// <summary>The acting party of a request: the authenticated operator (<c>operator:{name}</c>), an applicant (<c>applicant:{application id}</c>), or <c>anonymous</c>.</summary>
    public static Actor ActorOf(HttpContext context)
        => context.User.Identity?.IsAuthenticated == true
            ? RegistrationActors.Of(context).Audit
            : new Actor("anonymous", null, context.TraceIdentifier);

    /// <summary>Appends a rejection event (<paramref name="action"/>, outcome <c>rejected</c>) naming method, path, peer and reason.</summary>
    public static Task RejectedAsync(HttpContext context, string action, string code, string reason)
    {
        var actor = ActorOf(context);
        var details = JsonSerializer.Serialize(new
        {
            method = context.Request.Method,
            path = context.Request.Path.Value,
            peer = context.Connection.RemoteIpAddress?.ToString(),
            error = code,
            reason,
        });
        var clock = context.RequestServices.GetRequiredService<TimeProvider>();
        return context.RequestServices.GetRequiredService<IAuditLog>().AppendAsync(
            new AuditEvent(clock.GetUtcNow().UtcDateTime, action, actor.Name, actor.Role, null, "rejected", details, actor.RequestId,
                context.User.Identity?.IsAuthenticated == true ? RegistrationActors.Of(context).Agency : null),
            CancellationToken.None);
    }
}
