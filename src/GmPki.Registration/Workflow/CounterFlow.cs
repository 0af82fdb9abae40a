using GmPki.Core.Registration;
using GmPki.Registration.Documents;
using GmPki.Registration.Subscribers;

namespace GmPki.Registration.Workflow;

/// <summary>What the applicant presents at the counter, for <see cref="CounterFlow"/>.</summary>
/// <param name="Subscriber">The applicant's data (registered when <paramref name="ExistingSubscriber"/> is null).</param>
/// <param name="ExistingSubscriber">An already registered applicant, or null.</param>
/// <param name="Kind">What is asked for (new, renew, extend, change, suspend, resume, revoke, key-recovery, pin-unlock; a PIN unlock stops approved: its fulfilment needs the device's challenge).</param>
/// <param name="Profile">Certificate profile (defaults to the target certificate's for the kinds that act on one).</param>
/// <param name="CertificationRequest">PKCS#10 request for new, renew and change.</param>
/// <param name="TargetSerial">The certificate acted on, for the other kinds.</param>
/// <param name="Reason">Revocation reason, for revoke.</param>
/// <param name="IdentityMethod">How the identity was verified (<c>in-person</c>, <c>id-card-reader</c>, …).</param>
/// <param name="IdentityEvidence">Scans of the identity documents.</param>
/// <param name="Materials">The materials checklist as reviewed.</param>
/// <param name="PaperForms">Scans of the signed notices, agreement and application form (used as evidence of those steps).</param>
/// <param name="WillStatement">The applicant's declared will for this operation.</param>
/// <param name="NoticeVersion">The notice version on the paper the applicant signed; null for the version in force.</param>
/// <param name="AgreementVersion">The agreement version on the paper the applicant signed; null for the version in force.</param>
/// <param name="Dual">For new: a signing and an encryption certificate (双证书, see <see cref="ApplicationInput.Dual"/>).</param>
public sealed record CounterRequest(
    SubscriberInput? Subscriber,
    Guid? ExistingSubscriber,
    ApplicationKind Kind,
    string? Profile,
    byte[]? CertificationRequest,
    string? TargetSerial,
    string? Reason,
    string IdentityMethod,
    IReadOnlyList<EvidenceInput> IdentityEvidence,
    IReadOnlyDictionary<string, bool> Materials,
    IReadOnlyList<EvidenceInput> PaperForms,
    string WillStatement,
    int? NoticeVersion = null,
    int? AgreementVersion = null,
    bool Dual = false);

/// <summary>
/// The registration counter (柜台): a registrar serves an applicant in person and records every
/// step of the workflow in order — identity, materials, the paper notices and agreement in force,
/// the applicant's will, subject consistency — then, where the profile does not require a second
/// person, approves, has the CA act, and records the hand-over. Under the two-person rule it stops
/// at <see cref="ApplicationState.AwaitingApproval"/> for a reviewer. Used by <c>gmpki issue</c>
/// and <c>POST /api/v1/counter/applications</c>.
/// </summary>
public sealed class CounterFlow(
    SubscriberRegistry subscribers,
    ApplicationDesk applications,
    StepDesk steps,
    DecisionDesk decisions,
    FulfilmentDesk fulfilment,
    DocumentDesk documents)
{
    /// <summary>Runs the counter flow as far as the registrar alone may take it.</summary>
    /// <returns>The application: <see cref="ApplicationState.Completed"/>, or awaiting approval under the two-person rule, or rejected by a failed step.</returns>
    /// <exception cref="Core.Errors.GmPkiException">
    /// Any error of the steps. The whole request is checked before anything is recorded (<see cref="CounterIntake"/>),
    /// so an input error leaves no subscriber, application, step or evidence; a failure after the application was
    /// recorded names it (<see cref="Core.Errors.GmPkiException.ApplicationId"/>) and withdraws it when it was
    /// not yet approved.
    /// </exception>
    public async Task<CertificateApplication> RunAsync(CounterRequest request, RegistrationActor registrar, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(registrar);
        if (StepTable.OpenedWithGrounds(request.Kind))
        {
            throw Core.Errors.Errors.RequestInvalid.With(request.Kind == ApplicationKind.AuthorityRevoke
                ? "a revocation on the CA's own grounds does not go through the counter flow: it is opened with its grounds (POST /api/v1/authority-revocations, gmpki revoke --ground)."
                : "a judicial key recovery does not go through the counter flow: it is opened with its legal order (POST /api/v1/judicial-key-recoveries).");
        }

        var notice = await InForceAsync(DocumentKind.Notice, request.NoticeVersion, cancellationToken);
        var agreement = await InForceAsync(DocumentKind.Agreement, request.AgreementVersion, cancellationToken);
        Subscriber subscriber;
        if (request.ExistingSubscriber is { } existing)
        {
            subscriber = await subscribers.ReadAsync(existing, registrar, cancellationToken);
            CounterIntake.Demand(request, subscriber.Type, subscriber.OrganizationId is not null);
        }
        else
        {
            var data = request.Subscriber ?? throw Core.Errors.Errors.RequestInvalid.With("the applicant's data or an existing subscriber is needed.");
            CounterIntake.Demand(request, data.Type, data.OrganizationId is not null);
            await applications.CheckFirstApplicationAsync(request.Kind, request.Profile, request.CertificationRequest, request.Dual, registrar, cancellationToken);
            subscriber = await subscribers.RegisterAsync(data, registrar, selfService: false, cancellationToken);
        }

        var opened = await applications.OpenAsync(
            new ApplicationInput(request.Kind, subscriber.Id, request.Profile, request.CertificationRequest, request.TargetSerial, request.Reason, request.Dual),
            registrar, selfService: false, cancellationToken);
        try
        {
            return await StepsAsync(request, opened.Application, subscriber, notice, agreement, registrar, cancellationToken);
        }
        catch (Core.Errors.GmPkiException e)
        {
            throw await StoppedAsync(e, opened.Application.Id, registrar);
        }
    }

    private async Task<CertificateApplication> StepsAsync(
        CounterRequest request, CertificateApplication application, Subscriber subscriber, int notice, int agreement, RegistrationActor registrar, CancellationToken cancellationToken)
    {
        var id = application.Id;
        foreach (var step in StepTable.For(request.Kind))
        {
            if (application.State is ApplicationState.Rejected or ApplicationState.Completed
                || (step == WorkflowStep.Approval && application.TwoPersonRule)
                || (step == WorkflowStep.Fulfilment && request.Kind == ApplicationKind.PinUnlock))
            {
                break;
            }

            application = step switch
            {
                WorkflowStep.IdentityVerification => await steps.VerifyIdentityAsync(id,
                    new IdentityVerificationInput(request.IdentityMethod, true, $"{KebabNames.Of(subscriber.IdentityDocument)} {PersonalData.Mask(subscriber.IdentityNumber)}"),
                    request.IdentityEvidence, registrar, cancellationToken),
                WorkflowStep.MaterialsReview => await steps.ReviewMaterialsAsync(id, new MaterialsReviewInput(request.Materials), request.PaperForms, registrar, cancellationToken),
                WorkflowStep.NoticeAcknowledgement => await steps.AcknowledgeNoticesAsync(id,
                    new DocumentConsentInput(notice, "paper-scan"), request.PaperForms, registrar, cancellationToken),
                WorkflowStep.AgreementSignature => await steps.SignAgreementAsync(id,
                    new DocumentConsentInput(agreement, "paper-scan"), request.PaperForms, registrar, cancellationToken),
                WorkflowStep.WillConfirmation => await steps.ConfirmWillAsync(id, new WillConfirmationInput("in-person", request.WillStatement), null, registrar, cancellationToken),
                WorkflowStep.SubjectConsistency => await steps.CheckSubjectConsistencyAsync(id, registrar, cancellationToken),
                WorkflowStep.Approval => await decisions.DecideAsync(id, new ApprovalInput(true, "approved at the counter (no two-person rule for this profile)"), registrar, cancellationToken),
                WorkflowStep.Fulfilment => await fulfilment.FulfilAsync(id, registrar, cancellationToken),
                WorkflowStep.Acceptance => await fulfilment.AcceptAsync(id, new AcceptanceInput("in-person", subscriber.IdentityNumber), null, registrar, cancellationToken),
                _ => throw new InvalidOperationException($"no counter action for {step}"),
            };
        }

        return application;
    }

    /// <summary>
    /// A step failed after the application was recorded: an application still before approval is
    /// withdrawn (so no open application is left behind); an approved one stays approved for a
    /// retried fulfilment; a fulfilled one waits for its acceptance. The error names the
    /// application and where it stands.
    /// </summary>
    private async Task<Core.Errors.GmPkiException> StoppedAsync(Core.Errors.GmPkiException failure, Guid id, RegistrationActor registrar)
    {
        try
        {
            var application = await applications.ReadAsync(id, registrar, CancellationToken.None);
            if (application.State is ApplicationState.Open or ApplicationState.AwaitingApproval)
            {
                application = await applications.WithdrawAsync(id, $"counter request stopped: {failure.Error.Code}", registrar, CancellationToken.None);
            }

            return failure.ForApplication(id, application.State switch
            {
                ApplicationState.Approved => $"approved: retry its fulfilment with gmpki application fulfil {id:D} or POST /api/v1/applications/{id:D}/fulfilment",
                ApplicationState.Fulfilled => $"fulfilled: record its acceptance (POST /api/v1/applications/{id:D}/acceptance)",
                var state => KebabNames.Of(state),
            });
        }
        catch (Core.Errors.GmPkiException)
        {
            return failure.ForApplication(id, "left as it stood");
        }
    }

    /// <summary>The version in force of <paramref name="kind"/>, refusing before anything is recorded when the applicant signed another.</summary>
    private async Task<int> InForceAsync(DocumentKind kind, int? signed, CancellationToken cancellationToken)
    {
        var current = (await documents.GetAsync(kind, null, cancellationToken)).Version;
        return signed is null || signed == current ? current
            : throw Core.Errors.Errors.StepInvalid.With($"the applicant signed {KebabNames.Of(kind)} version {signed}, but version {current} is in force: have them read and sign the current one.");
    }
}
