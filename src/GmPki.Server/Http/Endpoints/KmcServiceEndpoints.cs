using GmPki.Registration.Workflow;
using GmPki.Server.OpenApi;
using Microsoft.AspNetCore.Mvc;

namespace GmPki.Server.Http.Endpoints;

/// <summary>
/// The KMC's services to holders beyond issuance (docs/kmc.md): judicial key recovery (司法密钥恢复)
/// opened with its legal order — its approvals (<c>kmc-approval</c>, <c>approval</c>) and fulfilment are
/// the application's steps, the envelope is downloaded from <c>GET /api/v1/applications/{id}/recovered-key</c> —
/// and the fulfilment of a PIN unlock (密码解锁) with the USB key's challenge.
/// </summary>
internal static class KmcServiceEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapPost("/api/v1/judicial-key-recoveries", OpenJudicialAsync).WithTags("Registration").RequireAuthorization(Policies.Desk)
            .WithMetadata(new RequestSizeLimitAttribute(RegistrationEndpoints.MaxBody)).JsonBody<JudicialKeyRecoveryBody>().Produces<ApplicationView>(StatusCodes.Status201Created).Problems(404, 409)
            .Operation("openJudicialKeyRecovery", "Record a legal order for judicial key recovery (registrar); two KMC officers then approve",
                "司法密钥恢复：注册员记录司法机关的法律文书，随后两名 KMC 人员审批。Records the legal order; two KMC officers then approve.");
        app.MapPost("/api/v1/applications/{id:guid}/pin-unlock", UnlockPinAsync).WithTags("Registration").RequireAuthorization(Policies.Participant)
            .JsonBody<PinUnlockBody>().Produces<PinUnlockView>().Problems(404, 409, 503)
            .Operation("unlockPin", "Fulfil an approved PIN unlock: the KMC answers the USB key's challenge (applicant or desk)",
                "办理已批准的密码解锁：KMC 应答 USB Key 的挑战（申请人或柜台）。The KMC answers the USB key's challenge.");
    }

    private static async Task<IResult> OpenJudicialAsync(HttpContext context, JudicialKeyRecoveryDesk desk, CancellationToken cancellationToken)
    {
        var body = await Bodies.ReadAsync<JudicialKeyRecoveryBody>(context.Request, cancellationToken);
        var application = await desk.OpenAsync(new JudicialKeyRecoveryRequest(body.TargetSerial, body.RecipientSerial,
            new LegalOrder(body.Authority, body.DocumentNumber, body.IssuedOn, body.Statement), RegistrationEndpoints.Evidence(body.Evidence)),
            RegistrationActors.Of(context), cancellationToken);
        return Results.Created("/api/v1/applications/" + application.Id, ApplicationView.From(application));
    }

    private static async Task<PinUnlockView> UnlockPinAsync(Guid id, HttpContext context, PinUnlockDesk desk, CancellationToken cancellationToken)
    {
        var body = await Bodies.ReadAsync<PinUnlockBody>(context.Request, cancellationToken);
        var (application, answer) = await desk.UnlockAsync(id, new PinUnlockInput(body.DeviceSerial, Names.Hex(body.Challenge, "challenge")), RegistrationActors.Of(context), cancellationToken);
        return new PinUnlockView(ApplicationView.From(application), Convert.ToHexStringLower(answer));
    }
}
