using GmPki.Core.Keys;

namespace GmPki.Core.Issuance;

/// <summary>
/// What a certificate issued for a request would carry, as the CA checked it (CSR parsed, proof
/// of possession verified, profile applied) without reserving or signing anything. The RA uses it
/// to reject a bad request at once and to check that the certificate names the applicant (R22 item 3).
/// </summary>
/// <param name="Subject">Subject DN text (RFC 4514).</param>
/// <param name="SubjectAttributes">Subject attributes in DER order, as (short name, value).</param>
/// <param name="SubjectAltNames">subjectAltName values (DNS names, IP addresses, e-mail addresses).</param>
/// <param name="KeyAlgorithm">The subject key's algorithm.</param>
/// <param name="SubjectPublicKeyInfo">DER SubjectPublicKeyInfo of the subject key.</param>
public sealed record CertificatePreview(
    string Subject,
    IReadOnlyList<(string Name, string Value)> SubjectAttributes,
    IReadOnlyList<string> SubjectAltNames,
    KeyAlgorithm KeyAlgorithm,
    byte[] SubjectPublicKeyInfo)
{
    /// <summary>The first value of a subject attribute (CN, O, OU, …), or null.</summary>
    public string? Attribute(string name) => SubjectAttributes.FirstOrDefault(a => a.Name == name).Value;
}
