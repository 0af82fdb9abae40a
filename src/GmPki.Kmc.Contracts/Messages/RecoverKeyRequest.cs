namespace GmPki.Kmc.Messages;

/// <summary>
/// A CA asks the KMC to deliver an escrowed key again (GM/T 0014 <c>RestoreKeyReq</c>; GM/T 0034
/// user key recovery and judicial recovery).
/// </summary>
/// <param name="CaId">The requesting CA, which must be the CA the key was escrowed for.</param>
/// <param name="RequestId">The CA's ID for this request (<c>taskNO</c>), recorded in the audit event.</param>
/// <param name="KeyId">The escrowed key (<see cref="ApplyKeyResponse.KeyId"/>).</param>
/// <param name="RecipientPublicKey">DER SubjectPublicKeyInfo of the SM2 key the envelope is encrypted to:
/// the holder's (current) signing key, or the judicial authority's key.</param>
/// <param name="Authorisation">Who authorised the recovery and on what ground.</param>
public sealed record RecoverKeyRequest(string CaId, string RequestId, string KeyId, byte[] RecipientPublicKey, KeyRecoveryAuthorisation Authorisation);
