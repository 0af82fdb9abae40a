using GmPki.Core.Profiles;
using GmPki.Cryptography.Signing;

namespace GmPki.Issuance.Requests;

/// <summary>A subject attribute value as requested, in request order.</summary>
/// <param name="Attribute">The attribute type.</param>
/// <param name="Value">The decoded string value.</param>
internal sealed record RequestedAttribute(SubjectAttribute Attribute, string Value);

/// <summary>A subjectAltName entry as requested.</summary>
/// <param name="Type">The GeneralName form.</param>
/// <param name="Value">DNS name, e-mail address, or IP address in text form.</param>
/// <param name="Encoded">For IP addresses, the 4 or 16 address octets; otherwise null.</param>
internal sealed record RequestedAltName(SubjectAltNameType Type, string Value, byte[]? Encoded = null);

/// <summary>
/// A parsed PKCS#10 request (RFC 2986) whose proof of possession has been verified and whose key
/// has passed the strength checks.
/// </summary>
/// <param name="Subject">Subject attributes in order; multi-valued RDNs are refused at parsing.</param>
/// <param name="PublicKey">The validated subject public key.</param>
/// <param name="AltNames">subjectAltName entries from the extensionRequest attribute.</param>
/// <param name="SignatureAlgorithm">Name of the request's signature algorithm.</param>
/// <param name="Sm2ProofId">For SM2 requests, which signer ID verified: <c>default</c> (1234567812345678) or <c>empty</c>; null otherwise.</param>
/// <param name="RequestedNotAfter">For CRMF requests, the notAfter of the template's validity (RFC 4211 §5), UTC; null when absent and for PKCS#10.</param>
internal sealed record CertificationRequest(
    IReadOnlyList<RequestedAttribute> Subject,
    PublicKey PublicKey,
    IReadOnlyList<RequestedAltName> AltNames,
    string SignatureAlgorithm,
    string? Sm2ProofId,
    DateTime? RequestedNotAfter = null);
