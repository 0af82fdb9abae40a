namespace GmPki.Kmc.Messages;

/// <summary>
/// A CA tells the KMC that an encryption certificate was revoked (GM/T 0014 <c>RevokeKeyReq</c>)
/// or has expired, so its key moves out of the active set. The escrow record is kept for
/// judicial recovery (GM/T 0034 historical key store).
/// </summary>
/// <param name="CaId">The CA the key was escrowed for.</param>
/// <param name="RequestId">The CA's ID for this request, recorded in the audit event.</param>
/// <param name="KeyId">The escrowed key.</param>
/// <param name="Reason">Why (revocation reason, expiry), recorded in the audit event.</param>
public sealed record ChangeKeyStateRequest(string CaId, string RequestId, string KeyId, string Reason);
