using System.Text;
using GmPki.Core.Errors;
using GmPki.Core.Registration;
using GmPki.Cryptography.Sm;
using GmPki.Registration.Documents;

namespace GmPki.Registration.Workflow;

/// <summary>
/// Records the steps before approval, each only when it is the next one the application needs:
/// identity verification, materials review, notices, agreement, will and subject consistency.
/// </summary>
public sealed class StepDesk(IRegistrationLedger ledger, DocumentDesk documents, ApplicantCertificate certificates, StepWriter steps)
{
    /// <summary>The identity verification methods (身份查验方式).</summary>
    internal static readonly string[] IdentityMethods = ["in-person", "id-card-reader", "online-verification", "organization-documents"];
    private static readonly string[] WillMethods = ["click", "signature", "in-person", "phone", "paper-scan"];

    /// <summary>Identity verification (身份查验, M24 §21).</summary>
    public async Task<CertificateApplication> VerifyIdentityAsync(Guid id, IdentityVerificationInput input, IReadOnlyList<EvidenceInput>? evidence, RegistrationActor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var application = await PrepareAsync(id, WorkflowStep.IdentityVerification, actor, cancellationToken);
        Require(IdentityMethods.Contains(input.Method), $"identity verification method '{input.Method}' is not one of {string.Join(", ", IdentityMethods)}.");
        Require(!string.IsNullOrWhiteSpace(input.DocumentChecked), "say which document was checked.");
        return await steps.RecordAsync(application, WorkflowStep.IdentityVerification, input.Passed, actor, input.Method,
            new { documentChecked = input.DocumentChecked, notes = input.Notes }, evidence, cancellationToken);
    }

    /// <summary>Materials review (材料审查, M24 §21) against the subscriber type's checklist.</summary>
    public async Task<CertificateApplication> ReviewMaterialsAsync(Guid id, MaterialsReviewInput input, IReadOnlyList<EvidenceInput>? evidence, RegistrationActor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var application = await PrepareAsync(id, WorkflowStep.MaterialsReview, actor, cancellationToken);
        var subscriber = await SubscriberAsync(application, cancellationToken);
        var required = MaterialsChecklist.For(subscriber);
        MaterialsChecklist.Demand(input.Checklist, subscriber.Type, subscriber.OrganizationId is not null);
        var passed = required.All(item => input.Checklist[item]);
        return await steps.RecordAsync(application, WorkflowStep.MaterialsReview, passed, actor, "checklist",
            new { checklist = input.Checklist, notes = input.Notes }, evidence, cancellationToken);
    }

    /// <summary>The applicant acknowledges the notices in force (告知事项, M24 §21, D §23).</summary>
    public Task<CertificateApplication> AcknowledgeNoticesAsync(Guid id, DocumentConsentInput input, IReadOnlyList<EvidenceInput>? evidence, RegistrationActor actor, CancellationToken cancellationToken)
        => ConsentAsync(id, WorkflowStep.NoticeAcknowledgement, DocumentKind.Notice, input, evidence, actor, cancellationToken);

    /// <summary>The applicant signs the agreement in force (电子认证服务协议, M24 §21, D §24), tied to the CPS version it follows.</summary>
    public Task<CertificateApplication> SignAgreementAsync(Guid id, DocumentConsentInput input, IReadOnlyList<EvidenceInput>? evidence, RegistrationActor actor, CancellationToken cancellationToken)
        => ConsentAsync(id, WorkflowStep.AgreementSignature, DocumentKind.Agreement, input, evidence, actor, cancellationToken);

    /// <summary>The applicant's will for this specific operation (意愿, D §20(1)).</summary>
    public async Task<CertificateApplication> ConfirmWillAsync(Guid id, WillConfirmationInput input, IReadOnlyList<EvidenceInput>? evidence, RegistrationActor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var application = await PrepareAsync(id, WorkflowStep.WillConfirmation, actor, cancellationToken);
        Require(WillMethods.Contains(input.Method), $"will confirmation method '{input.Method}' is not one of {string.Join(", ", WillMethods)}.");
        Require(!string.IsNullOrWhiteSpace(input.Statement), "the applicant's statement of will is required.");
        Require(input.Method != "paper-scan" || evidence is { Count: > 0 }, "a paper-scan confirmation needs the scan as evidence.");
        if (input.Method == "signature")
        {
            var preview = await certificates.PreviewAsync(application, cancellationToken);
            Require(input.Signature is not null, "a signature confirmation needs the signature.");
            if (!ApplicantCertificate.VerifyApplicantSignature(preview, Sm3.Hash(Encoding.UTF8.GetBytes(input.Statement)), input.Signature))
            {
                throw Errors.AgreementSignatureInvalid.With("the signature over SM3 of the statement does not verify with the applicant's key.");
            }
        }

        return await steps.RecordAsync(application, WorkflowStep.WillConfirmation, true, actor, input.Method,
            new { operation = KebabNames.Of(application.Kind), statement = input.Statement }, evidence, cancellationToken);
    }

    /// <summary>
    /// Checks that the certificate will name the applicant (R22 item 3): a person's CN is their
    /// name (and staff carry their organisation as O or OU); an organisation's O (or, without O,
    /// its CN) is its name. A mismatch is recorded and rejects the application.
    /// </summary>
    public async Task<CertificateApplication> CheckSubjectConsistencyAsync(Guid id, RegistrationActor actor, CancellationToken cancellationToken)
    {
        var application = await PrepareAsync(id, WorkflowStep.SubjectConsistency, actor, cancellationToken);
        var subscriber = await SubscriberAsync(application, cancellationToken);
        var organization = subscriber.OrganizationId is { } organizationId ? await ledger.FindSubscriberAsync(organizationId, cancellationToken) : null;
        var preview = await certificates.PreviewAsync(application, cancellationToken);
        var (consistent, why) = SubjectConsistency.Check(subscriber, organization, preview);
        return await steps.RecordAsync(application, WorkflowStep.SubjectConsistency, consistent, actor, "automatic",
            new { subject = preview.Subject, applicant = subscriber.Name, organization = organization?.Name, finding = why }, null, cancellationToken);
    }

    private async Task<CertificateApplication> ConsentAsync(
        Guid id, WorkflowStep step, DocumentKind kind, DocumentConsentInput input, IReadOnlyList<EvidenceInput>? evidence, RegistrationActor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var application = await PrepareAsync(id, step, actor, cancellationToken);
        var document = await documents.GetAsync(kind, null, cancellationToken);
        if (input.Version != document.Version)
        {
            throw Errors.StepInvalid.With($"{KebabNames.Of(kind)} version {input.Version} is not the one in force (version {document.Version}).");
        }

        string[] methods = kind == DocumentKind.Notice ? ["click", "signature", "paper-scan"] : ["signature", "paper-scan"];
        Require(methods.Contains(input.Method), $"method '{input.Method}' is not one of {string.Join(", ", methods)}.");
        Require(input.Method != "paper-scan" || evidence is { Count: > 0 }, "a paper-scan needs the signed copy as evidence.");
        if (input.Method == "signature")
        {
            Require(input.Signature is not null, "a signature consent needs the signature.");
            var preview = await certificates.PreviewAsync(application, cancellationToken);
            if (!ApplicantCertificate.VerifyApplicantSignature(preview, Convert.FromHexString(document.Sm3), input.Signature))
            {
                throw Errors.AgreementSignatureInvalid.With($"the signature over the SM3 digest {document.Sm3} of {KebabNames.Of(kind)} version {document.Version} does not verify with the applicant's key.");
            }
        }

        return await steps.RecordAsync(application, step, true, actor, input.Method,
            new { document = KebabNames.Of(kind), version = document.Version, sm3 = document.Sm3, cpsVersion = document.CpsVersion, signature = input.Signature is null ? null : Convert.ToHexStringLower(input.Signature) },
            evidence, cancellationToken);
    }

    private async Task<CertificateApplication> PrepareAsync(Guid id, WorkflowStep step, RegistrationActor actor, CancellationToken cancellationToken)
    {
        var application = await steps.LoadAsync(id, cancellationToken);
        StepPermissions.Demand(actor, step, application);
        StepWriter.DemandNext(application, step);
        return application;
    }

    private async Task<Subscriber> SubscriberAsync(CertificateApplication application, CancellationToken cancellationToken)
        => await ledger.FindSubscriberAsync(application.SubscriberId, cancellationToken)
            ?? throw Errors.SubscriberNotFound.With($"no subscriber {application.SubscriberId}.");

    private static void Require(bool condition, string detail)
    {
        if (!condition)
        {
            throw Errors.StepInvalid.With(detail);
        }
    }
}
