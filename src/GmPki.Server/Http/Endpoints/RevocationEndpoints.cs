using GmPki.Core.Errors;
using GmPki.Core.Registration;
using GmPki.Registration.Workflow;
using GmPki.Server.OpenApi;
using Microsoft.AspNetCore.Mvc;

namespace GmPki.Server.Http.Endpoints;

/// <summary>
/// Revocation, suspension and resumption beyond one application at a time
/// (<c>docs/status-services.md</c>): a holder's request at the counter for one certificate, all of
/// a subscriber's or all of a compromised key's; revocations on the CA's own grounds (D §25);
/// urgent reports (挂失, M09 §31) by telephone and online that put the certificate on hold at once.
/// </summary>
internal static class RevocationEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapPost("/api/v1/counter/status-changes", StatusChangesAsync).WithTags("Registration").RequireAuthorization(Policies.Desk)
            .WithMetadata(new RequestSizeLimitAttribute(RegistrationEndpoints.MaxBody)).JsonBody<StatusChangeBody>().Produces<StatusChangeView>().Problems(404, 409, 503)
            .Operation("changeStatusAtCounter", "The counter flow for revoke, suspend or resume of one certificate, a subscriber's or a compromised key's",
                "柜台办理撤销、冻结或解冻：一张证书、一个订户的全部证书或一个已泄露密钥的全部证书。Revoke, suspend or resume at the counter.");
        app.MapPost("/api/v1/authority-revocations", AuthorityAsync).WithTags("Registration").RequireAuthorization(Policies.Desk)
            .WithMetadata(new RequestSizeLimitAttribute(RegistrationEndpoints.MaxBody)).JsonBody<AuthorityRevocationBody>().Produces<StatusChangeView>(StatusCodes.Status201Created).Problems(404, 409)
            .Operation("openAuthorityRevocations", "Open revocations on the CA's own grounds (D §25); each awaits a reviewer",
                "CA 依职权撤销证书：记录理由，每张证书一份申请，待审核员审批。Revocations on the CA's own grounds, each awaiting a reviewer.");
        var urgent = app.MapGroup("/api/v1/urgent-revocations").WithTags("Registration");
        urgent.MapPost("/", PhoneAsync).RequireAuthorization(Policies.Desk).JsonBody<PhoneReportBody>().Produces<OpenedApplicationView>(StatusCodes.Status201Created).Problems(404, 409)
            .Operation("reportUrgentRevocationByPhone", "Record an urgent report telephoned by the holder: the certificate is on hold at once",
                "记录持有人电话挂失：证书立即冻结。A telephoned urgent report; the certificate is on hold at once.");
        urgent.MapPost("/online", OnlineAsync).AllowAnonymous().JsonBody<OnlineReportBody>().Produces<OpenedApplicationView>(StatusCodes.Status201Created).Problems(403, 404, 409)
            .Operation("reportUrgentRevocationOnline", "The holder reports online with a signature of the certificate's key: the certificate is on hold at once",
                "持有人以证书私钥签名在线挂失：证书立即冻结。An online urgent report signed with the certificate's key.");
    }

    private static async Task<StatusChangeView> StatusChangesAsync(HttpContext context, CounterStatusChanges desk, CancellationToken cancellationToken)
    {
        var body = await Bodies.ReadAsync<StatusChangeBody>(context.Request, cancellationToken);
        var kind = Names.Parse<ApplicationKind>(body.Kind, "kind");
        var materials = body.Materials ?? (kind == ApplicationKind.Revoke ? throw Errors.RequestInvalid.With("a revocation at the counter reports the materials checklist ('materials').") : new Dictionary<string, bool>());
        var applications = await desk.RunAsync(new CounterStatusRequest(
            kind, new CertificateScope(body.Serial, body.SubscriberId, body.KeyOfSerial), body.Reason,
            body.IdentityMethod, RegistrationEndpoints.Evidence(body.IdentityEvidence), materials, RegistrationEndpoints.Evidence(body.PaperForms), body.WillStatement, body.NoticeVersion, body.AgreementVersion),
            RegistrationActors.Of(context), cancellationToken);
        return new StatusChangeView([.. applications.Select(ApplicationView.From)]);
    }

    private static async Task<IResult> AuthorityAsync(HttpContext context, AuthorityRevocationDesk desk, CancellationToken cancellationToken)
    {
        var body = await Bodies.ReadAsync<AuthorityRevocationBody>(context.Request, cancellationToken);
        var applications = await desk.OpenAsync(new AuthorityRevocationRequest(new CertificateScope(body.Serial, body.SubscriberId, body.KeyOfSerial), body.Ground, body.Reason,
            body.Statement, RegistrationEndpoints.Evidence(body.Evidence)), RegistrationActors.Of(context), cancellationToken);
        return Results.Created("/api/v1/applications?state=awaiting-approval", new StatusChangeView([.. applications.Select(ApplicationView.From)]));
    }

    private static async Task<IResult> PhoneAsync(HttpContext context, UrgentRevocationDesk desk, CancellationToken cancellationToken)
    {
        var body = await Bodies.ReadAsync<PhoneReportBody>(context.Request, cancellationToken);
        return Opened(await desk.ReportByPhoneAsync(body.Serial, body.Reason, new PhoneCaller(body.CallerName, body.CallerIdentityNumber, body.Note),
            RegistrationActors.Of(context), cancellationToken));
    }

    private static async Task<IResult> OnlineAsync(HttpContext context, UrgentRevocationDesk desk, CancellationToken cancellationToken)
    {
        var body = await Bodies.ReadAsync<OnlineReportBody>(context.Request, cancellationToken);
        return Opened(await desk.ReportOnlineAsync(new SignedUrgentReport(body.Serial, body.Reason, body.SignedAt, Names.Base64(body.Signature, "signature")),
            context.TraceIdentifier, cancellationToken));
    }

    private static IResult Opened(OpenedApplication opened)
        => Results.Created("/api/v1/applications/" + opened.Application.Id, new OpenedApplicationView(ApplicationView.From(opened.Application), opened.AccessToken));
}
