using GmPki.Core.Ledger;
using GmPki.Kmc.Messages;
using GmPki.Registration.Workflow;
using GmPki.Server.Http;

namespace GmPki.Server.Kmc;

/// <summary>Body of <c>POST /api/v1/kmc/unseal</c>.</summary>
/// <param name="Shares">At least M custodians' share texts (<c>gmpki-kmc-share-v1.…</c>), as printed by the key ceremony.</param>
public sealed record UnsealBody(IReadOnlyList<string> Shares);

/// <summary>Body of <c>POST /api/v1/kmc/seal</c>.</summary>
/// <param name="Reason">Why (end of shift, incident, maintenance), recorded in the audit event.</param>
public sealed record SealBody(string Reason);

/// <summary>Body of <c>POST /api/v1/kmc/devices</c>.</summary>
/// <param name="DeviceSerial">The new USB key's serial number (SKF <c>DEVINFO.SerialNumber</c>, 1–32 printable ASCII characters).</param>
public sealed record DeviceBody(string DeviceSerial);

/// <summary>A personalised USB key's device authentication key, shown once.</summary>
/// <param name="DeviceSerial">The device.</param>
/// <param name="AuthenticationKey">Hex of the 16-byte SM4 device authentication key to load into the device at initialisation (<c>SKF_ChangeDevAuthKey</c>).</param>
public sealed record DeviceKeyView(string DeviceSerial, string AuthenticationKey);

/// <summary>Whether the KMC can serve.</summary>
/// <param name="CaId">This CA's ID at the KMC.</param>
/// <param name="Unsealed">Whether the master key is in memory (apply and recover need it).</param>
public sealed record KmcStatusView(string CaId, bool Unsealed);

/// <summary>
/// <c>/api/v1/kmc</c>: master-key custody of the embedded KMC (docs/kmc.md "Master key custody"):
/// custodians' shares unseal it at every start, a security officer seals it. Each share presented,
/// each unseal and each refusal is audited by the KMC (<c>kmc.custody.*</c>).
/// </summary>
internal static class KmcEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/kmc").WithTags("Key management centre").RequireAuthorization(Policies.KeyCustody);
        group.MapGet("/status", async (EmbeddedKmc kmc, CancellationToken cancellationToken) =>
            {
                await kmc.OpenAsync(cancellationToken);
                return new KmcStatusView(kmc.CaId, kmc.Custody.IsUnsealed);
            })
            .WithSummary("Whether the KMC is unsealed (security officer)");
        group.MapPost("/unseal", UnsealAsync).Produces<KmcStatusView>().ProducesProblem(StatusCodes.Status400BadRequest)
            .WithSummary("Unseal with M custodians' shares (security officer)")
            .WithDescription("kmc-share-invalid, kmc-shares-insufficient or kmc-unseal-failed when the shares do not reconstruct the master key; nothing changes.");
        group.MapPost("/devices", PersonaliseAsync).Produces<DeviceKeyView>(StatusCodes.Status201Created).ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("Personalise a USB key: the KMC makes and escrows its device authentication key for PIN unlock (security officer)")
            .WithDescription("kmc-device-exists for a serial personalised before; the key is shown once.");
        group.MapPost("/seal", SealAsync).Produces<KmcStatusView>().WithSummary("Wipe the master key from memory (security officer)");
    }

    private static async Task<KmcStatusView> UnsealAsync(HttpContext context, EmbeddedKmc kmc, CancellationToken cancellationToken)
    {
        var body = await Bodies.ReadAsync<UnsealBody>(context.Request, cancellationToken);
        await kmc.OpenAsync(cancellationToken);
        await kmc.Custody.UnsealAsync(body.Shares ?? [], RequestAudit.ActorOf(context), cancellationToken);
        return new KmcStatusView(kmc.CaId, kmc.Custody.IsUnsealed);
    }

    private static async Task<IResult> PersonaliseAsync(HttpContext context, KmcLink kmc, IAuditLog audit, TimeProvider clock, CancellationToken cancellationToken)
    {
        var body = await Bodies.ReadAsync<DeviceBody>(context.Request, cancellationToken);
        var actor = RegistrationActors.Of(context);
        var device = await kmc.Centre.PersonaliseDeviceAsync(new DevicePersonaliseRequest(kmc.CaId, $"device.{Guid.CreateVersion7():N}", body.DeviceSerial), cancellationToken);
        await audit.AppendAsync(actor.Event(clock.GetUtcNow().UtcDateTime, "kmc.device.personalise-requested", $"kmc-device:{kmc.CaId}/{device.DeviceSerial}", "success", new { ca = kmc.CaId }), cancellationToken);
        return Results.Created($"/api/v1/kmc/devices/{Uri.EscapeDataString(device.DeviceSerial)}", new DeviceKeyView(device.DeviceSerial, Convert.ToHexStringLower(device.AuthenticationKey)));
    }

    private static async Task<KmcStatusView> SealAsync(HttpContext context, EmbeddedKmc kmc, CancellationToken cancellationToken)
    {
        var body = await Bodies.ReadAsync<SealBody>(context.Request, cancellationToken);
        await kmc.OpenAsync(cancellationToken);
        await kmc.Custody.SealAsync(RequestAudit.ActorOf(context), body.Reason, cancellationToken);
        return new KmcStatusView(kmc.CaId, kmc.Custody.IsUnsealed);
    }
}
