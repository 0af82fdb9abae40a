using System.Text.Json;
using GmPki.Core.Errors;
using GmPki.Core.Ledger;
using GmPki.Core.Registration;
using GmPki.Kmc.Messages;

namespace GmPki.Registration.Workflow;

/// <summary>
/// Tells the KMC that an escrowed key left use (GM/T 0014 <c>RevokeKeyReq</c>; GM/T 0034 revocation
/// flow): its pair was revoked, or its encryption certificate was never issued. The key moves from
/// the active set to the historical key store (state <c>revoked</c>; it stays recoverable). Called
/// after the CA's own write: the certificate's revocation (or the CA's error) stands whatever the
/// KMC answers. A refusal the KMC audited is left at that; one it could not audit (a remote KMC's
/// refusal, an unreachable KMC) is audited here as <c>kmc.key-revocation-failed</c>.
/// </summary>
public sealed class EscrowedKeyState(KmcLink kmc, IRegistrationLedger ledger, IAuditLog audit, TimeProvider clock)
{
    /// <summary>Marks the KMC key of every pair that <paramref name="changes"/> revoked.</summary>
    /// <param name="applicationId">The application whose step revoked them; the KMC request ID is <c>{application}.revoke</c>.</param>
    /// <param name="changes">The status changes just written (nulls and other statuses are skipped).</param>
    /// <param name="actor">Who recorded the step.</param>
    /// <param name="cancellationToken">Cancels the look-ups (not the KMC write once sent).</param>
    public async Task RevokedAsync(Guid applicationId, IEnumerable<CertificateStatusChange?> changes, Actor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(changes);
        foreach (var change in changes)
        {
            if (change is { To: CertificateStatus.Revoked } && await ledger.FindPairAsync(change.SerialHex, cancellationToken) is { } pair)
            {
                await RevokeAsync(applicationId, pair.KmcKeyId, change.Reason ?? "unspecified", actor);
            }
        }
    }

    /// <summary>Marks one escrowed key revoked at the KMC; never throws for the KMC's refusal.</summary>
    /// <param name="applicationId">The application on whose behalf; the KMC request ID is <c>{application}.revoke</c>.</param>
    /// <param name="keyId">The KMC's key ID.</param>
    /// <param name="reason">Why (a revocation reason, <c>issuance-failed</c>), recorded by the KMC.</param>
    /// <param name="actor">Who acts, named in an event written here.</param>
    public async Task RevokeAsync(Guid applicationId, string keyId, string reason, Actor actor)
    {
        ArgumentNullException.ThrowIfNull(actor);
        try
        {
            await kmc.Centre.RevokeAsync(new ChangeKeyStateRequest(kmc.CaId, $"{applicationId:N}.revoke", keyId, reason), CancellationToken.None);
        }
        catch (GmPkiException e) when (!e.Audited)
        {
            await audit.AppendAsync(new AuditEvent(clock.GetUtcNow().UtcDateTime, "kmc.key-revocation-failed", actor.Name, actor.Role, "kmc-key:" + keyId, "rejected",
                JsonSerializer.Serialize(new { application = applicationId, reason, code = e.Error.Code, detail = e.Detail }), actor.RequestId), CancellationToken.None);
        }
        catch (GmPkiException)
        {
            // Audited by the KMC (kmc.request-rejected).
        }
    }
}
