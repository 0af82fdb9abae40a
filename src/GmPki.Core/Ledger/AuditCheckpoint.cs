namespace GmPki.Core.Ledger;

/// <summary>
/// A signed statement that the audit chain, through one event, ends with one hash
/// (<c>docs/audit.md</c>). Signed by the installation's audit key.
/// </summary>
/// <param name="ThroughEventId">Id of the last event covered.</param>
/// <param name="Hash">Lowercase hex SM3 hash (64 characters) of that event.</param>
/// <param name="CreatedAt">UTC instant of signing, whole microseconds.</param>
/// <param name="Signature">SM2 signature (DER <c>SEQUENCE { r, s }</c>) over the checkpoint's canonical encoding.</param>
/// <param name="SignerCertificateDer">DER X.509 certificate of the audit key that signed.</param>
public sealed record AuditCheckpoint(long ThroughEventId, string Hash, DateTime CreatedAt, byte[] Signature, byte[] SignerCertificateDer);
