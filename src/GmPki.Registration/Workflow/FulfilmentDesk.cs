using GmPki.Core.Errors;
using GmPki.Core.Issuance;
using GmPki.Core.Ledger;
using GmPki.Core.Profiles;
using GmPki.Core.Registration;

namespace GmPki.Registration.Workflow;

/// <summary>
/// After approval the CA acts (issues — a dual pair through <see cref="DualIssuance"/> when the
/// application is dual —, extends, suspends, resumes or revokes), then the applicant
/// accepts the certificate. Fulfilments of one application are serialised in this process (a
/// striped lock on its identifier), so an approved application cannot be issued twice by a double click.
/// Every certificate carries its application's id from the reservation of its serial on; a
/// fulfilment first looks for certificates already issued for the application (a process that
/// stopped between the CA's write and the step's), and records the step with those instead of
/// issuing again (docs/issuance.md, "Crash-safe fulfilment").
/// </summary>
public sealed class FulfilmentDesk(
    IRegistrationLedger ledger,
    ICertificateAuthority authority,
    ICertificateDirectory certificates,
    IReadOnlyDictionary<string, CertificateProfile> profiles,
    StepWriter steps,
    DualIssuance dual,
    EscrowedKeyRecovery recovery)
{
    private static readonly string[] AcceptanceMethods = ["click", "in-person", "signature", "paper-scan"];
    private readonly SemaphoreSlim[] _stripes = [.. Enumerable.Range(0, 64).Select(_ => new SemaphoreSlim(1, 1))];

    /// <summary>
    /// Fault-injection point for tests only: called after the CA stored the certificate(s) and before
    /// the fulfilment step is written, with the application's id. A test makes it throw to stand for
    /// a process killed between the two writes. Null in production.
    /// </summary>
    internal Func<Guid, Task>? AfterIssuance { get; set; }

    /// <summary>Has the CA carry out an approved application.</summary>
    /// <exception cref="GmPkiException"><c>workflow-step-out-of-order</c>, <c>forbidden</c>; the CA's errors (a refusal of the request, or <c>fulfilment-incomplete</c> for a dual pair an interrupted attempt issued whole, is recorded and rejects the application; an unavailable CA leaves it approved for a retry, which never issues twice).</exception>
    public async Task<CertificateApplication> FulfilAsync(Guid id, RegistrationActor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var gate = _stripes[(id.GetHashCode() & int.MaxValue) % _stripes.Length];
        await gate.WaitAsync(cancellationToken);
        try
        {
            var application = await steps.LoadAsync(id, cancellationToken);
            StepPermissions.Demand(actor, WorkflowStep.Fulfilment, application);
            StepWriter.DemandNext(application, WorkflowStep.Fulfilment);
            return application.Kind switch
            {
                _ when StepTable.Issues(application.Kind) => await IssueAsync(application, actor, cancellationToken),
                _ when StepTable.RecoversKey(application.Kind) => await RecoverKeyAsync(application, actor, cancellationToken),
                ApplicationKind.PinUnlock => throw Errors.RequestInvalid.With($"a PIN unlock is fulfilled with the device's serial and challenge: POST /api/v1/applications/{id}/pin-unlock."),
                _ => await ChangeStatusAsync(application, actor, cancellationToken),
            };
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>Hand-over and acceptance (D §20(1)); the receiver must be the applicant (R22 item 3).</summary>
    /// <exception cref="GmPkiException"><c>workflow-step-out-of-order</c>, <c>forbidden</c>, <c>step-invalid</c> (receiver is not the applicant).</exception>
    public async Task<CertificateApplication> AcceptAsync(Guid id, AcceptanceInput input, IReadOnlyList<EvidenceInput>? evidence, RegistrationActor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(actor);
        var application = await steps.LoadAsync(id, cancellationToken);
        StepPermissions.Demand(actor, WorkflowStep.Acceptance, application);
        StepWriter.DemandNext(application, WorkflowStep.Acceptance);
        if (!AcceptanceMethods.Contains(input.Method))
        {
            throw Errors.StepInvalid.With($"acceptance method '{input.Method}' is not one of {string.Join(", ", AcceptanceMethods)}.");
        }

        var receiver = "applicant";
        if (!actor.IsApplicantOf(id))
        {
            var subscriber = await ledger.FindSubscriberAsync(application.SubscriberId, cancellationToken)
                ?? throw Errors.SubscriberNotFound.With($"no subscriber {application.SubscriberId}.");
            if (!string.Equals(input.ReceiverIdentityNumber?.Trim(), subscriber.IdentityNumber, StringComparison.OrdinalIgnoreCase))
            {
                throw Errors.StepInvalid.With("the receiver's identity number is not the applicant's: applicant, receiver and subject must be the same party (R22 item 3).");
            }

            receiver = "identity number checked at hand-over";
        }

        return await steps.RecordAsync(application, WorkflowStep.Acceptance, true, actor, input.Method,
            new { certificate = application.ResultSerial, receiver }, evidence, cancellationToken);
    }

    private async Task<CertificateApplication> IssueAsync(CertificateApplication application, RegistrationActor actor, CancellationToken cancellationToken)
    {
        IssuedCertificate issued;
        CertificatePair? pair = null;
        var earlier = new EarlierIssuance(await certificates.FindIssuedForApplicationAsync(application.Id, cancellationToken));
        try
        {
            if (application.Kind == ApplicationKind.Extend)
            {
                var target = await DerOfAsync(application.TargetSerial!, cancellationToken);
                if (application.Dual)
                {
                    var extended = await ledger.FindPairAsync(application.TargetSerial!, cancellationToken)
                        ?? throw Errors.CertificateNotFound.With($"the pair of certificate {application.TargetSerial} vanished.");
                    (issued, pair) = await dual.ExtendAsync(extended, target, await DerOfAsync(extended.EncryptionSerial, cancellationToken), application.Profile, application.Id, earlier, actor.Audit, cancellationToken);
                }
                else
                {
                    issued = earlier.Under(application.Profile) ?? await authority.ExtendAsync(target, application.Profile, application.Id, actor.Audit, cancellationToken);
                }
            }
            else
            {
                var subscriber = await ledger.FindSubscriberAsync(application.SubscriberId, cancellationToken);
                var request = new IssuanceRequest(application.Profile, application.CertificationRequest!, IdentityExtensionValues.For(profiles[application.Profile], subscriber!), application.Id);
                (issued, pair) = application.Dual
                    ? await dual.IssueAsync(application, request, earlier, actor.Audit, cancellationToken)
                    : (earlier.Under(application.Profile) ?? await authority.IssueAsync(request, actor.Audit, cancellationToken), null);
            }
        }
        catch (GmPkiException e) when (e.Error.Kind is ErrorKind.Invalid or ErrorKind.Unprocessable || e.Error == Errors.FulfilmentIncomplete)
        {
            await steps.RecordAsync(application, WorkflowStep.Fulfilment, false, actor, "ca-issuance",
                new { error = e.Error.Code, detail = e.Detail }, null, CancellationToken.None);
            throw;
        }

        if (AfterIssuance is { } fault)
        {
            await fault(application.Id);
        }

        var superseded = await SupersededAsync(application, actor, cancellationToken);
        return await steps.RecordAsync(application, WorkflowStep.Fulfilment, true, actor, "ca-issuance",
            new
            {
                serial = issued.SerialHex,
                subject = issued.Subject,
                notBefore = issued.NotBefore,
                notAfter = issued.NotAfter,
                superseded = superseded?.SerialHex,
                encryptionSerial = pair?.EncryptionSerial,
                kmcKeyId = pair?.KmcKeyId,
            },
            null, CancellationToken.None, resultSerial: issued.SerialHex, statusChange: superseded, pair: pair);
    }

    /// <summary>
    /// The KMC recovers the pair's encryption key; its envelope is kept as the step's evidence file
    /// <c>recovered-key.der</c>. A refusal of the recipient is recorded and rejects the application;
    /// an unavailable KMC leaves it approved for a retry.
    /// </summary>
    private async Task<CertificateApplication> RecoverKeyAsync(CertificateApplication application, RegistrationActor actor, CancellationToken cancellationToken)
    {
        var kind = application.Kind == ApplicationKind.JudicialKeyRecovery ? "judicial" : "holder";
        EscrowedKeyRecovery.Recovered recovered;
        try
        {
            recovered = await recovery.RecoverAsync(application, cancellationToken);
        }
        catch (GmPkiException e) when (e.Error.Kind is ErrorKind.Invalid or ErrorKind.Unprocessable)
        {
            await steps.RecordAsync(application, WorkflowStep.Fulfilment, false, actor, "kmc-recovery",
                new { kind, error = e.Error.Code, detail = e.Detail }, null, CancellationToken.None);
            throw;
        }

        return await steps.RecordAsync(application, WorkflowStep.Fulfilment, true, actor, "kmc-recovery",
            new { kind, encryptionSerial = recovered.Pair.EncryptionSerial, kmcKeyId = recovered.Pair.KmcKeyId, recipientSerial = recovered.RecipientSerial },
            [new EvidenceInput(RecoveredKeyFile, "application/octet-stream", recovered.EnvelopedKey)], CancellationToken.None);
    }

    /// <summary>Name of the evidence file of a key recovery's fulfilment: the DER SM2EnvelopedKey to the holder's signing key, or to a legal order's recipient.</summary>
    public const string RecoveredKeyFile = "recovered-key.der";

    private async Task<byte[]> DerOfAsync(string serial, CancellationToken cancellationToken)
        => (await certificates.FindAsync(serial, cancellationToken))?.CertificateDer ?? throw Errors.CertificateNotFound.With($"certificate {serial} vanished.");

    /// <summary>
    /// For a change of information, and for a renewal under a profile with
    /// <see cref="CertificateProfile.SupersedeOnRenewal"/> (the default): the revocation (reason
    /// superseded, RFC 5280 §5.3.1) of the certificate replaced, written in one transaction with the
    /// new certificate's fulfilment step — so a fulfilment retried after a crash between issuance and
    /// that step revokes it then, and never twice. Null for other kinds or when it is revoked already,
    /// and for a CMP key update (kur): its client protects the certConf that follows the kup with the
    /// old certificate (RFC 4210 §5.3.18, RFC 9483 §4.1.3), which must still authenticate then.
    /// </summary>
    private async Task<CertificateStatusChange?> SupersededAsync(CertificateApplication application, RegistrationActor actor, CancellationToken cancellationToken)
    {
        var supersedes = application.Kind == ApplicationKind.Change
            || (application.Kind == ApplicationKind.Renew && profiles[application.Profile].SupersedeOnRenewal && actor.Protocol != EnrollmentProtocol.Cmp);
        if (!supersedes || await certificates.FindAsync(application.TargetSerial!, cancellationToken) is not { } target
            || target.Status == CertificateStatus.Revoked)
        {
            return null;
        }

        return new CertificateStatusChange(target.SerialHex, target.Status, CertificateStatus.Revoked, "superseded", steps.Clock.GetUtcNow().UtcDateTime);
    }

    private async Task<CertificateApplication> ChangeStatusAsync(CertificateApplication application, RegistrationActor actor, CancellationToken cancellationToken)
    {
        var target = await certificates.FindAsync(application.TargetSerial!, cancellationToken)
            ?? throw Errors.CertificateNotFound.With($"certificate {application.TargetSerial} is not in the ledger.");
        var (from, to) = application.Kind switch
        {
            ApplicationKind.Suspend => (CertificateStatus.Good, CertificateStatus.Suspended),
            ApplicationKind.Resume => (CertificateStatus.Suspended, CertificateStatus.Good),
            _ => (target.Status, CertificateStatus.Revoked),
        };
        if (target.Status != from || from == CertificateStatus.Revoked)
        {
            throw Errors.WorkflowStepOutOfOrder.With($"certificate {target.SerialHex} is {KebabNames.Of(target.Status)}; the {KebabNames.Of(application.Kind)} no longer applies.");
        }

        var change = new CertificateStatusChange(target.SerialHex, from, to, application.Reason, steps.Clock.GetUtcNow().UtcDateTime);
        return await steps.RecordAsync(application, WorkflowStep.Fulfilment, true, actor, "status-change",
            new { serial = target.SerialHex, from = KebabNames.Of(from), to = KebabNames.Of(to), reason = application.Reason },
            null, cancellationToken, statusChange: change);
    }
}
