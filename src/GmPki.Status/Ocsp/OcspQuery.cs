using Org.BouncyCastle.Asn1.Ocsp;

namespace GmPki.Status.Ocsp;

/// <summary>One CertID of a request, with what the responder needs of it.</summary>
/// <param name="Id">The CertID as received (echoed in the response, RFC 6960 §4.2.1).</param>
/// <param name="Hash">Its hash algorithm.</param>
/// <param name="SerialHex">Its serial, lowercase hex without leading zero octets (the ledger's form).</param>
internal sealed record RequestedCertificate(CertID Id, CertIdHash Hash, string SerialHex);

/// <summary>A well-formed OCSP request (RFC 6960 §4.1).</summary>
/// <param name="Certificates">The CertIDs asked about, 1 to <see cref="OcspRequestReader.MaxCertificates"/>.</param>
/// <param name="Nonce">The id-pkix-ocsp-nonce value (RFC 8954: 1–32 octets), or null.</param>
internal sealed record OcspQuery(IReadOnlyList<RequestedCertificate> Certificates, byte[]? Nonce);
