using GmPki.Core.Errors;
using GmPki.Core.Ledger;
using GmPki.Core.Registration;
using GmPki.Kmc.Messages;

namespace GmPki.Registration.Workflow;

/// <summary>
/// Tells the KMC when a pair is revoked (GM/T 0014 <c>RevokeKeyReq</c>; GM/T 0034 revocation flow), so
/// the escrowed encryption key moves from the active set to the historical key store (state
/// <c>revoked</c>; it stays recoverable). Called after the ledger has written the revocation: the
/// certificate's revocation stands whatever the KMC answers, and a refusal (a key no longer active,
/// a CA unknown to the KMC) is audited by the KMC as <c>kmc.request-rejected</c>.
/// </summary>
public sealed class EscrowedKeyState(KmcLink kmc, IRegistrationLedger ledger)
{
    /// <summary>Marks the KMC key of every pair that <paramref name="changes"/> revoked.</summary>
    /// <param name="applicationId">The application whose step revoked them; the KMC request ID is <c>{application}.revoke</c>.</param>
    /// <param name="changes">The status changes just written (nulls and other statuses are skipped).</param>
    /// <param name="cancellationToken">Cancels the look-ups (not the KMC write once sent).</param>
    public async Task RevokedAsync(Guid applicationId, IEnumerable<CertificateStatusChange?> changes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(changes);
        foreach (var change in changes)
        {
            if (change is not { To: CertificateStatus.Revoked } || await ledger.FindPairAsync(change.SerialHex, cancellationToken) is not { } pair)
            {
                continue;
            }

            try
            {
                await kmc.Centre.RevokeAsync(new ChangeKeyStateRequest(kmc.CaId, $"{applicationId:N}.revoke", pair.KmcKeyId, change.Reason ?? "unspecified"), CancellationToken.None);
            }
            catch (GmPkiException)
            {
                // Audited by the KMC (kmc.request-rejected); the revocation in the ledger stands.
            }
        }
    }
}
