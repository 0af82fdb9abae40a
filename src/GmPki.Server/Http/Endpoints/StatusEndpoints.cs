using System.Globalization;
using System.Text.RegularExpressions;
using GmPki.Core.Errors;
using GmPki.Issuance.Authorities;
using GmPki.Server.OpenApi;
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
    /// <param name="app">The application.</param>
    /// <param name="urls">The publication URLs (<c>PublicUrls</c>); the routes live under the path of their base URL.</param>
    public static void Map(IEndpointRouteBuilder app, PublicationUrls urls)
    {
        var prefix = new Uri(urls.BaseUrl).AbsolutePath.TrimEnd('/');
        app.MapGet(prefix + "/crl/{label}/{file}", CrlAsync).WithTags("Status").AllowAnonymous()
            .Produces<byte[]>(StatusCodes.Status200OK, CrlMediaType)
            .Problems(404)
            .Operation("getCrl", "The latest complete or delta CRL of a CA's shard",
                "CA 分片的最新完整 CRL（{shard}.crl）或增量 CRL（{shard}-delta.crl），DER（RFC 5280 §5）。The latest complete or delta CRL.");
        app.MapPost(prefix + "/ocsp", OcspPostAsync).WithTags("Status").AllowAnonymous()
            .BinaryBody(OcspRequestMediaType)
            .Produces<byte[]>(StatusCodes.Status200OK, OcspResponseMediaType)
            .Operation("postOcspRequest", "OCSP request by POST (RFC 6960 A.1)",
                "以 POST 发送 DER OCSP 请求；拒绝亦以 OCSP 应答（malformedRequest、unauthorized）表示。A DER OCSP request; refusals are OCSP responses too.");
        app.MapGet(prefix + "/ocsp/{**request}", OcspGetAsync).WithTags("Status").AllowAnonymous()
            .Produces<byte[]>(StatusCodes.Status200OK, OcspResponseMediaType)
            .Operation("getOcspResponse", "OCSP request by GET (RFC 6960 A.1)",
                "以 GET 发送 URL 编码的 base64 DER OCSP 请求，应答可缓存（RFC 5019 §5）。The URL-encoded base64 DER request; cacheable answers.");
    }

    private static async Task<IResult> CrlAsync(
        string label, string file, HttpContext context, StatusDirectory status, InstallationConfiguration.Validated configuration, TimeProvider clock, CancellationToken cancellationToken)
    {
        var match = CrlFile().Match(file);
        if (!match.Success)
        {
            throw Errors.CrlNotFound.With($"'{file}' is not a CRL file name ({{shard}}.crl or {{shard}}-delta.crl).");
        }

        var delta = match.Groups[2].Success;
        var crl = await status.Publisher.LatestAsync(label, int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture), delta, cancellationToken);
        var policy = configuration.Status;
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

    private static async Task<IResult> OcspPostAsync(HttpContext context, StatusDirectory status, TimeProvider clock, CancellationToken cancellationToken)
    {
        var request = context.Request;
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var type) || !type.MediaType.Equals(OcspRequestMediaType, StringComparison.OrdinalIgnoreCase))
        {
            return await RefuseAsync(context, clock, $"Content-Type must be {OcspRequestMediaType}, not '{request.ContentType}'.");
        }

        if (request.ContentLength > OcspRequestReader.MaxLength)
        {
            return await RefuseAsync(context, clock, $"the request is {request.ContentLength} bytes; at most {OcspRequestReader.MaxLength} are accepted.");
        }

        using var body = new MemoryStream();
        var buffer = new byte[4096];
        int read;
        while ((read = await request.Body.ReadAsync(buffer, cancellationToken)) > 0)
        {
            if (body.Length + read > OcspRequestReader.MaxLength)
            {
                return await RefuseAsync(context, clock, $"the request is over {OcspRequestReader.MaxLength} bytes.");
            }

            body.Write(buffer, 0, read);
        }

        return await AnswerAsync(context, clock, await status.Responder.RespondAsync(body.ToArray(), cancellationToken), cacheable: false);
    }

    private static async Task<IResult> OcspGetAsync(HttpContext context, StatusDirectory status, TimeProvider clock, CancellationToken cancellationToken)
    {
        // The raw path after the first "/ocsp/", not the route value: base64 may contain '/' and '+', sent as-is or percent-encoded.
        var path = context.Request.Path.Value!;
        var encoded = Uri.UnescapeDataString(path[(path.IndexOf("/ocsp/", StringComparison.Ordinal) + "/ocsp/".Length)..]);
        var der = new byte[encoded.Length];
        if (encoded.Length > OcspRequestReader.MaxLength * 2 || !Convert.TryFromBase64String(encoded, der, out var length))
        {
            return await RefuseAsync(context, clock, "the GET path is not the base64 of an OCSP request.");
        }

        return await AnswerAsync(context, clock, await status.Responder.RespondAsync(der.AsMemory(0, length), cancellationToken), cacheable: true);
    }

    private static async Task<IResult> AnswerAsync(HttpContext context, TimeProvider clock, OcspAnswer answer, bool cacheable)
    {
        if (answer.Result is OcspResult.MalformedRequest or OcspResult.Unauthorized)
        {
            await RequestAudit.RejectedAsync(context, "ocsp.request-rejected",
                answer.Result == OcspResult.MalformedRequest ? Errors.OcspMalformedRequest.Code : "ocsp-unauthorized", answer.Detail ?? "");
        }

        if (cacheable && answer is { Result: OcspResult.Successful, ThisUpdate: { } thisUpdate, NextUpdate: { } nextUpdate })
        {
            var headers = context.Response.Headers;
            headers.LastModified = thisUpdate.ToString("R", CultureInfo.InvariantCulture);
            headers.Expires = nextUpdate.ToString("R", CultureInfo.InvariantCulture);
            headers.CacheControl = $"public, max-age={MaxAge(clock, nextUpdate)}, no-transform, must-revalidate";
        }

        return Results.Bytes(answer.Der, OcspResponseMediaType);
    }

    private static async Task<IResult> RefuseAsync(HttpContext context, TimeProvider clock, string detail)
        => await AnswerAsync(context, clock, OcspAnswer.Refused(OcspResult.MalformedRequest, detail), cacheable: false);

    private static long MaxAge(TimeProvider clock, DateTime until)
        => Math.Max(0, (long)(until - clock.GetUtcNow().UtcDateTime).TotalSeconds);

    [GeneratedRegex("^([0-9]{1,3})(-delta)?\\.crl$")]
    private static partial Regex CrlFile();
}
