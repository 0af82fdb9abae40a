using GmPki.Core.Errors;
using GmPki.Core.Keys;
using GmPki.Core.Ledger;
using GmPki.Core.Profiles;
using GmPki.Core.Registration;
using GmPki.Kmc.Messages;

namespace GmPki.Registration.Workflow;

/// <summary>
/// Holder key recovery (用户密钥恢复, GM/T 0034; docs/kmc.md#holder-key-recovery): the fulfilment of
/// an approved key-recovery application. The KMC delivers the escrowed encryption key of the pair
/// the application names, in a GM/T 0009 SM2EnvelopedKey, to the holder's current signing key —
/// the newest good SM2 certificate of the subscriber under a signing profile (after a lost USB key,
/// the holder first gets a new pair, then recovers the old encryption key to its new signing key).
/// </summary>
public sealed class HolderKeyRecovery(KmcLink kmc, IRegistrationLedger ledger, ICertificateDirectory certificates, IReadOnlyDictionary<string, CertificateProfile> profiles)
{
    /// <summary>What a recovery yields.</summary>
    /// <param name="Pair">The pair whose encryption key was recovered.</param>
    /// <param name="RecipientSerial">The signing certificate whose key the envelope is encrypted to.</param>
    /// <param name="EnvelopedKey">DER SM2EnvelopedKey.</param>
    public sealed record Recovered(CertificatePair Pair, string RecipientSerial, byte[] EnvelopedKey);

    /// <summary>Recovers the key of <paramref name="application"/>'s pair for its holder.</summary>
    /// <exception cref="GmPkiException"><c>request-invalid</c> when the target is not part of a pair or the holder has no good SM2 signing certificate; the KMC's errors (<c>kmc-sealed</c>, …).</exception>
    public async Task<Recovered> RecoverAsync(CertificateApplication application, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(application);
        var pair = await ledger.FindPairAsync(application.TargetSerial!, cancellationToken)
            ?? throw Errors.RequestInvalid.With($"certificate {application.TargetSerial} is not part of a dual pair: only encryption keys the KMC escrowed can be recovered.");
        var recipient = await CurrentSigningCertificateAsync(application.SubscriberId, cancellationToken);
        var approvers = application.Steps.Where(s => s.Step == WorkflowStep.Approval && s.Passed).Select(s => s.Actor).ToList();
        var answer = await kmc.Centre.RecoverAsync(new RecoverKeyRequest(kmc.CaId, $"{application.Id:N}.{Guid.CreateVersion7():N}", pair.KmcKeyId,
            CertificateScopes.PublicKeyOf(recipient), new KeyRecoveryAuthorisation(KeyRecoveryKind.Holder, "application:" + application.Id.ToString("D"), approvers)), cancellationToken);
        return new Recovered(pair, recipient.SerialHex, answer.EnvelopedKey);
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
