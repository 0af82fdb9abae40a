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
/// satisfies are written in one ledger write. ACME enrollments record subject consistency as the
/// protocol's validation of the names (<see cref="EnrollValidatedAsync"/>), and ACME revocations
/// are revoke applications (<see cref="RevokeAsync"/>).
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
        => EnrollAsync(account, authentication, request, renewSerial, null, requestId, cancellationToken);

    /// <summary>
    /// Enrolls a certificate that names only identifiers the protocol itself validated as the
    /// account's (ACME, RFC 8555 §8: control of each DNS name proven by a challenge): the subject
    /// consistency step (R22 item 3) records that validation (method <c>protocol-validation</c>)
    /// instead of comparing the subject with the holder's legal name. The caller guarantees that
    /// the request names nothing but <paramref name="validatedNames"/> (subject CN and subjectAltName).
    /// </summary>
    /// <param name="account">The authenticated account.</param>
    /// <param name="authentication">How the protocol authenticated it, e.g. <c>jws-account-key</c>.</param>
    /// <param name="request">PKCS#10 request, DER or PEM.</param>
    /// <param name="validatedNames">The names and how each was validated, recorded as the step's details.</param>
    /// <param name="requestId">Correlation ID, or null.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>As <see cref="EnrollAsync(ProtocolAccount, string, byte[], string?, string?, CancellationToken)"/>.</returns>
    /// <exception cref="GmPkiException">As <see cref="EnrollAsync(ProtocolAccount, string, byte[], string?, string?, CancellationToken)"/>.</exception>
    public Task<CertificateApplication> EnrollValidatedAsync(ProtocolAccount account, string authentication, byte[] request, object validatedNames, string? requestId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(validatedNames);
        return EnrollAsync(account, authentication, request, null, validatedNames, requestId, cancellationToken);
    }

    /// <summary>
    /// Revokes a certificate of the account's subscriber at the protocol's request (ACME
    /// revokeCert, RFC 8555 §7.6; CMP rr, RFC 4210 §5.3.9): a revoke application whose identity,
    /// materials, notices, agreement and will steps are satisfied like an enrollment's (no subject
    /// check, no delivery), approved by the account and fulfilled at once.
    /// </summary>
    /// <param name="account">The authenticated account.</param>
    /// <param name="authentication">How the protocol authenticated the request, e.g. <c>jws-account-key</c>, <c>jws-certificate-key</c> or <c>cmp-signature</c>.</param>
    /// <param name="serial">The certificate (hex): the subscriber's, of the account's profile.</param>
    /// <param name="reason">RFC 5280 reason name (<c>unspecified</c>, <c>keyCompromise</c>, …), or null for unspecified.</param>
    /// <param name="signedRequest">The protocol request the protocol authenticated (its SM3 is recorded as the will).</param>
    /// <param name="requestId">Correlation ID, or null.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>The application: completed, or awaiting approval under the two-person rule.</returns>
    /// <exception cref="GmPkiException"><c>forbidden</c> for a certificate of another profile; <c>certificate-not-found</c>; <c>request-invalid</c> (not the subscriber's, revoked already, bad reason); <c>step-invalid</c> as for enrollment; any error of the status change.</exception>
    public async Task<CertificateApplication> RevokeAsync(ProtocolAccount account, string authentication, string serial, string? reason, byte[] signedRequest, string? requestId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(account);
        ArgumentNullException.ThrowIfNull(signedRequest);
        if (await certificates.FindAsync(SerialText.Normalize(serial), cancellationToken) is { } target && target.Reservation.Profile != account.Profile)
        {
            throw Errors.Forbidden.With($"{KebabNames.Of(account.Protocol)} account '{account.Name}' acts for profile '{account.Profile}', not on a '{target.Reservation.Profile}' certificate.");
        }

        var (application, actor, reference) = await OpenAsync(account, authentication, new ApplicationInput(ApplicationKind.Revoke, account.SubscriberId, null, null, serial, reason),
            "revocation request signed with the key the identity step names", Sm3.HashHex(signedRequest), requestId, cancellationToken);
        return application.TwoPersonRule ? application : await ApproveAndFulfilAsync(application, actor, reference, cancellationToken);
    }

    private async Task<CertificateApplication> EnrollAsync(ProtocolAccount account, string authentication, byte[] request, string? renewSerial, object? validatedNames, string? requestId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var (application, actor, reference) = await OpenAsync(account, authentication,
            new ApplicationInput(renewSerial is null ? ApplicationKind.New : ApplicationKind.Renew, account.SubscriberId, account.Profile, request, renewSerial, null),
            "certification request signed with the key to be certified", null, requestId, cancellationToken);
        application = validatedNames is null
            ? await stepDesk.CheckSubjectConsistencyAsync(application.Id, actor, cancellationToken)
            : await steps.RecordAsync(application, WorkflowStep.SubjectConsistency, true, actor, "protocol-validation",
                new { reference, finding = "the certificate names only identifiers the protocol validated as the account's", validated = validatedNames }, null, cancellationToken);
        if (application.State == ApplicationState.Rejected || application.TwoPersonRule)
        {
            return application;
        }

        return await DeliverAsync(await ApproveAndFulfilAsync(application, actor, reference, cancellationToken), account, requestId);
    }

    /// <summary>Opens the application as the account and records, in one write, the five steps the account satisfies (identity to will).</summary>
    private async Task<(CertificateApplication Application, RegistrationActor Actor, object Reference)> OpenAsync(
        ProtocolAccount account, string authentication, ApplicationInput input, string statement, string? requestSm3, string? requestId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(account);
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
                new { operation = KebabNames.Of(application.Kind), statement, requestSm3 = requestSm3 ?? Sm3.HashHex(application.CertificationRequest!) }),
        ], actor, cancellationToken);
        return (application, actor, reference);
    }

    private async Task<CertificateApplication> ApproveAndFulfilAsync(CertificateApplication application, RegistrationActor actor, object reference, CancellationToken cancellationToken)
    {
        application = await steps.RecordAsync(application, WorkflowStep.Approval, true, actor, "protocol-account",
            new { comment = "approved by the protocol account (no two-person rule for this profile)", reference, twoPersonRule = false }, null, cancellationToken);
        return await fulfilment.FulfilAsync(application.Id, actor, cancellationToken);
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
