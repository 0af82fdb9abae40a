using GmPki.Enrollment.Acme;
using GmPki.Server.Http;

namespace GmPki.Server.Acme;

/// <summary>
/// The HTTP binding of the ACME server (RFC 8555, docs/protocols.md; the engine is
/// <see cref="AcmeEngine"/>) under <c>/acme</c>: it reads the URL the client used and the JWS
/// body (at most <see cref="AcmeEngine.MaxBody"/> bytes), and writes the engine's answer with its
/// <c>Replay-Nonce</c>, <c>Link</c>, <c>Location</c> and <c>Retry-After</c> headers; refusals
/// are audited as <c>acme.request-rejected</c>.
/// </summary>
internal static class AcmeEndpoints
{
    /// <summary>The path every ACME route lives under.</summary>
    public const string Root = "/acme";

    public static void Map(IEndpointRouteBuilder app)
    {
        var acme = app.MapGroup(Root).WithTags("ACME").AllowAnonymous();
        acme.MapGet("/directory", async (HttpContext context, AcmeEngine engine, CancellationToken ct) =>
                await WriteAsync(context, Exchange(context, []), (exchange) => engine.DirectoryAsync(exchange, ct)))
            .WithSummary("The ACME directory (RFC 8555 §7.1.1)");
        acme.MapMethods("/new-nonce", [HttpMethods.Head, HttpMethods.Get], async (HttpContext context, AcmeEngine engine, CancellationToken ct) =>
                await WriteAsync(context, Exchange(context, []), (exchange) => engine.NewNonceAsync(exchange, HttpMethods.IsGet(context.Request.Method), ct)))
            .WithSummary("A fresh nonce in Replay-Nonce (RFC 8555 §7.2)");
        Post(acme, "/new-account", AcmeResource.NewAccount, "Create or find an account (RFC 8555 §7.3)");
        Post(acme, "/account/{id}", AcmeResource.Account, "Fetch, update or deactivate an account (RFC 8555 §7.3.2, §7.3.6)");
        Post(acme, "/account/{id}/orders", AcmeResource.AccountOrders, "The account's open orders (RFC 8555 §7.1.2.1)");
        Post(acme, "/key-change", AcmeResource.KeyChange, "Roll over the account key (RFC 8555 §7.3.5)");
        Post(acme, "/new-order", AcmeResource.NewOrder, "Order a certificate for DNS names (RFC 8555 §7.4)");
        Post(acme, "/order/{id}", AcmeResource.Order, "An order (RFC 8555 §7.1.3)");
        Post(acme, "/order/{id}/finalize", AcmeResource.Finalize, "Finalize an order with a CSR (RFC 8555 §7.4)");
        Post(acme, "/authz/{id}", AcmeResource.Authorization, "An authorization (RFC 8555 §7.5)");
        Post(acme, "/chall/{id}", AcmeResource.Challenge, "A challenge; POST {} to have it validated (RFC 8555 §7.5.1)");
        Post(acme, "/cert/{id}", AcmeResource.Certificate, "The certificate chain of a valid order (RFC 8555 §7.4.2)");
        Post(acme, "/revoke-cert", AcmeResource.RevokeCert, "Revoke a certificate (RFC 8555 §7.6)");
    }

    private static void Post(RouteGroupBuilder group, string pattern, AcmeResource resource, string summary)
        => group.MapPost(pattern, async (HttpContext context, AcmeEngine engine, CancellationToken cancellationToken) =>
        {
            byte[] body;
            try
            {
                body = await Bodies.ReadBytesAsync(context.Request, AcmeEngine.MaxBody, "an ACME request body", cancellationToken);
            }
            catch (Core.Errors.GmPkiException e)
            {
                return await WriteAsync(context, Exchange(context, []), exchange => engine.RefuseAsync(exchange, e, cancellationToken));
            }

            return await WriteAsync(context, Exchange(context, body),
                exchange => engine.PostAsync(resource, exchange, context.Request.RouteValues["id"] as string, cancellationToken));
        }).WithSummary(summary);

    /// <summary>
    /// The request as the engine sees it: the ACME root and URL under the configured public origin
    /// (scheme, host and port of <c>PublicUrls:BaseUrl</c>, then the path base), never the request's
    /// <c>Host</c> header, which the client chooses: a forged Host cannot put its URLs into the directory.
    /// </summary>
    private static AcmeExchange Exchange(HttpContext context, byte[] body)
    {
        var baseUrl = context.RequestServices.GetRequiredService<InstallationConfiguration.Validated>().Issuance.Urls.BaseUrl;
        var origin = new Uri(baseUrl).GetLeftPart(UriPartial.Authority) + context.Request.PathBase;
        return new AcmeExchange(origin + Root, origin + context.Request.Path, context.Request.ContentType, body, context.TraceIdentifier);
    }

    private static async Task<IResult> WriteAsync(HttpContext context, AcmeExchange exchange, Func<AcmeExchange, Task<AcmeResult>> engine)
    {
        var result = await engine(exchange);
        if (exchange.Refusal is { } refusal)
        {
            await RequestAudit.RejectedAsync(context, "acme.request-rejected", refusal.Code, refusal.Reason);
        }

        var headers = context.Response.Headers;
        headers.CacheControl = "no-store";
        headers.Link = exchange.Links.ToArray();
        headers["Replay-Nonce"] = exchange.ReplayNonce;
        if (exchange.Location is { } location)
        {
            headers.Location = location;
        }

        if (exchange.RetryAfterSeconds is { } seconds)
        {
            headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return result.ContentType is null ? Results.StatusCode(result.Status) : Results.Text(System.Text.Encoding.UTF8.GetString(result.Body), result.ContentType, statusCode: result.Status);
    }
}
