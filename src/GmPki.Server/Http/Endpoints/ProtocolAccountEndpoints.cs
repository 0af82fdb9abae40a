using GmPki.Core.Registration;
using GmPki.Registration.Protocols;
using GmPki.Server.OpenApi;

namespace GmPki.Server.Http.Endpoints;

/// <summary>Protocol accounts (协议接入账户, docs/protocols.md): created and disabled at the desk, listed by operators.</summary>
internal static class ProtocolAccountEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        var accounts = app.MapGroup("/api/v1/protocol-accounts").WithTags("Protocols");
        accounts.MapPost("/", CreateAsync).RequireAuthorization(Policies.Desk).JsonBody<ProtocolAccountBody>().Produces<CreatedProtocolAccountView>(StatusCodes.Status201Created).Problems(404, 409)
            .Operation("createProtocolAccount", "Create a protocol account on a completed desk application (registrar, agency operator); the secret is shown once",
                "以已完成的柜台申请为依据创建 ACME、CMP 或 EST 协议接入账户，口令仅显示一次。Creates an ACME, CMP or EST account; the secret is shown once.");
        accounts.MapGet("/", async (ProtocolAccounts desk, CancellationToken ct) => (await desk.ListAsync(ct)).Select(ProtocolAccountView.From).ToList())
            .RequireAuthorization(Policies.Read).Produces<List<ProtocolAccountView>>()
            .Operation("listProtocolAccounts", "Every protocol account", "全部协议接入账户（操作员）。Every protocol account.");
        accounts.MapPost("/{protocol}/{name}/disable", (string protocol, string name, HttpContext context, ProtocolAccounts desk, CancellationToken ct) => SetDisabledAsync(protocol, name, true, context, desk, ct))
            .RequireAuthorization(Policies.Desk).Produces(StatusCodes.Status204NoContent).Problems(400, 404)
            .Operation("disableProtocolAccount", "Disable an account", "停用协议接入账户。Disables the account.");
        accounts.MapPost("/{protocol}/{name}/enable", (string protocol, string name, HttpContext context, ProtocolAccounts desk, CancellationToken ct) => SetDisabledAsync(protocol, name, false, context, desk, ct))
            .RequireAuthorization(Policies.Desk).Produces(StatusCodes.Status204NoContent).Problems(400, 404)
            .Operation("enableProtocolAccount", "Enable an account again", "重新启用协议接入账户。Enables the account again.");
    }

    private static async Task<IResult> CreateAsync(HttpContext context, ProtocolAccounts desk, CancellationToken cancellationToken)
    {
        var body = await Bodies.ReadAsync<ProtocolAccountBody>(context.Request, cancellationToken);
        var (account, secret) = await desk.CreateAsync(new ProtocolAccountInput(Names.Parse<EnrollmentProtocol>(body.Protocol, "protocol"), body.Name, body.Profile, body.BasisApplicationId),
            RegistrationActors.Of(context), cancellationToken);
        return Results.Created($"/api/v1/protocol-accounts/{body.Protocol}/{account.Name}", new CreatedProtocolAccountView(ProtocolAccountView.From(account), secret));
    }

    private static async Task<IResult> SetDisabledAsync(string protocol, string name, bool disabled, HttpContext context, ProtocolAccounts desk, CancellationToken cancellationToken)
    {
        await desk.SetDisabledAsync(Names.Parse<EnrollmentProtocol>(protocol, "protocol"), name, disabled, RegistrationActors.Of(context), cancellationToken);
        return Results.NoContent();
    }
}
