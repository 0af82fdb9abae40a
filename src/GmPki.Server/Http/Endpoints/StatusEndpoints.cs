using System.Globalization;
using System.Text.RegularExpressions;
using GmPki.Core.Errors;
using GmPki.Status.Ocsp;
using Microsoft.Net.Http.Headers;

namespace GmPki.Server.Http.Endpoints;

/// <summary>
/// The certificate status services over HTTP, anonymous, at the URLs written into certificates
/// (<c>docs/status-services.md</c>, <c>docs/api.md</c>): CRLs at <c>{base}/crl/{ca}/{shard}.crl</c> and
/// delta CRLs at <c>{base}/crl/{ca}/{shard}-delta.crl</c> (RFC 5280 §5, <c>application/pkix-crl</c>,
/// RFC 2585 §4); the OCSP responder at <c>{base}/ocsp</c> by POST and <c>{base}/ocsp/{base64 request}</c>
/// by GET (RFC 6960 Appendix A, RFC 5019 §5 caching headers).
/// </summary>
internal static partial class StatusEndpoints
{
    private const string CrlMediaType = "application/pkix-crl";
    private const string OcspRequestMediaType = "application/ocsp-request";
    private const string OcspResponseMediaType = "application/ocsp-response";

    /// <summary>Maps the routes under the path of <c>PublicUrls:BaseUrl</c>.</summary>
    public static void Map(IEndpointRouteBuilder app)
    {
        var urls = app.ServiceProvider.GetRequiredService<InstallationConfiguration.Validated>().Issuance.Urls;
        var prefix = new Uri(urls.BaseUrl).AbsolutePath.TrimEnd('/');
        app.MapGet(prefix + "/crl/{label}/{file}", CrlAsync).WithTags("Status").AllowAnonymous()
            .Produces<byte[]>(StatusCodes.Status200OK, CrlMediaType)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("The latest complete ({shard}.crl) or delta ({shard}-delta.crl) CRL of a CA's shard");
        app.MapPost(prefix + "/ocsp", OcspPostAsync).WithTags("Status").AllowAnonymous()
            .Accepts<byte[]>(OcspRequestMediaType)
            .Produces<byte[]>(StatusCodes.Status200OK, OcspResponseMediaType)
            .WithSummary("OCSP request by POST (RFC 6960 A.1)");
        app.MapGet(prefix + "/ocsp/{**request}", OcspGetAsync).WithTags("Status").AllowAnonymous()
            .Produces<byte[]>(StatusCodes.Status200OK, OcspResponseMediaType)
            .WithSummary("OCSP request by GET: the URL-encoded base64 DER request (RFC 6960 A.1)");
    }

    private static async Task<IResult> CrlAsync(string label, string file, HttpContext context, StatusDirectory status, TimeProvider clock, CancellationToken cancellationToken)
    {
        var match = CrlFile().Match(file);
        if (!match.Success)
        {
            throw Errors.CrlNotFound.With($"'{file}' is not a CRL file name ({{shard}}.crl or {{shard}}-delta.crl).");
        }

        var delta = match.Groups[2].Success;
        var crl = await status.Publisher.LatestAsync(label, int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture), delta, cancellationToken);
        var policy = context.RequestServices.GetRequiredService<InstallationConfiguration.Validated>().Status;
        var nextPublication = crl.ThisUpdate + (delta ? policy.DeltaInterval ?? policy.CrlInterval : policy.CrlInterval);
        var etag = $"\"{crl.Number}\"";
        var headers = context.Response.Headers;
        headers.ETag = etag;
        headers.LastModified = crl.ThisUpdate.ToString("R", CultureInfo.InvariantCulture);
        headers.Expires = crl.NextUpdate.ToString("R", CultureInfo.InvariantCulture);
        headers.CacheControl = $"public, max-age={MaxAge(clock, nextPublication < crl.NextUpdate ? nextPublication : crl.NextUpdate)}, no-transform";
        return context.Request.Headers.IfNoneMatch.Contains(etag)
            ? Results.StatusCode(StatusCodes.Status304NotModified)
            : Results.Bytes(crl.Der, CrlMediaType);
    }

    private static async Task<IResult> OcspPostAsync(HttpContext context, StatusDirectory status, CancellationToken cancellationToken)
    {
        var request = context.Request;
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var type) || !type.MediaType.Equals(OcspRequestMediaType, StringComparison.OrdinalIgnoreCase))
        {
            return await RefuseAsync(context, $"Content-Type must be {OcspRequestMediaType}, not '{request.ContentType}'.");
        }

        if (request.ContentLength > OcspRequestReader.MaxLength)
        {
            return await RefuseAsync(context, $"the request is {request.ContentLength} bytes; at most {OcspRequestReader.MaxLength} are accepted.");
        }

        using var body = new MemoryStream();
        var buffer = new byte[4096];
        int read;
        while ((read = await request.Body.ReadAsync(buffer, cancellationToken)) > 0)
        {
            if (body.Length + read > OcspRequestReader.MaxLength)
            {
                return await RefuseAsync(context, $"the request is over {OcspRequestReader.MaxLength} bytes.");
            }

            body.Write(buffer, 0, read);
        }

        return await AnswerAsync(context, await status.Responder.RespondAsync(body.ToArray(), cancellationToken), cacheable: false);
    }

    private static async Task<IResult> OcspGetAsync(HttpContext context, StatusDirectory status, CancellationToken cancellationToken)
    {
        // The raw path after the first "/ocsp/", not the route value: base64 may contain '/' and '+', sent as-is or percent-encoded.
        var path = context.Request.Path.Value!;
        var encoded = Uri.UnescapeDataString(path[(path.IndexOf("/ocsp/", StringComparison.Ordinal) + "/ocsp/".Length)..]);
        var der = new byte[encoded.Length];
        if (encoded.Length > OcspRequestReader.MaxLength * 2 || !Convert.TryFromBase64String(encoded, der, out var length))
        {
            return await RefuseAsync(context, "the GET path is not the base64 of an OCSP request.");
        }

        return await AnswerAsync(context, await status.Responder.RespondAsync(der.AsMemory(0, length), cancellationToken), cacheable: true);
    }

    private static async Task<IResult> AnswerAsync(HttpContext context, OcspAnswer answer, bool cacheable)
    {
        if (answer.Result is OcspResult.MalformedRequest or OcspResult.Unauthorized)
        {
            await RequestAudit.RejectedAsync(context, "ocsp.request-rejected",
                answer.Result == OcspResult.MalformedRequest ? Errors.OcspMalformedRequest.Code : "ocsp-unauthorized", answer.Detail ?? "");
        }

        if (cacheable && answer is { Result: OcspResult.Successful, ThisUpdate: { } thisUpdate, NextUpdate: { } nextUpdate })
        {
            var clock = context.RequestServices.GetRequiredService<TimeProvider>();
            var headers = context.Response.Headers;
            headers.LastModified = thisUpdate.ToString("R", CultureInfo.InvariantCulture);
            headers.Expires = nextUpdate.ToString("R", CultureInfo.InvariantCulture);
            headers.CacheControl = $"public, max-age={MaxAge(clock, nextUpdate)}, no-transform, must-revalidate";
        }

        return Results.Bytes(answer.Der, OcspResponseMediaType);
    }

    private static async Task<IResult> RefuseAsync(HttpContext context, string detail)
        => await AnswerAsync(context, OcspAnswer.Refused(OcspResult.MalformedRequest, detail), cacheable: false);

    private static long MaxAge(TimeProvider clock, DateTime until)
        => Math.Max(0, (long)(until - clock.GetUtcNow().UtcDateTime).TotalSeconds);

    [GeneratedRegex("^([0-9]{1,3})(-delta)?\\.crl$")]
    private static partial Regex CrlFile();
}
