using System.Text.Json;
using GmPki.Core.Errors;
using GmPki.Core.Keys;
using GmPki.Core.Ledger;
using GmPki.Core.Profiles;
using GmPki.Core.Registration;
using GmPki.Kmc.Messages;

namespace GmPki.Registration.Workflow;

/// <summary>
/// The fulfilment of an approved key recovery (GM/T 0034; docs/kmc.md): the KMC delivers the
/// escrowed encryption key of the pair the application names, in a GM/T 0009 SM2EnvelopedKey, to
/// <list type="bullet">
/// <item>holder recovery (用户密钥恢复): the holder's current signing key — the newest good SM2
/// certificate of the subscriber under a signing profile (after a lost USB key, the holder first gets
/// a new pair, then recovers the old encryption key to its new signing key);</item>
/// <item>judicial recovery (司法密钥恢复): the recipient certificate the recorded legal order designates,
/// checked again at delivery (<see cref="DesignatedRecipientAsync"/>), approved by two KMC officers.</item>
/// </list>
/// </summary>
public sealed class EscrowedKeyRecovery(KmcLink kmc, IRegistrationLedger ledger, ICertificateDirectory certificates, IReadOnlyDictionary<string, CertificateProfile> profiles, TimeProvider clock)
{
    /// <summary>Name of the recipient's serial in the details of a judicial recovery's legal-order step.</summary>
    public const string RecipientSerialDetail = "recipientSerial";

    /// <summary>What a recovery yields.</summary>
    /// <param name="Pair">The pair whose encryption key was recovered.</param>
    /// <param name="RecipientSerial">The certificate whose key the envelope is encrypted to.</param>
    /// <param name="EnvelopedKey">DER SM2EnvelopedKey.</param>
    public sealed record Recovered(CertificatePair Pair, string RecipientSerial, byte[] EnvelopedKey);

    /// <summary>Recovers the key of <paramref name="application"/>'s pair for its recipient.</summary>
    /// <exception cref="GmPkiException"><c>request-invalid</c> when the target is not part of a pair or the holder has no good SM2 signing certificate;
    /// <c>recipient-certificate-invalid</c> when a legal order's recipient is no longer good; the KMC's errors (<c>kmc-sealed</c>, …).</exception>
    public async Task<Recovered> RecoverAsync(CertificateApplication application, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(application);
        var pair = await ledger.FindPairAsync(application.TargetSerial!, cancellationToken)
            ?? throw Errors.RequestInvalid.With($"certificate {application.TargetSerial} is not part of a dual pair: only encryption keys the KMC escrowed can be recovered.");
        var judicial = application.Kind == ApplicationKind.JudicialKeyRecovery;
        var reference = "application:" + application.Id.ToString("D");
        CertificateRecord recipient;
        if (judicial)
        {
            using var order = JsonDocument.Parse((application.Passed(WorkflowStep.LegalOrderReview) ?? throw Errors.WorkflowStepOutOfOrder.With("no legal order is recorded.")).Details);
            var legal = order.RootElement;
            recipient = await DesignatedRecipientAsync(legal.GetProperty(RecipientSerialDetail).GetString()!, cancellationToken);
            reference = $"{legal.GetProperty("authority").GetString()} {legal.GetProperty("documentNumber").GetString()}; {reference}";
        }
        else
        {
            recipient = await CurrentSigningCertificateAsync(application.SubscriberId, cancellationToken);
        }

        var answer = await kmc.Centre.RecoverAsync(new RecoverKeyRequest(kmc.CaId, $"{application.Id:N}.{Guid.CreateVersion7():N}", pair.KmcKeyId,
            CertificateScopes.PublicKeyOf(recipient), new KeyRecoveryAuthorisation(judicial ? KeyRecoveryKind.Judicial : KeyRecoveryKind.Holder, reference, application.Approvers)), cancellationToken);
        return new Recovered(pair, recipient.SerialHex, answer.EnvelopedKey);
    }

    /// <summary>
    /// The certificate a legal order designates to receive a recovered key: issued by this CA, good
    /// (neither revoked nor suspended), within its validity, with an SM2 key (the envelope is SM2-encrypted to it).
    /// </summary>
    /// <param name="serial">Hex serial, colons allowed.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <exception cref="GmPkiException"><c>recipient-certificate-invalid</c>.</exception>
    public async Task<CertificateRecord> DesignatedRecipientAsync(string serial, CancellationToken cancellationToken)
    {
        var normalized = SerialText.Normalize(serial ?? throw Errors.RecipientCertificateInvalid.With("the legal order designates no recipient certificate."));
        var record = await certificates.FindAsync(normalized, cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        var problem = record switch
        {
            null or { State: not CertificateState.Issued } or { CertificateDer: null } => "is not a certificate this CA issued",
            { Status: not CertificateStatus.Good } => "is " + KebabNames.Of(record.Status),
            _ when record.Reservation.NotAfter < now || record.Reservation.NotBefore > now => "is outside its validity period",
            { Reservation.KeyAlgorithm: not KeyAlgorithm.Sm2 } => $"has a {record.Reservation.KeyAlgorithm.ToName()} key; the envelope needs SM2",
            _ => null,
        };
        return problem is null ? record! : throw Errors.RecipientCertificateInvalid.With($"recipient certificate {normalized} {problem}; the recovered key cannot be delivered to it.");
    }

    /// <exception cref="GmPkiException"><c>request-invalid</c> when there is none.</exception>
    private async Task<CertificateRecord> CurrentSigningCertificateAsync(Guid subscriberId, CancellationToken cancellationToken)
    {
        foreach (var serial in (await ledger.ListCertificatesOfSubscriberAsync(subscriberId, cancellationToken)).Reverse())
        {
            if (await certificates.FindAsync(serial, cancellationToken) is { State: CertificateState.Issued, Status: CertificateStatus.Good, CertificateDer: not null } record
                && record.Reservation.KeyAlgorithm == KeyAlgorithm.Sm2
                && profiles.TryGetValue(record.Reservation.Profile, out var profile) && !profile.KmcKeys)
            {
                return record;
            }
        }

        throw Errors.RequestInvalid.With("the holder has no good SM2 signing certificate to receive the recovered key: issue a new pair first, then recover the old key to it.");
    }
}
