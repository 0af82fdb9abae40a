using GmPki.Registration.Workflow;
using Microsoft.AspNetCore.Mvc;

namespace GmPki.Server.Http.Endpoints;

/// <summary>
/// Key recovery beyond the holder's own application (docs/kmc.md): judicial key recovery
/// (司法密钥恢复) opened with its legal order. Its approvals (<c>kmc-approval</c>, <c>approval</c>)
/// and fulfilment are the application's steps; the envelope is downloaded from
/// <c>GET /api/v1/applications/{id}/recovered-key</c>.
/// </summary>
internal static class KeyRecoveryEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapPost("/api/v1/judicial-key-recoveries", OpenJudicialAsync).WithTags("Registration").RequireAuthorization(Policies.Desk)
            .WithMetadata(new RequestSizeLimitAttribute(RegistrationEndpoints.MaxBody)).Produces<ApplicationView>(StatusCodes.Status201Created)
            .WithSummary("Record a legal order for judicial key recovery (registrar); two KMC officers then approve");
    }

    private static async Task<IResult> OpenJudicialAsync(HttpContext context, JudicialKeyRecoveryDesk desk, CancellationToken cancellationToken)
    {
        var body = await Bodies.ReadAsync<JudicialKeyRecoveryBody>(context.Request, cancellationToken);
        var application = await desk.OpenAsync(new JudicialKeyRecoveryRequest(body.TargetSerial, body.RecipientSerial,
            new LegalOrder(body.Authority, body.DocumentNumber, body.IssuedOn, body.Statement), RegistrationEndpoints.Evidence(body.Evidence)),
            RegistrationActors.Of(context), cancellationToken);
        return Results.Created("/api/v1/applications/" + application.Id, ApplicationView.From(application));
    }
}
