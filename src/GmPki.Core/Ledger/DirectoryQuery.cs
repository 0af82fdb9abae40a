namespace GmPki.Core.Ledger;

/// <summary>
/// Criteria of a public directory search (目录信息查询, M24 §18(2), D §19(3)): every
/// criterion given must hold; null criteria are ignored. Only what certificates publish is
/// searched (subject DN, serial, issuer, validity, status), never subscribers' personal data.
/// </summary>
/// <param name="SerialHex">The serial exactly, lowercase hex without leading zero octets.</param>
/// <param name="IssuerLabel">Label of the issuing CA (<c>issuing</c>, <c>root</c>).</param>
/// <param name="SubjectContains">Any substring of the subject DN in its RFC 4514 text (<c>CN=张三,O=某单位,C=CN</c>), case-insensitive.</param>
/// <param name="CommonName">The holder: a subject commonName (2.5.4.3) attribute equal to this value, case-insensitive.</param>
/// <param name="Organization">A subject organizationName (2.5.4.10) attribute equal to this value, case-insensitive.</param>
/// <param name="ValidAt">Only certificates whose validity (notBefore ≤ t ≤ notAfter, RFC 5280 §4.1.2.5) contains this UTC instant.</param>
/// <param name="Status">Only certificates with this status.</param>
/// <param name="Profiles">Only certificates issued under one of these profile names (the anonymous directory lists only profiles that write no identity number); null for any.</param>
public sealed record DirectoryQuery(
    string? SerialHex = null,
    string? IssuerLabel = null,
    string? SubjectContains = null,
    string? CommonName = null,
    string? Organization = null,
    DateTime? ValidAt = null,
    CertificateStatus? Status = null,
    IReadOnlyList<string>? Profiles = null);
