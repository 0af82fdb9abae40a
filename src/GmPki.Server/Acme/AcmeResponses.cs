using System.Text.Json;
using System.Text.Json.Serialization;
using GmPki.Core.Errors;
using GmPki.Server.Http;

namespace GmPki.Server.Acme;

/// <summary>
/// What every ACME answer carries (RFC 8555 §6.5, §7.1): a fresh <c>Replay-Nonce</c>, a
/// <c>Link</c> to the directory, JSON in the RFC's member names; refusals are problem documents
/// (<c>application/problem+json</c>, RFC 7807 as §6.7 requires) with an ACME error type, each
/// audited as <c>acme.request-rejected</c> (method, path, peer, code, reason).
/// </summary>
internal static class AcmeResponses
{
    /// <summary>Media type of ACME problem documents.</summary>
    public const string ProblemMediaType = "application/problem+json";

    /// <summary>JSON of ACME resources: camelCase members, absent when null.</summary>
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };

    /// <summary>Runs <paramref name="handler"/> with the nonce and index link set, turning GmPki errors into ACME problem documents.</summary>
    public static async Task<IResult> GuardAsync(HttpContext context, Func<Task<IResult>> handler)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(handler);
        context.Response.Headers.CacheControl = "no-store";
        context.Response.Headers.Link = $"<{AcmeUrls.Of(context).Directory}>;rel=\"index\"";
        await context.RequestServices.GetRequiredService<AcmeNonces>().IssueAsync(context, context.RequestAborted);
        try
        {
            return await handler();
        }
        catch (GmPkiException e)
        {
            if (!e.Audited)
            {
                await RequestAudit.RejectedAsync(context, "acme.request-rejected", e.Error.Code, e.Detail);
            }

            var status = HttpErrors.StatusOf(e.Error.Kind);
            return Results.Json(Problem(e.Error, e.Detail), Json, ProblemMediaType, status);
        }
    }

    /// <summary>The problem document of an error (also embedded in challenges and orders, §7.1.3, §7.1.5).</summary>
    public static AcmeProblemView Problem(GmPkiError error, string detail)
    {
        ArgumentNullException.ThrowIfNull(error);
        return new AcmeProblemView(AcmeErrors.Namespace + AcmeErrors.TypeOf(error), detail, HttpErrors.StatusOf(error.Kind));
    }

    /// <summary>A resource as JSON with <paramref name="status"/> and, when given, its <c>Location</c>.</summary>
    public static IResult Resource(HttpContext context, object resource, string? location = null, int status = StatusCodes.Status200OK)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (location is not null)
        {
            context.Response.Headers.Location = location;
        }

        return Results.Json(resource, Json, "application/json", status);
    }
}

/// <summary>An RFC 7807 problem document with an ACME error type.</summary>
/// <param name="Type"><c>urn:ietf:params:acme:error:{type}</c>.</param>
/// <param name="Detail">What exactly was wrong.</param>
/// <param name="Status">The HTTP status it came with.</param>
internal sealed record AcmeProblemView(string Type, string Detail, int Status);
