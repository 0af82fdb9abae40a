namespace GmPki.Core.Ledger;

/// <summary>
/// A certificate authority of this installation (root or issuing CA).
/// </summary>
/// <param name="Label">Unique short name, <c>[a-z0-9-]</c>, used in URLs (<c>/ca/{label}.crt</c>).</param>
/// <param name="Kind">Root or issuing.</param>
/// <param name="ParentLabel">Label of the issuer, or null for a self-signed root.</param>
/// <param name="CertificateDer">DER X.509 certificate of the CA.</param>
/// <param name="KeyReference">Key store reference of the CA's private key.</param>
/// <param name="Sm2UserId">SM2 signer ID (UTF-8) the CA signs with; empty for non-SM2 CAs.</param>
/// <param name="CreatedAt">UTC creation instant.</param>
public sealed record AuthorityRecord(
    string Label,
    AuthorityKind Kind,
    string? ParentLabel,
    byte[] CertificateDer,
    string KeyReference,
    string Sm2UserId,
    DateTime CreatedAt);

/// <summary>Role of a CA in the hierarchy.</summary>
public enum AuthorityKind
{
    /// <summary>Self-signed trust anchor; signs only CA certificates and CRLs.</summary>
    Root,

    /// <summary>Subordinate CA that issues end-entity certificates (pathLen 0).</summary>
    Issuing,
}
