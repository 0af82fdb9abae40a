using GmPki.Core.Errors;
using GmPki.Core.Registration;
using GmPki.Core.Security;

namespace GmPki.Registration.Workflow;

/// <summary>A legal order for judicial key recovery (司法密钥恢复), as the desk records it.</summary>
/// <param name="Authority">The judicial or supervisory authority that issued it (for example 某市中级人民法院).</param>
/// <param name="DocumentNumber">The order's document number (文书编号).</param>
/// <param name="IssuedOn">The date on the order.</param>
/// <param name="Statement">The facts: the case, what is to be decrypted, who presented the order.</param>
public sealed record LegalOrder(string Authority, string DocumentNumber, DateOnly IssuedOn, string Statement);

/// <summary>What opening a judicial key recovery takes.</summary>
/// <param name="TargetSerial">Either certificate of the pair whose escrowed encryption key is to be recovered (hex; may be revoked or expired).</param>
/// <param name="RecipientSerial">The certificate of this CA the order designates to receive the key: the envelope is encrypted to its SM2 key.</param>
/// <param name="Order">The legal order.</param>
/// <param name="Evidence">Scans of the order and the accompanying documents; at least one.</param>
public sealed record JudicialKeyRecoveryRequest(string TargetSerial, string RecipientSerial, LegalOrder Order, IReadOnlyList<EvidenceInput> Evidence);

/// <summary>
/// Judicial key recovery (司法密钥恢复, GM/T 0034; docs/kmc.md#judicial-key-recovery): a registrar
/// records the legal order, its scans and the recipient certificate it designates (step
/// <see cref="WorkflowStep.LegalOrderReview"/>) on an application of the key's holder; two KMC officers —
/// two accounts of two people, neither the registrar — approve (<see cref="WorkflowStep.KmcApproval"/>,
/// then <see cref="WorkflowStep.Approval"/>, <see cref="DecisionDesk"/>); the fulfilment has the KMC seal
/// the key to the recipient (<see cref="EscrowedKeyRecovery"/>). The holder's will is not asked.
/// </summary>
public sealed class JudicialKeyRecoveryDesk(CertificateScopes scopes, ApplicationDesk applications, EscrowedKeyRecovery recovery, StepWriter steps)
{
    /// <summary>Opens the application and records the legal order; it then awaits the first KMC officer.</summary>
    /// <exception cref="GmPkiException"><c>forbidden</c> (not a registrar); <c>step-invalid</c> (order incomplete, no evidence, an evidence file without name or media type); <c>evidence-too-large</c>;
    /// <c>recipient-certificate-invalid</c>; <c>certificate-not-found</c>; <c>request-invalid</c> (the target is not part of a pair). Nothing is recorded on a refusal.</exception>
    public async Task<CertificateApplication> OpenAsync(JudicialKeyRecoveryRequest request, RegistrationActor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(actor);
        if (!actor.HasRole(OperatorRole.Registrar))
        {
            throw Errors.Forbidden.With("a judicial key recovery is opened by a registrar of the CA, who records the legal order.");
        }

        var order = request.Order;
        if (order is null || string.IsNullOrWhiteSpace(order.Authority) || string.IsNullOrWhiteSpace(order.DocumentNumber) || string.IsNullOrWhiteSpace(order.Statement))
        {
            throw Errors.StepInvalid.With("a legal order names its issuing authority, its document number and the facts ('authority', 'documentNumber', 'statement').");
        }

        if (request.Evidence is not { Count: > 0 })
        {
            throw Errors.StepInvalid.With("attach the scanned legal order (at least one evidence file).");
        }

        foreach (var file in request.Evidence)
        {
            file.Demand();
        }

        var recipient = await recovery.DesignatedRecipientAsync(request.RecipientSerial, cancellationToken);
        var (target, holder) = await scopes.HolderOfAsync(request.TargetSerial, cancellationToken);
        var application = (await applications.OpenAsync(
            new ApplicationInput(ApplicationKind.JudicialKeyRecovery, holder, null, null, target.SerialHex, null), actor, selfService: false, cancellationToken)).Application;
        StepPermissions.Demand(actor, WorkflowStep.LegalOrderReview, application);
        return await steps.RecordAsync(application, WorkflowStep.LegalOrderReview, true, actor, "legal-order", new Dictionary<string, object>
        {
            ["authority"] = order.Authority.Trim(),
            ["documentNumber"] = order.DocumentNumber.Trim(),
            ["issuedOn"] = order.IssuedOn.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            ["statement"] = order.Statement,
            [EscrowedKeyRecovery.RecipientSerialDetail] = recipient.SerialHex,
            ["recipientSubject"] = recipient.Reservation.SubjectDn,
        }, request.Evidence, cancellationToken);
    }
}
