using GmPki.Core.Errors;
using GmPki.Enrollment.Cmp;
using GmPki.Server.Http;

namespace GmPki.Server.Cmp;

/// <summary>
/// The HTTP binding of CMP (RFC 6712; the engine is <see cref="CmpEngine"/>, docs/protocols.md):
/// <c>POST /cmp</c> and <c>POST /cmp/{profile}</c> (repeated and trailing slashes tolerated:
/// <c>/cmp////</c> is <c>/cmp</c>, <c>/cmp//personal/</c> is <c>/cmp/personal</c>) with a DER PKIMessage as
/// <c>application/pkixcmp</c>, answered with a PKIMessage (HTTP 200, also for error messages,
/// audited as <c>cmp.request-rejected</c>). A body that is not <c>application/pkixcmp</c> gets
/// HTTP 415 and one over 64 KiB HTTP 413, with a text line.
/// </summary>
internal static class CmpEndpoints
{
    /// <summary>The media type of CMP messages over HTTP (RFC 6712 §3.4).</summary>
    public const string MediaType = "application/pkixcmp";

    /// <summary>Largest request: 64 KiB of DER.</summary>
    public const int MaxBody = 64 * 1024;

    public static void Map(IEndpointRouteBuilder app)
    {
        foreach (var path in new[] { "/cmp", "/cmp/{**label}" })
        {
            app.MapPost(path, HandleAsync).WithTags("CMP").AllowAnonymous()
                .WithSummary("A CMP request (ir, cr, p10cr, kur, rr, certConf, pollReq, genm) as application/pkixcmp (RFC 4210, RFC 6712)");
        }
    }

    private static async Task<IResult> HandleAsync(HttpContext context, string? label, CmpEngine cmp, CancellationToken cancellationToken)
    {
        byte[] der;
        try
        {
            der = await ReadAsync(context.Request, cancellationToken);
        }
        catch (GmPkiException e)
        {
            await RequestAudit.RejectedAsync(context, "cmp.request-rejected", e.Error.Code, $"unparsed request: {e.Detail}");
            return HttpErrors.PlainText(e);
        }

        var answer = await cmp.AnswerAsync(der, Label(label), context.TraceIdentifier, cancellationToken);
        if (answer.Refusal is { } refusal)
        {
            await RequestAudit.RejectedAsync(context, "cmp.request-rejected", refusal.Code, refusal.Reason);
        }

        return Results.Bytes(answer.Message, MediaType);
    }

    /// <summary>The profile label of the path's rest with its empty segments dropped (<c>//personal/</c> is <c>personal</c>), null when nothing is left; a rest of several segments stays as it is, and no profile has that name.</summary>
    private static string? Label(string? rest)
        => string.Join('/', (rest ?? string.Empty).Split('/', StringSplitOptions.RemoveEmptyEntries)) is { Length: > 0 } label ? label : null;

    /// <summary>The DER body.</summary>
    /// <exception cref="GmPkiException"><c>unsupported-media-type</c> unless <c>application/pkixcmp</c>; <c>request-too-large</c>.</exception>
    private static async Task<byte[]> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (!string.Equals(request.ContentType?.Split(';')[0].Trim(), MediaType, StringComparison.OrdinalIgnoreCase))
        {
            throw Errors.UnsupportedMediaType.With($"a CMP message is sent as {MediaType} (RFC 6712 §3.4), not '{request.ContentType}'.");
        }

        return await Bodies.ReadBytesAsync(request, MaxBody, "a CMP message", cancellationToken);
    }
}
