using GmPki.Core.Keys;

namespace GmPki.Compliance.Checkpoints;

/// <summary>
/// The installation's audit key, opened: an SM2 key (label <c>audit</c>, signer ID
/// <c>1234567812345678</c>) and its certificate from the issuing CA.
/// </summary>
/// <param name="Key">The SM2 signing key, opened with the GM/T 0009 default signer ID.</param>
/// <param name="CertificateDer">DER X.509 certificate of <paramref name="Key"/>.</param>
public sealed record AuditSigner(ISigningKey Key, byte[] CertificateDer);
