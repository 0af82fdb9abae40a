using GmPki.Core.Errors;
using GmPki.Core.Issuance;
using GmPki.Core.Keys;
using GmPki.Core.Ledger;
using GmPki.Core.Profiles;
using GmPki.Core.Registration;
using GmPki.Kmc.Messages;

namespace GmPki.Registration.Workflow;

/// <summary>
/// Dual issuance (双证书, GM/T 0034; docs/kmc.md#dual-issuance): the signing certificate for the
/// holder's key, and the encryption certificate for a key pair the key management centre generates
/// and escrows, delivered to the holder in a GM/T 0009 <c>SM2EnvelopedKey</c> encrypted to the
/// signing key. Order: the KMC first (so a sealed KMC stops the pair before anything is issued),
/// then the signing certificate, then the encryption certificate; when the CA fails after the KMC
/// answered, the escrowed key is revoked at the KMC (reason <c>issuance-failed</c>). Both
/// certificates carry the application's id; a retried fulfilment reuses what an interrupted one
/// issued (<see cref="EarlierIssuance"/>).
/// </summary>
public sealed class DualIssuance(KmcLink kmc, EscrowedKeyState escrowedKeys, ICertificateAuthority authority, IReadOnlyDictionary<string, CertificateProfile> profiles, TimeProvider clock)
{
    /// <summary>Issues a new pair for a new, renew or change application.</summary>
    /// <param name="application">The dual application (its profile names an encryption profile).</param>
    /// <param name="request">The signing certificate's issuance request (the holder's CSR, with the application's id).</param>
    /// <param name="earlier">What an interrupted attempt issued: its signing certificate is reused; an encryption certificate cannot be, since its key's envelope was lost with the process.</param>
    /// <param name="actor">Who instructs the CA.</param>
    /// <param name="cancellationToken">Cancels before the KMC is asked.</param>
    /// <returns>The signing certificate and the pair to record with the fulfilment.</returns>
    /// <exception cref="GmPkiException"><c>fulfilment-incomplete</c> when an interrupted attempt issued both certificates; the CA's errors; <c>profile-key-algorithm-not-allowed</c> when the encryption profile does not take the signing key's algorithm; the KMC's (<c>kmc-sealed</c>, <c>kmc-holder-key-rejected</c> for a non-SM2 signing key, …).</exception>
    public async Task<(IssuedCertificate Signing, CertificatePair Pair)> IssueAsync(CertificateApplication application, IssuanceRequest request, EarlierIssuance earlier, Actor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(application);
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(earlier);
        var encryption = EncryptionProfileOf(application.Profile);
        var signed = earlier.Under(application.Profile);
        if (earlier.Under(encryption.Name) is { } orphan)
        {
            throw Errors.FulfilmentIncomplete.With($"an interrupted fulfilment issued signing certificate {signed?.SerialHex} and encryption certificate {orphan.SerialHex}, but the KMC's envelope of the encryption key was lost with it: revoke both and open a new application.");
        }

        var holder = await authority.PreviewAsync(request, cancellationToken);
        if (!encryption.KeyAlgorithms.Contains(holder.KeyAlgorithm))
        {
            throw Errors.ProfileKeyAlgorithmNotAllowed.With($"encryption profile '{encryption.Name}' takes {string.Join(", ", encryption.KeyAlgorithms.Select(a => a.ToName()))}; the KMC generates the encryption key with the signing key's algorithm, {holder.KeyAlgorithm.ToName()}.");
        }

        var now = clock.GetUtcNow();
        var key = await kmc.Centre.ApplyAsync(new ApplyKeyRequest(kmc.CaId, $"{application.Id:N}.{Guid.CreateVersion7():N}", holder.KeyAlgorithm, holder.SubjectPublicKeyInfo, now, now + encryption.Validity), cancellationToken);
        try
        {
            var signing = signed ?? await authority.IssueAsync(request, actor, CancellationToken.None);
            var issued = await authority.IssueEncryptionAsync(signing.CertificateDer, key.EncryptionPublicKey, encryption.Name, application.Id, actor, CancellationToken.None);
            return (signing, new CertificatePair(signing.SerialHex, issued.SerialHex, key.KeyId, key.EnvelopedKey, now.UtcDateTime));
        }
        catch (GmPkiException)
        {
            await escrowedKeys.RevokeAsync(application.Id, key.KeyId, "issuance-failed", actor);
            throw;
        }
    }

    /// <summary>Extends a pair (延期): both certificates again for a fresh period with the same keys; the holder keeps the encryption key, so no envelope.</summary>
    /// <param name="pair">The pair extended.</param>
    /// <param name="signingDer">Its signing certificate.</param>
    /// <param name="encryptionDer">Its encryption certificate.</param>
    /// <param name="profile">The signing profile.</param>
    /// <param name="applicationId">The extension's application, stored with both certificates.</param>
    /// <param name="earlier">What an interrupted attempt issued; each certificate found is reused.</param>
    /// <param name="actor">Who instructs the CA.</param>
    /// <param name="cancellationToken">Cancels before signing.</param>
    /// <exception cref="GmPkiException">As <see cref="ICertificateAuthority.ExtendAsync"/>.</exception>
    public async Task<(IssuedCertificate Signing, CertificatePair Pair)> ExtendAsync(
        CertificatePair pair, byte[] signingDer, byte[] encryptionDer, string profile, Guid applicationId, EarlierIssuance earlier, Actor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(pair);
        ArgumentNullException.ThrowIfNull(earlier);
        var encryption = EncryptionProfileOf(profile);
        var signing = earlier.Under(profile) ?? await authority.ExtendAsync(signingDer, profile, applicationId, actor, cancellationToken);
        var issued = earlier.Under(encryption.Name) ?? await authority.ExtendAsync(encryptionDer, encryption.Name, applicationId, actor, CancellationToken.None);
        return (signing, new CertificatePair(signing.SerialHex, issued.SerialHex, pair.KmcKeyId, null, clock.GetUtcNow().UtcDateTime));
    }

    private CertificateProfile EncryptionProfileOf(string profile)
        => profiles[profiles[profile].EncryptionProfile ?? throw Errors.RequestInvalid.With($"profile '{profile}' names no EncryptionProfile, so it issues single certificates.")];
}
