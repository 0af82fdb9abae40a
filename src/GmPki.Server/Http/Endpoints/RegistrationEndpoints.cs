using GmPki.Core.Errors;
using GmPki.Core.Registration;
using GmPki.Core.Security;
using GmPki.Issuance.Formats;
using GmPki.Kmc.Envelopes;
using GmPki.Registration.Documents;
using GmPki.Registration.Subscribers;
using GmPki.Registration.Workflow;
using GmPki.Server.OpenApi;
using Microsoft.AspNetCore.Mvc;

namespace GmPki.Server.Http.Endpoints;

/// <summary>
/// The registration workflow over REST (<c>docs/registration.md</c>): subscribers, applications
/// and their steps, evidence, published documents, and the counter flow. Operators authenticate
/// with API keys; an applicant with the access token of their application.
/// </summary>
internal static class RegistrationEndpoints
{
    /// <summary>Largest body of a step with evidence: 24 MiB (evidence files are at most 10 MiB each, base64 inflates by a third).</summary>
    public const long MaxBody = 24 * 1024 * 1024;

    public static void Map(IEndpointRouteBuilder app)
    {
        var subscribers = app.MapGroup("/api/v1/subscribers").WithTags("Registration").RequireAuthorization(Policies.Read);
        subscribers.MapPost("/", RegisterSubscriberAsync).RequireAuthorization(Policies.Desk).JsonBody<SubscriberBody>().Produces<SubscriberView>(StatusCodes.Status201Created).Problems(404, 409)
            .Operation("registerSubscriber", "Register a subscriber (registrar, agency operator)", "登记证书用户（订户）：个人、机构或政务部门，证件号码经校验。Registers a subscriber; identity numbers are checked.");
        subscribers.MapGet("/{id:guid}", ReadSubscriberAsync).RequireAuthorization(Policies.PersonalData).Produces<SubscriberView>().Problems(404)
            .Operation("getSubscriber", "Read a subscriber's data (audited)", "读取订户的个人信息，记入审计（subscriber.read）。Reads a subscriber's personal data; audited.");

        var applications = app.MapGroup("/api/v1/applications").WithTags("Registration");
        applications.MapPost("/", OpenAsync).AllowAnonymous().WithMetadata(new RequestSizeLimitAttribute(CertificateEndpoints.MaxBody), new OperationConventions.OptionalOperator())
            .JsonBody<OpenApplicationBody>().Produces<OpenedApplicationView>(StatusCodes.Status201Created).Problems(403, 404, 409)
            .Operation("openApplication", "Open an application (operators, or an applicant online)",
                "开立证书申请：操作员为已登记订户开立，或申请人在线以本人信息申请；返回一次性的申请访问令牌。Opens an application; the response carries the application's access token once.");
        applications.MapGet("/", ListAsync).RequireAuthorization(Policies.Read).Produces<ApplicationPage>().Problems(400)
            .Operation("listApplications", "List applications, newest first", "按时间倒序列出申请，可按状态筛选、分页（?state=&page=&pageSize=）。Lists applications, newest first.");
        applications.MapGet("/{id:guid}", ReadAsync).RequireAuthorization(Policies.Participant).Produces<ApplicationView>().Problems(404)
            .Operation("getApplication", "An application with its steps", "读取申请及其各环节记录（申请人或操作员）。An application with its recorded steps.");
        applications.MapGet("/{id:guid}/pair", ReadPairAsync).RequireAuthorization(Policies.Participant).Produces<PairView>().Problems(404)
            .Operation("getApplicationPair", "A dual application's certificate pair and the encryption key's SM2 envelope (applicant or operators)",
                "双证书申请的签名证书、加密证书和加密密钥的 SM2 数字信封。The signing and encryption certificates and the encryption key's SM2 envelope.");
        applications.MapGet("/{id:guid}/recovered-key", ReadRecoveredKeyAsync).RequireAuthorization(Policies.Participant)
            .Produces<byte[]>(StatusCodes.Status200OK, "application/octet-stream").Problems(400, 404)
            .Operation("getRecoveredKey", "A completed key recovery's enveloped key (applicant or operators; audited)",
                "已完成的密钥恢复的 DER SM2EnvelopedKey，或 ?format=skf 时为 SKF ENVELOPEDKEYBLOB；记入审计。The recovered key's DER SM2EnvelopedKey, or with ?format=skf its SKF ENVELOPEDKEYBLOB.");
        MapStep<IdentityBody, StepDesk>(applications, "identity-verification", "recordIdentityVerification", "身份鉴别：记录核验方式、结果和证据。Identity verification: method, result and evidence.",
            (d, id, b, a, ct) => d.VerifyIdentityAsync(id, new IdentityVerificationInput(b.Method, b.Passed, b.DocumentChecked, b.Notes), Evidence(b.Evidence), a, ct));
        MapStep<MaterialsBody, StepDesk>(applications, "materials-review", "recordMaterialsReview", "材料审核：逐项记录申请材料清单的核对结果。Materials review: the checklist.",
            (d, id, b, a, ct) => d.ReviewMaterialsAsync(id, new MaterialsReviewInput(b.Checklist, b.Notes), Evidence(b.Evidence), a, ct));
        MapStep<ConsentBody, StepDesk>(applications, "notice-acknowledgement", "recordNoticeAcknowledgement", "告知确认：申请人确认已阅读现行告知书。The applicant acknowledges the notice in force.",
            (d, id, b, a, ct) => d.AcknowledgeNoticesAsync(id, Consent(b), Evidence(b.Evidence), a, ct));
        MapStep<ConsentBody, StepDesk>(applications, "agreement-signature", "recordAgreementSignature", "签署协议：申请人签署现行证书服务协议。The applicant signs the subscriber agreement in force.",
            (d, id, b, a, ct) => d.SignAgreementAsync(id, Consent(b), Evidence(b.Evidence), a, ct));
        MapStep<WillBody, StepDesk>(applications, "will-confirmation", "recordWillConfirmation", "意愿确认：记录申请人申请证书的真实意愿。The applicant's will to apply.",
            (d, id, b, a, ct) => d.ConfirmWillAsync(id, new WillConfirmationInput(b.Method, b.Statement, b.Signature is null ? null : Names.Base64(b.Signature, "signature")), Evidence(b.Evidence), a, ct));
        MapStep<object, StepDesk>(applications, "subject-consistency", "checkSubjectConsistency", "主体一致性检查：CSR 主体与登记信息一致。The CSR's subject matches the registered data.",
            (d, id, _, a, ct) => d.CheckSubjectConsistencyAsync(id, a, ct));
        MapStep<ApprovalInput, DecisionDesk>(applications, "kmc-approval", "recordKmcApproval", "KMC 审批（司法密钥恢复，两名 KMC 人员）。The KMC officers' approval of a judicial key recovery.",
            (d, id, b, a, ct) => d.DecideAsync(id, b, a, ct, WorkflowStep.KmcApproval));
        MapStep<ApprovalInput, DecisionDesk>(applications, "approval", "recordApproval", "审批：审核员批准或拒绝，双人原则。A reviewer approves or rejects (two-person rule).",
            (d, id, b, a, ct) => d.DecideAsync(id, b, a, ct));
        MapStep<object, FulfilmentDesk>(applications, "fulfilment", "fulfilApplication", "办理：签发、更新、撤销等，按申请类型执行。Carries out the application: issues, renews, revokes.",
            (d, id, _, a, ct) => d.FulfilAsync(id, a, ct));
        MapStep<AcceptanceBody, FulfilmentDesk>(applications, "acceptance", "recordAcceptance", "证书领取确认：记录领取方式和领取人。The holder's acceptance of the certificate.",
            (d, id, b, a, ct) => d.AcceptAsync(id, new AcceptanceInput(b.Method, b.ReceiverIdentityNumber), Evidence(b.Evidence), a, ct));
        MapStep<WithdrawalBody, ApplicationDesk>(applications, "withdrawal", "withdrawApplication", "撤回申请，记录原因。Withdraws the application, with the reason.",
            (d, id, b, a, ct) => d.WithdrawAsync(id, b.Reason, a, ct));

        app.MapGet("/api/v1/evidence/{id:guid}", ReadEvidenceAsync).WithTags("Registration").RequireAuthorization(Policies.PersonalData)
            .Produces<byte[]>(StatusCodes.Status200OK, "application/octet-stream").Problems(404)
            .Operation("getEvidence", "An evidence file's content (audited)", "读取证据文件（扫描件等）内容，记入审计（evidence.read）。An evidence file's content; audited.");
        app.MapPost("/api/v1/counter/applications", CounterAsync).WithTags("Registration").RequireAuthorization(Policies.Desk)
            .WithMetadata(new RequestSizeLimitAttribute(MaxBody)).JsonBody<CounterBody>().Produces<CounterResultView>(StatusCodes.Status201Created).Problems(404, 409, 503)
            .Operation("createCounterApplication", "The counter flow: a registrar records every step for an applicant present in person",
                "柜台办理：申请人到场，注册员一次记录身份鉴别、材料审核、告知、协议、意愿确认各环节，审批通过后签发并返回证书和证书链。"
                + " The counter flow: every step recorded at once for an applicant present in person; returns the certificate and chain once issued.");

        var documents = app.MapGroup("/api/v1/documents").WithTags("Registration");
        documents.MapGet("/{kind}", (string kind, DocumentDesk desk, CancellationToken ct) => desk.GetAsync(Names.Parse<DocumentKind>(kind, "kind"), null, ct))
            .Produces<PublishedDocument>().Problems(400, 404)
            .Operation("getDocument", "The notice, agreement or CPS in force", "现行的告知书（notice）、证书服务协议（agreement）或电子认证业务规则（cps）。The document in force.");
        documents.MapGet("/{kind}/{version:int}", (string kind, int version, DocumentDesk desk, CancellationToken ct) => desk.GetAsync(Names.Parse<DocumentKind>(kind, "kind"), version, ct))
            .Produces<PublishedDocument>().Problems(400, 404)
            .Operation("getDocumentVersion", "A published version", "已发布的某一版本。A published version of the document.");
        documents.MapPost("/{kind}", PublishAsync).RequireAuthorization(Policies.Administer).JsonBody<PublishDocumentBody>().Produces<PublishedDocument>()
            .Operation("publishDocument", "Publish the next version (ca-administrator)", "发布文件的下一版本（CA 管理员）。Publishes the next version.");
    }

    private static void MapStep<TBody, TDesk>(RouteGroupBuilder group, string step, string operationId, string description,
        Func<TDesk, Guid, TBody, RegistrationActor, CancellationToken, Task<CertificateApplication>> record)
        where TBody : class
        where TDesk : class
    {
        var endpoint = group.MapPost("/{id:guid}/" + step, async (Guid id, HttpContext context, [FromServices] TDesk desk, CancellationToken cancellationToken) =>
            {
                var body = typeof(TBody) == typeof(object) ? (TBody)new object() : await Bodies.ReadAsync<TBody>(context.Request, cancellationToken);
                return Results.Ok(ApplicationView.From(await record(desk, id, body, RegistrationActors.Of(context), cancellationToken)));
            })
            .RequireAuthorization(Policies.Participant)
            .WithMetadata(new RequestSizeLimitAttribute(MaxBody))
            .Produces<ApplicationView>()
            .Problems(404, 409)
            .Operation(operationId, $"Record the {step} step", description);
        if (typeof(TBody) != typeof(object))
        {
            endpoint.JsonBody<TBody>();
        }
    }

    private static async Task<IResult> RegisterSubscriberAsync(HttpContext context, SubscriberRegistry registry, CancellationToken cancellationToken)
    {
        var body = await Bodies.ReadAsync<SubscriberBody>(context.Request, cancellationToken);
        var subscriber = await registry.RegisterAsync(body.ToInput(), RegistrationActors.Of(context), selfService: false, cancellationToken);
        return Results.Created("/api/v1/subscribers/" + subscriber.Id, SubscriberView.From(subscriber));
    }

    private static async Task<SubscriberView> ReadSubscriberAsync(Guid id, HttpContext context, SubscriberRegistry registry, CancellationToken cancellationToken)
        => SubscriberView.From(await registry.ReadAsync(id, RegistrationActors.Of(context), cancellationToken));

    private static async Task<IResult> OpenAsync(HttpContext context, SubscriberRegistry registry, ApplicationDesk desk, CancellationToken cancellationToken)
    {
        var body = await Bodies.ReadAsync<OpenApplicationBody>(context.Request, cancellationToken);
        var actor = RegistrationActors.Of(context);
        var selfService = actor.Role is null;
        if (selfService && body.SubscriberId is not null)
        {
            throw Errors.Forbidden.With("an online applicant applies with their own data; applications for registered subscribers are opened by operators.");
        }

        var kind = Names.Parse<ApplicationKind>(body.Kind, "kind");
        if (StepTable.OpenedWithGrounds(kind))
        {
            throw Errors.RequestInvalid.With(kind == ApplicationKind.AuthorityRevoke
                ? "a revocation on the CA's own grounds is opened with its grounds: POST /api/v1/authority-revocations."
                : "a judicial key recovery is opened with its legal order: POST /api/v1/judicial-key-recoveries.");
        }

        var csr = Names.Csr(body.Csr);
        Guid subscriberId;
        if (body.SubscriberId is { } registered)
        {
            subscriberId = registered;
        }
        else if (body.Subscriber is { } data && selfService)
        {
            var input = data.ToInput();
            await desk.CheckFirstApplicationAsync(kind, body.Profile, csr, body.Dual, actor, cancellationToken);
            subscriberId = (await registry.RegisterAsync(input, actor, selfService: true, cancellationToken)).Id;
        }
        else
        {
            throw Errors.RequestInvalid.With(selfService ? "an online application carries the applicant's data ('subscriber')." : "name the applicant with 'subscriberId'.");
        }

        var opened = await desk.OpenAsync(new ApplicationInput(kind, subscriberId, body.Profile, csr, body.TargetSerial, body.Reason, body.Dual), actor, selfService, cancellationToken);
        return Results.Created("/api/v1/applications/" + opened.Application.Id, new OpenedApplicationView(ApplicationView.From(opened.Application), opened.AccessToken));
    }

    private static async Task<ApplicationView> ReadAsync(Guid id, HttpContext context, ApplicationDesk desk, CancellationToken cancellationToken)
        => ApplicationView.From(await desk.ReadAsync(id, RegistrationActors.Of(context), cancellationToken));

    private static async Task<PairView> ReadPairAsync(
        Guid id, HttpContext context, ApplicationDesk desk, IRegistrationLedger ledger, Core.Ledger.ICertificateDirectory certificates, AuthorityDirectory authorities, CancellationToken cancellationToken)
    {
        var application = await desk.ReadAsync(id, RegistrationActors.Of(context), cancellationToken);
        return await PairView.OfAsync(application, ledger, certificates, authorities, cancellationToken)
            ?? throw Errors.CertificateNotFound.With(application.Dual ? $"application {id} has not issued its pair yet." : $"application {id} is not dual; it issues a single certificate.");
    }

    private static async Task<ApplicationPage> ListAsync(HttpContext context, IRegistrationLedger ledger, string? state, int? page, int? pageSize, CancellationToken cancellationToken)
    {
        var actor = RegistrationActors.Of(context);
        var filter = state is null ? (ApplicationState?)null : Names.Parse<ApplicationState>(state, "state");
        var agency = actor.Role == OperatorRole.AgencyOperator ? actor.Agency : null;
        var result = await ledger.ListApplicationsAsync(filter, agency, page ?? 1, pageSize ?? 50, cancellationToken);
        return new ApplicationPage([.. result.Items.Select(ApplicationView.From)], result.Total, result.PageNumber, result.PageSize);
    }

    private static async Task<IResult> ReadEvidenceAsync(Guid id, HttpContext context, EvidenceDesk desk, CancellationToken cancellationToken)
    {
        var file = await desk.ReadAsync(id, RegistrationActors.Of(context), cancellationToken);
        return Results.File(file.Content, file.Summary.MediaType, file.Summary.Name);
    }

    /// <summary>The recovered key's envelope: DER SM2EnvelopedKey, or with <c>?format=skf</c> the GM/T 0016 ENVELOPEDKEYBLOB (388 bytes) for <c>SKF_ImportECCKeyPair</c>.</summary>
    private static async Task<IResult> ReadRecoveredKeyAsync(
        Guid id, HttpContext context, ApplicationDesk desk, IRegistrationLedger ledger, Core.Ledger.IAuditLog audit, TimeProvider clock, string? format, CancellationToken cancellationToken)
    {
        var skf = format switch
        {
            null or "der" => false,
            "skf" => true,
            _ => throw Errors.RequestInvalid.With($"format '{format}' is not der or skf."),
        };
        var actor = RegistrationActors.Of(context);
        var application = await desk.ReadAsync(id, actor, cancellationToken);
        var file = application.Passed(WorkflowStep.Fulfilment)?.Evidence.FirstOrDefault(e => e.Name == FulfilmentDesk.RecoveredKeyFile)
            ?? throw Errors.CertificateNotFound.With($"application {id} has no recovered key: it is not a completed key recovery.");
        var envelope = await ledger.FindEvidenceAsync(file.Id, cancellationToken)
            ?? throw Errors.CertificateNotFound.With($"the recovered key of application {id} is gone.");
        await audit.AppendAsync(actor.Event(clock.GetUtcNow().UtcDateTime, "key-recovery.delivered", "application:" + id.ToString("D"), "success", new { sm3 = file.Sm3, format = skf ? "skf" : "der" }), cancellationToken);
        return skf
            ? Results.File(Sm2EnvelopedKey.Decode(envelope.Content).ToEnvelopedKeyBlob(), "application/octet-stream", "recovered-key.skf")
            : Results.File(envelope.Content, "application/octet-stream", FulfilmentDesk.RecoveredKeyFile);
    }

    private static async Task<IResult> CounterAsync(
        HttpContext context, CounterFlow counter, AuthorityDirectory authorities, Core.Ledger.ICertificateDirectory certificates, IRegistrationLedger ledger, CancellationToken cancellationToken)
    {
        var body = await Bodies.ReadAsync<CounterBody>(context.Request, cancellationToken);
        var application = await counter.RunAsync(new CounterRequest(
            body.Subscriber?.ToInput(), body.SubscriberId, Names.Parse<ApplicationKind>(body.Kind, "kind"), body.Profile,
            Names.Csr(body.Csr), body.TargetSerial, body.Reason, body.IdentityMethod,
            Evidence(body.IdentityEvidence), body.Materials, Evidence(body.PaperForms), body.WillStatement, body.NoticeVersion, body.AgreementVersion, body.Dual),
            RegistrationActors.Of(context), cancellationToken);
        var view = ApplicationView.From(application);
        if (application.ResultSerial is not { } serial || await certificates.FindAsync(serial, cancellationToken) is not { CertificateDer: { } der })
        {
            return Results.Created("/api/v1/applications/" + application.Id, new CounterResultView(view, null, null));
        }

        return Results.Created("/api/v1/applications/" + application.Id,
            new CounterResultView(view, CertificateEncodings.ToPem([der]), CertificateEncodings.ToPem(await authorities.ChainAsync(cancellationToken)),
                await PairView.OfAsync(application, ledger, certificates, authorities, cancellationToken)));
    }

    private static async Task<PublishedDocument> PublishAsync(string kind, HttpContext context, DocumentDesk desk, CancellationToken cancellationToken)
    {
        var body = await Bodies.ReadAsync<PublishDocumentBody>(context.Request, cancellationToken);
        return await desk.PublishAsync(Names.Parse<DocumentKind>(kind, "kind"), body.Title, body.Sections, body.CpsVersion, RequestAudit.ActorOf(context), cancellationToken);
    }

    private static DocumentConsentInput Consent(ConsentBody body) => new(body.Version, body.Method, body.Signature is null ? null : Names.Base64(body.Signature, "signature"));

    /// <summary>The workflow inputs of evidence files sent in a body (none when null).</summary>
    internal static List<EvidenceInput> Evidence(IReadOnlyList<EvidenceBody>? files) => [.. (files ?? []).Select(f => f.ToInput())];
}
