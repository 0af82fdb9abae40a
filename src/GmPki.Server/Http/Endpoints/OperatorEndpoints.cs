using GmPki.Core.Ledger;
using GmPki.Server.OpenApi;

namespace GmPki.Server.Http.Endpoints;

/// <summary>
/// Operator accounts' lifecycle (CA administrators only, every change audited): list, disable,
/// enable again, rotate the API key with an optional expiry. A disabled account or replaced key is
/// refused at once on this node and within 30 s on every node sharing the database.
/// </summary>
internal static class OperatorEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        var operators = app.MapGroup("/api/v1/operators").WithTags("Operators").RequireAuthorization(Policies.Administer);
        operators.MapGet("/", async (IOperatorStore store, CancellationToken ct) => (await store.ListAsync(ct)).Select(OperatorView.From).ToList())
            .Produces<List<OperatorView>>()
            .Operation("listOperators", "Every operator account (CA administrator)", "全部操作员账户（不含密钥）。Every operator account, without keys.");
        operators.MapPost("/{name}/disable", (string name, HttpContext context, OperatorAccounts accounts, CancellationToken ct) => SetDisabledAsync(name, true, context, accounts, ct))
            .Produces(StatusCodes.Status204NoContent).Problems(400, 404)
            .Operation("disableOperator", "Disable an operator account (CA administrator)", "停用操作员账户，所有节点 30 秒内拒绝其凭据。Disables the account; every node refuses its credentials within 30 s.");
        operators.MapPost("/{name}/enable", (string name, HttpContext context, OperatorAccounts accounts, CancellationToken ct) => SetDisabledAsync(name, false, context, accounts, ct))
            .Produces(StatusCodes.Status204NoContent).Problems(404)
            .Operation("enableOperator", "Enable an operator account again (CA administrator)", "重新启用操作员账户。Enables the account again.");
        operators.MapPost("/{name}/rotate", RotateAsync).JsonBody<OperatorRotationBody>()
            .Produces<RotatedOperatorKeyView>().Problems(400, 404)
            .Operation("rotateOperatorKey", "Give an operator a new API key, optionally expiring (CA administrator); shown once",
                "更换操作员 API 密钥（可设到期时间），新密钥仅显示一次，旧密钥作废。Replaces the API key (optionally with an expiry); the new key is shown once.");
    }

    private static async Task<IResult> SetDisabledAsync(string name, bool disabled, HttpContext context, OperatorAccounts accounts, CancellationToken cancellationToken)
    {
        await accounts.SetDisabledAsync(name, disabled, RegistrationActors.Of(context).Audit, cancellationToken);
        return Results.NoContent();
    }

    private static async Task<IResult> RotateAsync(string name, HttpContext context, OperatorAccounts accounts, CancellationToken cancellationToken)
    {
        var body = await Bodies.ReadAsync<OperatorRotationBody>(context.Request, cancellationToken);
        var expiresAt = body.ExpiresAt?.ToUniversalTime();
        var key = await accounts.RotateAsync(name, expiresAt, RegistrationActors.Of(context).Audit, cancellationToken);
        return Results.Ok(new RotatedOperatorKeyView(name, key, expiresAt));
    }
}
