using GmPki.Core.Errors;
using GmPki.Server.Http;

namespace GmPki.Server.Est;

/// <summary>
/// EST's own error format (RFC 7030 §4.2.3): the HTTP status with a <c>text/plain</c> explanation,
/// not problem details; every refusal is audited (<c>est.request-rejected</c>), and a missing or
/// wrong credential answers <c>401</c> with <c>WWW-Authenticate: Basic</c>.
/// </summary>
internal static class EstErrors
{
    /// <summary>The realm of the Basic challenge.</summary>
    public const string Realm = "GmPki EST";

    /// <summary>Runs <paramref name="handler"/>, turning GmPki errors into EST errors.</summary>
    public static async Task<IResult> GuardAsync(HttpContext context, Func<Task<IResult>> handler)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(handler);
        try
        {
            return await handler();
        }
        catch (GmPkiException e)
        {
            if (!e.Audited)
            {
                await RequestAudit.RejectedAsync(context, "est.request-rejected", e.Error.Code, e.Detail);
            }

            if (e.Error.Kind == ErrorKind.Unauthenticated)
            {
                context.Response.Headers.WWWAuthenticate = $"Basic realm=\"{Realm}\", charset=\"UTF-8\"";
            }

            return HttpErrors.PlainText(e);
        }
    }
}
