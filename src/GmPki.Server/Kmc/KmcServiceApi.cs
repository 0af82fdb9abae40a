using System.Security.Cryptography.X509Certificates;
using GmPki.Core.Errors;
using GmPki.Kmc;
using GmPki.Kmc.Messages;
using GmPki.Server.Http;

namespace GmPki.Server.Kmc;

/// <summary>
/// <c>/kmc/v1</c>: the embedded KMC served to remote CAs (<see cref="RemoteKmc"/>; docs/kmc.md
/// "Remote KMC"). Only HTTPS with a TLS client certificate reaches the KMC (else 401
/// <c>unauthenticated</c>, audited <c>request.rejected</c>); the certificate must be bound to the
/// CA the body names (<see cref="KeyManagementCentre.BindClientCertificateAsync"/>), else 403
/// <c>kmc-ca-unknown</c>, audited <c>kmc.request-rejected</c>. Bodies and answers are the
/// <c>GmPki.Kmc.Messages</c> records in <see cref="KmcWire.Json"/>; refusals are the KMC's problem
/// documents.
/// </summary>
internal static class KmcServiceApi
{
    public static void Map(IEndpointRouteBuilder app)
    {
        var group = app.MapGroup(KmcWire.Prefix).WithTags("KMC service (CA ↔ KMC)").AllowAnonymous();
        Post<ApplyKeyRequest, ApplyKeyResponse>(group, KmcWire.Apply, r => r.CaId, (kmc, r, ct) => kmc.ApplyAsync(r, ct))
            .WithSummary("Generate, escrow and deliver an encryption key pair (GM/T 0014 ApplyKeyReq)");
        Post<RecoverKeyRequest, RecoverKeyResponse>(group, KmcWire.Recover, r => r.CaId, (kmc, r, ct) => kmc.RecoverAsync(r, ct))
            .WithSummary("Deliver an escrowed key again to a recipient key (GM/T 0014 RestoreKeyReq)");
        Post<ChangeKeyStateRequest, object?>(group, KmcWire.Revoke, r => r.CaId, async (kmc, r, ct) => { await kmc.RevokeAsync(r, ct); return null; })
            .WithSummary("Mark an escrowed key revoked (GM/T 0014 RevokeKeyReq)");
        Post<ChangeKeyStateRequest, object?>(group, KmcWire.Archive, r => r.CaId, async (kmc, r, ct) => { await kmc.ArchiveAsync(r, ct); return null; })
            .WithSummary("Mark an escrowed key archived (certificate expired)");
        Post<DevicePersonaliseRequest, DevicePersonalisation>(group, KmcWire.Personalise, r => r.CaId, (kmc, r, ct) => kmc.PersonaliseDeviceAsync(r, ct))
            .WithSummary("Make and escrow a USB key's device authentication key");
        Post<DeviceUnlockRequest, DeviceUnlockResponse>(group, KmcWire.Unlock, r => r.CaId, (kmc, r, ct) => kmc.UnlockDeviceAsync(r, ct))
            .WithSummary("Answer a USB key's challenge for PIN unlock");
    }

    private static RouteHandlerBuilder Post<TRequest, TResponse>(
        RouteGroupBuilder group, string path, Func<TRequest, string> caIdOf, Func<IKeyManagementCentre, TRequest, CancellationToken, Task<TResponse>> call)
        => group.MapPost("/" + path, async (HttpContext context, EmbeddedKmc kmc, TimeProvider clock, CancellationToken cancellationToken) =>
        {
            var certificate = ClientCertificateOf(context, clock);
            var request = await Bodies.ReadAsync<TRequest>(context.Request, cancellationToken, KmcWire.Json);
            await kmc.OpenAsync(cancellationToken);
            await kmc.Centre.AuthenticateCaAsync(OperatorAccounts.CertificateHash(certificate), caIdOf(request), cancellationToken);
            var response = await call(kmc, request, cancellationToken);
            return response is null ? Results.NoContent() : Results.Json(response, KmcWire.Json);
        });

    /// <exception cref="GmPkiException"><c>unauthenticated</c>: not HTTPS, no client certificate, or one outside its validity.</exception>
    private static X509Certificate2 ClientCertificateOf(HttpContext context, TimeProvider clock)
    {
        if (!context.Request.IsHttps || context.Connection.ClientCertificate is not { } certificate)
        {
            throw Errors.Unauthenticated.With("the KMC service needs HTTPS with the CA's TLS client certificate.");
        }

        var now = clock.GetUtcNow().UtcDateTime;
        return now < certificate.NotBefore.ToUniversalTime() || now > certificate.NotAfter.ToUniversalTime()
            ? throw Errors.Unauthenticated.With($"the client certificate {certificate.Subject} is outside its validity.")
            : certificate;
    }
}
