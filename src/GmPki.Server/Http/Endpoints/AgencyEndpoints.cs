using GmPki.Core.Errors;
using GmPki.Registration.Agencies;

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
            .WithSummary("The agencies with their filing state and warnings");
        agencies.MapGet("/{code}", ReadAsync).RequireAuthorization(Policies.Supervise).Produces<AgencyView>().WithSummary("An agency");
        agencies.MapGet("/{code}/report", ReportAsync).RequireAuthorization(Policies.Supervise).Produces<AgencyReportView>()
            .WithSummary("What the agency registered: ?from=yyyy-MM-dd&to=yyyy-MM-dd (China Standard Time, inclusive)");
        agencies.MapPost("/", RegisterAsync).RequireAuthorization(Policies.Administer).Produces<AgencyView>(StatusCodes.Status201Created)
            .WithSummary("Register an agency (ca-administrator)");
        agencies.MapPut("/{code}", ChangeAsync).RequireAuthorization(Policies.Administer).Produces<AgencyView>()
            .WithSummary("Change an agency; the change must be filed within 30 days (ca-administrator)");
        agencies.MapPost("/{code}/filings", FileAsync).RequireAuthorization(Policies.Administer).Produces<AgencyView>()
            .WithSummary("Record the filing (备案) of the agreement or of the pending change (ca-administrator)");
        agencies.MapPost("/{code}/suspension", SuspendAsync).RequireAuthorization(Policies.Administer).Produces<AgencyView>()
            .WithSummary("Suspend or resume an agency (ca-administrator)");
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
