using System.Globalization;
using System.Text;
using GmPki.Core.Errors;
using GmPki.Core.Registration;
using GmPki.Issuance.Authorities;
using GmPki.Server.OpenApi;
using Microsoft.Net.Http.Headers;

namespace GmPki.Server.Http.Endpoints;

/// <summary>
/// The CPS (电子认证业务规则, M24 §16) at the URI every certificate names in its certificatePolicies
/// CPS qualifier (RFC 5280 §4.2.1.4), anonymous: <c>{base}/cps</c> the version in force,
/// <c>{base}/cps/{version}</c> each published version. The published documents of
/// <c>docs/registration.md</c> are the source; by default as UTF-8 plain text, as the JSON of
/// <c>GET /api/v1/documents/cps</c> when the client accepts <c>application/json</c>.
/// </summary>
internal static class CpsEndpoints
{
    private const string TextMediaType = "text/plain; charset=utf-8";

    /// <summary>Maps the routes under the path of <c>PublicUrls:BaseUrl</c>.</summary>
    /// <param name="app">The application.</param>
    /// <param name="urls">The publication URLs; the routes live under the path of their base URL.</param>
    public static void Map(IEndpointRouteBuilder app, PublicationUrls urls)
    {
        var prefix = new Uri(urls.BaseUrl).AbsolutePath.TrimEnd('/');
        app.MapGet(prefix + "/cps", (HttpContext context, IRegistrationLedger ledger, CancellationToken ct) => ServeAsync(context, ledger, null, urls, ct))
            .WithTags("Directory").AllowAnonymous()
            .Produces<string>(StatusCodes.Status200OK, "text/plain").Produces<PublishedDocument>(StatusCodes.Status200OK, "application/json").Problems(404)
            .Operation("getCps", "The CPS in force, at the CPS URI written into certificates",
                "现行电子认证业务规则（证书中的 CPS 网址）；默认为 UTF-8 纯文本，Accept: application/json 时为 JSON；尚未发布时 404 document-not-found。The CPS in force.");
        app.MapGet(prefix + "/cps/{version}", (string version, HttpContext context, IRegistrationLedger ledger, CancellationToken ct) => ServeAsync(context, ledger, version, urls, ct))
            .WithTags("Directory").AllowAnonymous()
            .Produces<string>(StatusCodes.Status200OK, "text/plain").Produces<PublishedDocument>(StatusCodes.Status200OK, "application/json").Problems(404)
            .Operation("getCpsVersion", "A published version of the CPS",
                "电子认证业务规则的某一已发布版本（1、2、……）；未发布的版本 404 document-not-found。A published CPS version; immutable.");
    }

    private static async Task<IResult> ServeAsync(HttpContext context, IRegistrationLedger ledger, string? version, PublicationUrls urls, CancellationToken cancellationToken)
    {
        int? number = null;
        if (version is not null)
        {
            number = int.TryParse(version, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) && parsed > 0
                ? parsed
                : throw Errors.DocumentNotFound.With($"'{version}' is not a CPS version (1, 2, …); the version in force is at {urls.BaseUrl}/cps.");
        }

        var document = await ledger.FindDocumentAsync(DocumentKind.Cps, number, cancellationToken)
            ?? throw Errors.DocumentNotFound.With(number is null
                ? "no CPS is published yet: a CA administrator publishes one with POST /api/v1/documents/cps (docs/registration.md, \"Notices, agreement and CPS\")."
                : $"CPS version {number} is not published; the version in force is at {urls.BaseUrl}/cps.");
        var headers = context.Response.Headers;
        headers.ETag = $"\"{document.Sm3}\"";
        headers.LastModified = document.PublishedAt.ToString("R", CultureInfo.InvariantCulture);
        headers.CacheControl = number is null ? "public, max-age=300" : "public, max-age=86400, immutable";
        headers.Vary = HeaderNames.Accept;
        if (context.Request.Headers.IfNoneMatch.Contains(headers.ETag.ToString()))
        {
            return Results.StatusCode(StatusCodes.Status304NotModified);
        }

        return context.Request.Headers.Accept.ToString().Contains("application/json", StringComparison.OrdinalIgnoreCase)
            ? Results.Ok(document)
            : Results.Text(Render(document, number is null, urls), TextMediaType);
    }

    /// <summary>The plain-text form: title, version line, each section under its name, then where the other versions are.</summary>
    private static string Render(PublishedDocument document, bool inForce, PublicationUrls urls)
    {
        var text = new StringBuilder()
            .Append(document.Title).Append('\n')
            .Append(CultureInfo.InvariantCulture, $"版本 Version {document.Version} · 发布 Published {document.PublishedAt:yyyy-MM-dd'T'HH:mm:ss'Z'} · SM3 {document.Sm3}\n");
        foreach (var (name, body) in document.Sections)
        {
            text.Append('\n').Append('[').Append(name).Append("]\n").Append(body.ReplaceLineEndings("\n")).Append('\n');
        }

        text.Append('\n').Append(inForce
            ? document.Version > 1 ? $"此前版本 Earlier versions: {urls.BaseUrl}/cps/1 … {urls.BaseUrl}/cps/{document.Version - 1}\n" : string.Empty
            : $"现行版本 Version in force: {urls.BaseUrl}/cps\n");
        return text.ToString();
    }
}
