using System.Text.Json;
using GmPki.Core.Ledger;

namespace GmPki.Server.Http;

/// <summary>Audit events about HTTP requests themselves (rejected before any business step ran).</summary>
internal static class RequestAudit
{
    /// <summary>The acting party of a request: the authenticated operator, or <c>anonymous</c>.</summary>
    public static Actor ActorOf(HttpContext context)
    {
        var user = context.User;
        return user.Identity?.IsAuthenticated == true
            ? new Actor("operator:" + user.Identity.Name, user.FindFirst(System.Security.Claims.ClaimTypes.Role)?.Value, context.TraceIdentifier)
            : new Actor("anonymous", null, context.TraceIdentifier);
    }

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
            new AuditEvent(clock.GetUtcNow().UtcDateTime, action, actor.Name, actor.Role, null, "rejected", details, actor.RequestId),
            CancellationToken.None);
    }
}
