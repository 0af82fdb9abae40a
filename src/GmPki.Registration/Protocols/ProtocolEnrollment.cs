using System.Text.Json;
using GmPki.Core.Errors;
using GmPki.Core.Ledger;
using GmPki.Core.Registration;
using GmPki.Cryptography.Sm;
using GmPki.Registration.Documents;
using GmPki.Registration.Workflow;

namespace GmPki.Registration.Protocols;

/// <summary>
/// A protocol request (EST simpleenroll, CMP ir/cr/p10cr/kur/rr, …) as an application (docs/protocols.md): the
/// authenticated protocol account acts as the applicant, and each step records what satisfies it —
/// identity by the protocol's authentication of an account bound at the desk to a verified
/// subscriber, materials, notices and agreement by reference to the account's basis application
/// (refused when the notices or agreement in force have changed since, so the holder signs the new
/// ones at the desk first), the will by the request signed with the key to be certified, subject
/// consistency checked as always, approval by the account unless the profile's two-person rule
/// needs a reviewer, then issuance and delivery through the protocol. The five steps the account
/// satisfies are written in one ledger write.
/// </summary>
public sealed class ProtocolEnrollment(
    IRegistrationLedger ledger,
    ApplicationDesk applications,
    StepDesk stepDesk,
    FulfilmentDesk fulfilment,
    DocumentDesk documents,
    StepWriter steps,
    ICertificateDirectory certificates)
{
    /// <summary>Enrolls: opens a new application (or a renewal of <paramref name="renewSerial"/>) for the account's subscriber and profile and records its steps.</summary>
    /// <param name="account">The authenticated account.</param>
    /// <param name="authentication">How the protocol authenticated it, e.g. <c>http-basic</c>.</param>
    /// <param name="request">PKCS#10 request, DER or PEM.</param>
    /// <param name="renewSerial">For re-enrollment: the certificate renewed (issued to the same subscriber, not revoked).</param>
    /// <param name="requestId">Correlation ID, or null.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>The application: completed with <see cref="CertificateApplication.ResultSerial"/>, awaiting approval under the two-person rule, or rejected (subject not the holder's).</returns>
    /// <exception cref="GmPkiException"><c>step-invalid</c> when the notices or agreement changed since the basis; any error of opening (<c>csr-*</c>, …) or issuance.</exception>
    public Task<CertificateApplication> EnrollAsync(ProtocolAccount account, string authentication, byte[] request, string? renewSerial, string? requestId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(account);
        ArgumentNullException.ThrowIfNull(request);
        return ApplyAsync(account, authentication,
            new ApplicationInput(renewSerial is null ? ApplicationKind.New : ApplicationKind.Renew, account.SubscriberId, account.Profile, request, renewSerial, null),
            "certification request signed with the key to be certified", requestId, cancellationToken);
    }

    /// <summary>
    /// Revokes a certificate of the account's subscriber (CMP rr, RFC 4210 §5.3.9) as a <c>revoke</c>
    /// application with the same steps as an enrollment (no subject check, no delivery): the will is
    /// the revocation request the protocol authenticated.
    /// </summary>
    /// <param name="account">The authenticated account.</param>
    /// <param name="authentication">How the protocol authenticated it, e.g. <c>cmp-signature</c>.</param>
    /// <param name="serial">Hex serial of the certificate revoked: the subscriber's, of the account's profile.</param>
    /// <param name="reason">An RFC 5280 reason name (see <see cref="ApplicationInput.Reason"/>), or null for unspecified.</param>
    /// <param name="requestId">Correlation ID, or null.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>The application: completed (revoked), or awaiting approval under the two-person rule.</returns>
    /// <exception cref="GmPkiException"><c>forbidden</c> for a certificate of another profile; <c>request-invalid</c> for another subscriber's or an already revoked certificate; <c>certificate-not-found</c>; <c>step-invalid</c> as for enrollment; any error of the status change.</exception>
    public async Task<CertificateApplication> RevokeAsync(ProtocolAccount account, string authentication, string serial, string? reason, string? requestId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(account);
        if (await certificates.FindAsync(SerialText.Normalize(serial), cancellationToken) is { } target && target.Reservation.Profile != account.Profile)
        {
            throw Errors.Forbidden.With($"{KebabNames.Of(account.Protocol)} account '{account.Name}' acts for profile '{account.Profile}', not on a '{target.Reservation.Profile}' certificate.");
        }

        return await ApplyAsync(account, authentication, new ApplicationInput(ApplicationKind.Revoke, account.SubscriberId, null, null, serial, reason),
            "revocation request authenticated by the protocol", requestId, cancellationToken);
    }

    private async Task<CertificateApplication> ApplyAsync(ProtocolAccount account, string authentication, ApplicationInput input, string statement, string? requestId, CancellationToken cancellationToken)
    {
        var basis = await ledger.FindApplicationAsync(account.BasisApplicationId, cancellationToken)
            ?? throw Errors.ApplicationNotFound.With($"the basis application {account.BasisApplicationId} of the account is gone.");
        var notice = await InForceAsync(basis, WorkflowStep.NoticeAcknowledgement, DocumentKind.Notice, cancellationToken);
        var agreement = await InForceAsync(basis, WorkflowStep.AgreementSignature, DocumentKind.Agreement, cancellationToken);
        var opened = await applications.OpenAsync(input, RegistrationActor.ProtocolClient(account, null, requestId), selfService: true, cancellationToken);
        var actor = RegistrationActor.ProtocolClient(account, opened.Application.Id, requestId);
        var reference = new { protocol = KebabNames.Of(account.Protocol), account = account.Name, basis = basis.Id };
        var application = opened.Application;
        var identity = basis.Passed(WorkflowStep.IdentityVerification);
        application = await steps.RecordAllAsync(application,
        [
            new PendingStep(WorkflowStep.IdentityVerification, true, "protocol-authentication",
                new { reference, authentication, basisVerifiedAt = identity?.RecordedAt, basisMethod = identity?.Method }),
            new PendingStep(WorkflowStep.MaterialsReview, true, "protocol-account", new { reference, basisReviewedAt = basis.Passed(WorkflowStep.MaterialsReview)?.RecordedAt }),
            new PendingStep(WorkflowStep.NoticeAcknowledgement, true, "protocol-account", new { reference, document = "notice", version = notice.Version, sm3 = notice.Sm3 }),
            new PendingStep(WorkflowStep.AgreementSignature, true, "protocol-account",
                new { reference, document = "agreement", version = agreement.Version, sm3 = agreement.Sm3, cpsVersion = agreement.CpsVersion }),
            new PendingStep(WorkflowStep.WillConfirmation, true, "protocol-request",
                new { operation = KebabNames.Of(application.Kind), statement, requestSm3 = application.CertificationRequest is { } request ? Sm3.HashHex(request) : null }),
        ], actor, cancellationToken);
        if (StepTable.Issues(application.Kind))
        {
            application = await stepDesk.CheckSubjectConsistencyAsync(application.Id, actor, cancellationToken);
        }

        if (application.State == ApplicationState.Rejected || application.TwoPersonRule)
        {
            return application;
        }

        application = await steps.RecordAsync(application, WorkflowStep.Approval, true, actor, "protocol-account",
            new { comment = "approved by the protocol account (no two-person rule for this profile)", reference, twoPersonRule = false }, null, cancellationToken);
        var fulfilled = await fulfilment.FulfilAsync(application.Id, actor, cancellationToken);
        return StepTable.Issues(fulfilled.Kind) ? await DeliverAsync(fulfilled, account, requestId) : fulfilled;
    }

    /// <summary>
    /// For a request repeated by its client (RFC 7030 §4.2.3): once a reviewer approved, issues and
    /// delivers; when the certificate was issued but its delivery was not recorded (the client went
    /// away), delivers it now; otherwise returns the application as it stands (awaiting approval,
    /// rejected, or completed already).
    /// </summary>
    /// <exception cref="GmPkiException">Issuance errors; <c>application-changed</c> or <c>workflow-step-out-of-order</c> when an identical request acts at the same moment.</exception>
    public async Task<CertificateApplication> ResumeAsync(CertificateApplication application, ProtocolAccount account, string? requestId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(application);
        return application.State switch
        {
            ApplicationState.Approved when StepTable.Issues(application.Kind) => await DeliverAsync(
                await fulfilment.FulfilAsync(application.Id, RegistrationActor.ProtocolClient(account, application.Id, requestId), cancellationToken), account, requestId),
            ApplicationState.Approved => await fulfilment.FulfilAsync(application.Id, RegistrationActor.ProtocolClient(account, application.Id, requestId), cancellationToken),
            ApplicationState.Fulfilled => await DeliverAsync(application, account, requestId),
            _ => application,
        };
    }

    /// <summary>Records the delivery; not cancellable, since the certificate exists once fulfilled and the client's retry finds it.</summary>
    private Task<CertificateApplication> DeliverAsync(CertificateApplication application, ProtocolAccount account, string? requestId)
        => steps.RecordAsync(application, WorkflowStep.Acceptance, true, RegistrationActor.ProtocolClient(account, application.Id, requestId), "protocol-delivery",
            new { certificate = application.ResultSerial, receiver = $"protocol account {KebabNames.Of(account.Protocol)}:{account.Name}" }, null, CancellationToken.None);

    /// <summary>The document in force, refusing when the basis application's holder consented to another version.</summary>
    private async Task<PublishedDocument> InForceAsync(CertificateApplication basis, WorkflowStep step, DocumentKind kind, CancellationToken cancellationToken)
    {
        var current = await documents.GetAsync(kind, null, cancellationToken);
        var consented = basis.Passed(step) is { } record && JsonDocument.Parse(record.Details).RootElement.TryGetProperty("version", out var version) ? version.GetInt32() : (int?)null;
        return consented == current.Version ? current
            : throw Errors.StepInvalid.With($"the account's holder consented to {KebabNames.Of(kind)} version {consented}, but version {current.Version} is in force: they sign it at the desk (a new basis application and account) before enrolling again.");
    }
}
