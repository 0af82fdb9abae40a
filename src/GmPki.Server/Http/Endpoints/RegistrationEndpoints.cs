using GmPki.Core.Errors;
using GmPki.Core.Registration;
using GmPki.Core.Security;
using GmPki.Issuance.Formats;
using GmPki.Kmc.Envelopes;
using GmPki.Registration.Documents;
using GmPki.Registration.Subscribers;
using GmPki.Registration.Workflow;
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
        subscribers.MapPost("/", RegisterSubscriberAsync).RequireAuthorization(Policies.Desk).Produces<SubscriberView>(StatusCodes.Status201Created).WithSummary("Register a subscriber (registrar, agency operator)");
        subscribers.MapGet("/{id:guid}", ReadSubscriberAsync).RequireAuthorization(Policies.PersonalData).Produces<SubscriberView>().WithSummary("Read a subscriber's data (audited)");

        var applications = app.MapGroup("/api/v1/applications").WithTags("Registration");
        applications.MapPost("/", OpenAsync).AllowAnonymous().WithMetadata(new RequestSizeLimitAttribute(CertificateEndpoints.MaxBody))
            .Produces<OpenedApplicationView>(StatusCodes.Status201Created).WithSummary("Open an application (operators, or an applicant online)");
        applications.MapGet("/", ListAsync).RequireAuthorization(Policies.Read).Produces<ApplicationPage>().WithSummary("List applications, newest first");
        applications.MapGet("/{id:guid}", ReadAsync).RequireAuthorization(Policies.Participant).Produces<ApplicationView>().WithSummary("An application with its steps");
        applications.MapGet("/{id:guid}/pair", ReadPairAsync).RequireAuthorization(Policies.Participant).Produces<PairView>().ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("A dual application's certificate pair and the encryption key's SM2 envelope (applicant or operators)");
        applications.MapGet("/{id:guid}/recovered-key", ReadRecoveredKeyAsync).RequireAuthorization(Policies.Participant).ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("A completed key recovery's DER SM2EnvelopedKey to the recipient's key, or with ?format=skf its SKF ENVELOPEDKEYBLOB (applicant or operators; audited)");
        MapStep<IdentityBody>(applications, "identity-verification", (s, id, b, a, ct) => s.GetRequiredService<StepDesk>().VerifyIdentityAsync(id, new IdentityVerificationInput(b.Method, b.Passed, b.DocumentChecked, b.Notes), Evidence(b.Evidence), a, ct));
        MapStep<MaterialsBody>(applications, "materials-review", (s, id, b, a, ct) => s.GetRequiredService<StepDesk>().ReviewMaterialsAsync(id, new MaterialsReviewInput(b.Checklist, b.Notes), Evidence(b.Evidence), a, ct));
        MapStep<ConsentBody>(applications, "notice-acknowledgement", (s, id, b, a, ct) => s.GetRequiredService<StepDesk>().AcknowledgeNoticesAsync(id, Consent(b), Evidence(b.Evidence), a, ct));
        MapStep<ConsentBody>(applications, "agreement-signature", (s, id, b, a, ct) => s.GetRequiredService<StepDesk>().SignAgreementAsync(id, Consent(b), Evidence(b.Evidence), a, ct));
        MapStep<WillBody>(applications, "will-confirmation", (s, id, b, a, ct) => s.GetRequiredService<StepDesk>().ConfirmWillAsync(id,
            new WillConfirmationInput(b.Method, b.Statement, b.Signature is null ? null : Names.Base64(b.Signature, "signature")), Evidence(b.Evidence), a, ct));
        MapStep<object>(applications, "subject-consistency", (s, id, _, a, ct) => s.GetRequiredService<StepDesk>().CheckSubjectConsistencyAsync(id, a, ct));
        MapStep<ApprovalInput>(applications, "kmc-approval", (s, id, b, a, ct) => s.GetRequiredService<DecisionDesk>().DecideAsync(id, b, a, ct, WorkflowStep.KmcApproval));
        MapStep<ApprovalInput>(applications, "approval", (s, id, b, a, ct) => s.GetRequiredService<DecisionDesk>().DecideAsync(id, b, a, ct));
        MapStep<object>(applications, "fulfilment", (s, id, _, a, ct) => s.GetRequiredService<FulfilmentDesk>().FulfilAsync(id, a, ct));
        MapStep<AcceptanceBody>(applications, "acceptance", (s, id, b, a, ct) => s.GetRequiredService<FulfilmentDesk>().AcceptAsync(id, new AcceptanceInput(b.Method, b.ReceiverIdentityNumber), Evidence(b.Evidence), a, ct));
        MapStep<WithdrawalBody>(applications, "withdrawal", (s, id, b, a, ct) => s.GetRequiredService<ApplicationDesk>().WithdrawAsync(id, b.Reason, a, ct));

        app.MapGet("/api/v1/evidence/{id:guid}", ReadEvidenceAsync).WithTags("Registration").RequireAuthorization(Policies.PersonalData).WithSummary("An evidence file's content (audited)");
        app.MapPost("/api/v1/counter/applications", CounterAsync).WithTags("Registration").RequireAuthorization(Policies.Desk)
            .WithMetadata(new RequestSizeLimitAttribute(MaxBody)).Produces<CounterResultView>(StatusCodes.Status201Created)
            .WithSummary("The counter flow: a registrar records every step for an applicant present in person");

        var documents = app.MapGroup("/api/v1/documents").WithTags("Registration");
        documents.MapGet("/{kind}", (string kind, DocumentDesk desk, CancellationToken ct) => desk.GetAsync(Names.Parse<DocumentKind>(kind, "kind"), null, ct))
            .WithSummary("The notice, agreement or CPS in force");
        documents.MapGet("/{kind}/{version:int}", (string kind, int version, DocumentDesk desk, CancellationToken ct) => desk.GetAsync(Names.Parse<DocumentKind>(kind, "kind"), version, ct))
            .WithSummary("A published version");
        documents.MapPost("/{kind}", PublishAsync).RequireAuthorization(Policies.Administer).WithSummary("Publish the next version (ca-administrator)");
    }

    private static void MapStep<TBody>(RouteGroupBuilder group, string step,
        Func<IServiceProvider, Guid, TBody, RegistrationActor, CancellationToken, Task<CertificateApplication>> record)
        where TBody : class
        => group.MapPost("/{id:guid}/" + step, async (Guid id, HttpContext context, CancellationToken cancellationToken) =>
            {
                var body = typeof(TBody) == typeof(object) ? (TBody)new object() : await Bodies.ReadAsync<TBody>(context.Request, cancellationToken);
                return Results.Ok(ApplicationView.From(await record(context.RequestServices, id, body, RegistrationActors.Of(context), cancellationToken)));
            })
            .RequireAuthorization(Policies.Participant)
            .WithMetadata(new RequestSizeLimitAttribute(MaxBody))
            .Produces<ApplicationView>()
            .WithSummary($"Record the {step} step");

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
