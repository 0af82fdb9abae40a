using GmPki.Registration.Protocols;

namespace GmPki.Server.Acme;

/// <summary>
/// The ACME server (RFC 8555, docs/protocols.md) under <c>/acme</c>: the directory, nonces,
/// accounts (external account binding to a GmPki protocol account required), orders for DNS
/// names, http-01 and dns-01 challenges, finalization as a registration application
/// (<see cref="ProtocolEnrollment"/>), certificate download and revocation.
/// </summary>
internal static class AcmeEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        var acme = app.MapGroup(AcmeUrls.Root).WithTags("ACME").AllowAnonymous();
        acme.MapGet("/directory", (HttpContext context, CancellationToken _) => AcmeResponses.GuardAsync(context, () => Task.FromResult(Directory(context))))
            .WithSummary("The ACME directory (RFC 8555 §7.1.1)");
        acme.MapMethods("/new-nonce", [HttpMethods.Head, HttpMethods.Get], (HttpContext context, CancellationToken _) => AcmeResponses.GuardAsync(context,
                () => Task.FromResult(HttpMethods.IsGet(context.Request.Method) ? Results.NoContent() : Results.Ok())))
            .WithSummary("A fresh nonce in Replay-Nonce (RFC 8555 §7.2)");
        Post(acme, "/new-account", (c, ct) => AcmeAccountEndpoints.NewAccountAsync(c, ct), "Create or find an account (RFC 8555 §7.3)");
        Post(acme, "/account/{id}", (c, ct) => AcmeAccountEndpoints.AccountAsync(c, Id(c), ct), "Fetch, update or deactivate an account (RFC 8555 §7.3.2, §7.3.6)");
        Post(acme, "/account/{id}/orders", (c, ct) => AcmeAccountEndpoints.OrdersAsync(c, Id(c), ct), "The account's open orders (RFC 8555 §7.1.2.1)");
        Post(acme, "/key-change", (c, ct) => AcmeAccountEndpoints.KeyChangeAsync(c, ct), "Roll over the account key (RFC 8555 §7.3.5)");
        Post(acme, "/new-order", (c, ct) => AcmeOrderEndpoints.NewOrderAsync(c, ct), "Order a certificate for DNS names (RFC 8555 §7.4)");
        Post(acme, "/order/{id}", (c, ct) => AcmeOrderEndpoints.OrderAsync(c, Id(c), ct), "An order (RFC 8555 §7.1.3)");
        Post(acme, "/order/{id}/finalize", (c, ct) => AcmeFinalization.FinalizeAsync(c, Id(c), ct), "Finalize an order with a CSR (RFC 8555 §7.4)");
        Post(acme, "/authz/{id}", (c, ct) => AcmeAuthorizationEndpoints.AuthorizationAsync(c, Id(c), ct), "An authorization (RFC 8555 §7.5)");
        Post(acme, "/chall/{id}", (c, ct) => AcmeAuthorizationEndpoints.ChallengeAsync(c, Id(c), ct), "A challenge; POST {} to have it validated (RFC 8555 §7.5.1)");
        Post(acme, "/cert/{id}", (c, ct) => AcmeFinalization.CertificateAsync(c, Id(c), ct), "The certificate chain of a valid order (RFC 8555 §7.4.2)");
        Post(acme, "/revoke-cert", (c, ct) => AcmeRevocation.RevokeAsync(c, ct), "Revoke a certificate (RFC 8555 §7.6)");
    }

    private static void Post(RouteGroupBuilder group, string pattern, Func<HttpContext, CancellationToken, Task<IResult>> handler, string summary)
        => group.MapPost(pattern, (HttpContext context, CancellationToken cancellationToken) => AcmeResponses.GuardAsync(context, () => handler(context, cancellationToken)))
            .WithSummary(summary);

    private static string Id(HttpContext context) => (string)context.Request.RouteValues["id"]!;

    /// <summary>The directory (§7.1.1); <c>externalAccountRequired</c> because every certificate needs a subscriber with a recorded basis.</summary>
    private static IResult Directory(HttpContext context)
    {
        var urls = AcmeUrls.Of(context);
        return Results.Json(new
        {
            newNonce = urls.NewNonce,
            newAccount = urls.NewAccount,
            newOrder = urls.NewOrder,
            revokeCert = urls.RevokeCert,
            keyChange = urls.KeyChange,
            meta = new { externalAccountRequired = true },
        }, AcmeResponses.Json);
    }
}
