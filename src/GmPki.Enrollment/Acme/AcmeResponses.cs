using System.Text.Json;
using System.Text.Json.Serialization;
using GmPki.Core.Errors;

namespace GmPki.Enrollment.Acme;

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

    /// <summary>Runs <paramref name="handler"/> with the nonce and index link set, turning GmPki errors into ACME problem documents (and a refusal for the host to audit).</summary>
    public static async Task<AcmeResult> GuardAsync(AcmeExchange context, Func<Task<AcmeResult>> handler, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(handler);
        context.Links.Add($"<{context.Urls.Directory}>;rel=\"index\"");
        await context.Engine.Nonces.IssueAsync(context, cancellationToken);
        try
        {
            return await handler();
        }
        catch (GmPkiException e)
        {
            if (!e.Audited)
            {
                context.Refusal = new EnrollmentRefusal(e.Error.Code, e.Detail);
            }

            return new AcmeResult(ErrorCatalogue.StatusOf(e.Error.Kind), ProblemMediaType, JsonSerializer.SerializeToUtf8Bytes(Problem(e.Error, e.Detail), Json));
        }
    }

    /// <summary>The problem document of an error (also embedded in challenges and orders, §7.1.3, §7.1.5).</summary>
    public static AcmeProblemView Problem(GmPkiError error, string detail)
    {
        ArgumentNullException.ThrowIfNull(error);
        return new AcmeProblemView(AcmeErrors.Namespace + AcmeErrors.TypeOf(error), detail, ErrorCatalogue.StatusOf(error.Kind));
    }

    /// <summary>A resource as JSON with <paramref name="status"/> and, when given, its <c>Location</c>.</summary>
    public static AcmeResult Resource(AcmeExchange context, object resource, string? location = null, int status = 200)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (location is not null)
        {
            context.Location = location;
        }

        return new AcmeResult(status, "application/json", JsonSerializer.SerializeToUtf8Bytes(resource, Json));
    }
}

/// <summary>An RFC 7807 problem document with an ACME error type.</summary>
/// <param name="Type"><c>urn:ietf:params:acme:error:{type}</c>.</param>
/// <param name="Detail">What exactly was wrong.</param>
/// <param name="Status">The HTTP status it came with.</param>
internal sealed record AcmeProblemView(string Type, string Detail, int Status);
