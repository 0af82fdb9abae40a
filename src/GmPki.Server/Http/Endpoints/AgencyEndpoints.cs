using GmPki.Core.Errors;
using GmPki.Registration.Agencies;
using GmPki.Server.OpenApi;

namespace GmPki.Server.Http.Endpoints;

/// <summary>
/// Delegated registration agencies (受委托机构, M24 §25; <c>docs/registration.md</c>): the CA
/// administrator registers, changes, files and suspends them; administrators, audit officers
/// and inspectors read them with their filing state and activity reports.
/// </summary>
internal static class AgencyEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        var agencies = app.MapGroup("/api/v1/agencies").WithTags("Agencies");
        agencies.MapGet("/", ListAsync).RequireAuthorization(Policies.Supervise).Produces<IReadOnlyList<AgencyView>>()
            .Operation("listAgencies", "The agencies with their filing state and warnings", "受委托机构列表，含备案状态和提醒（CA 管理员、审计员、检查员）。The delegated agencies with filing state and warnings.");
        agencies.MapGet("/{code}", ReadAsync).RequireAuthorization(Policies.Supervise).Produces<AgencyView>().Problems(404)
            .Operation("getAgency", "An agency", "一个受委托机构及其备案状态。An agency with its filing state.");
        agencies.MapGet("/{code}/report", ReportAsync).RequireAuthorization(Policies.Supervise).Produces<AgencyReportView>().Problems(400, 404)
            .Operation("getAgencyReport", "What the agency registered in a period",
                "受委托机构在期间内的登记情况：?from=yyyy-MM-dd&to=yyyy-MM-dd（北京时间，含首尾）。Subscribers and applications the agency registered, from and to inclusive (China Standard Time).");
        agencies.MapPost("/", RegisterAsync).RequireAuthorization(Policies.Administer).JsonBody<AgencyBody>().Produces<AgencyView>(StatusCodes.Status201Created).Problems(409)
            .Operation("registerAgency", "Register an agency (ca-administrator)", "登记受委托机构及其委托协议（CA 管理员）。Registers a delegated agency and its agreement.");
        agencies.MapPut("/{code}", ChangeAsync).RequireAuthorization(Policies.Administer).JsonBody<AgencyBody>().Produces<AgencyView>().Problems(404, 409)
            .Operation("changeAgency", "Change an agency; the change must be filed within 30 days (ca-administrator)", "变更受委托机构信息，须在 30 日内备案（CA 管理员）。Changes an agency; the change is to be filed within 30 days.");
        agencies.MapPost("/{code}/filings", FileAsync).RequireAuthorization(Policies.Administer).JsonBody<FilingBody>().Produces<AgencyView>().Problems(404, 409)
            .Operation("fileAgency", "Record the filing of the agreement or of the pending change (ca-administrator)", "记录委托协议或待备案变更的备案日期（CA 管理员）。Records the filing (备案).");
        agencies.MapPost("/{code}/suspension", SuspendAsync).RequireAuthorization(Policies.Administer).JsonBody<SuspensionBody>().Produces<AgencyView>().Problems(404, 409)
            .Operation("setAgencySuspension", "Suspend or resume an agency (ca-administrator)", "暂停或恢复受委托机构的业务（CA 管理员）。Suspends or resumes an agency.");
    }

    private static async Task<IReadOnlyList<AgencyView>> ListAsync(AgencyRegistry registry, CancellationToken cancellationToken)
        => [.. (await registry.ListAsync(cancellationToken)).Select(a => AgencyView.From(a.Agency, a.Filing))];

    private static async Task<AgencyView> ReadAsync(string code, AgencyRegistry registry, CancellationToken cancellationToken)
        => View(registry, await registry.FindAsync(code, cancellationToken));

    private static async Task<IResult> RegisterAsync(HttpContext context, AgencyRegistry registry, CancellationToken cancellationToken)
    {
        var body = await Bodies.ReadAsync<AgencyBody>(context.Request, cancellationToken);
        var agency = await registry.RegisterAsync(body.Code ?? throw Errors.AgencyInvalid.With("code is required."), body.ToInput(), RegistrationActors.Of(context), cancellationToken);
        return Results.Created("/api/v1/agencies/" + agency.Code, View(registry, agency));
    }

    private static async Task<AgencyView> ChangeAsync(string code, HttpContext context, AgencyRegistry registry, CancellationToken cancellationToken)
    {
        var body = await Bodies.ReadAsync<AgencyBody>(context.Request, cancellationToken);
        return View(registry, await registry.ChangeAsync(code, body.ToInput(), RegistrationActors.Of(context), cancellationToken));
    }

    private static async Task<AgencyView> FileAsync(string code, HttpContext context, AgencyRegistry registry, CancellationToken cancellationToken)
    {
        var body = await Bodies.ReadAsync<FilingBody>(context.Request, cancellationToken);
        return View(registry, await registry.RecordFilingAsync(code, body.FiledOn, RegistrationActors.Of(context), cancellationToken));
    }

    private static async Task<AgencyView> SuspendAsync(string code, HttpContext context, AgencyRegistry registry, CancellationToken cancellationToken)
    {
        var body = await Bodies.ReadAsync<SuspensionBody>(context.Request, cancellationToken);
        return View(registry, await registry.SetSuspendedAsync(code, body.Suspended, body.Reason, RegistrationActors.Of(context), cancellationToken));
    }

    private static async Task<AgencyReportView> ReportAsync(string code, DateOnly from, DateOnly to, AgencyRegistry registry, CancellationToken cancellationToken)
    {
        var activity = await registry.ReportAsync(code, from, to, cancellationToken);
        return new AgencyReportView(View(registry, await registry.FindAsync(code, cancellationToken)), from, to, activity.SubscribersRegistered,
            [.. activity.Applications.Select(c => new ApplicationCountView(Core.Registration.KebabNames.Of(c.Kind), Core.Registration.KebabNames.Of(c.State), c.Count))]);
    }

    private static AgencyView View(AgencyRegistry registry, Core.Registration.Agency agency)
        => AgencyView.From(agency, Core.Registration.AgencyFiling.Of(agency, registry.Today));
}
