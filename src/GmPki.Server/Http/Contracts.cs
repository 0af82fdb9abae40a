namespace GmPki.Server.Http;

/// <summary>A certificate as listed and shown.</summary>
/// <param name="Serial">Serial number, lowercase hex.</param>
/// <param name="Issuer">Label of the issuing CA.</param>
/// <param name="State">Issuance state: reserved, intended, issued or failed.</param>
/// <param name="Status">Status of an issued certificate: good, suspended or revoked (RFC 6960 §2.2; suspension is revocation reason certificateHold).</param>
/// <param name="Profile">Profile name.</param>
/// <param name="Subject">Subject DN (RFC 4514).</param>
/// <param name="KeyAlgorithm">Subject key algorithm (sm2, ecdsa-p256, …).</param>
/// <param name="NotBefore">Start of validity (UTC).</param>
/// <param name="NotAfter">End of validity (UTC).</param>
/// <param name="CrlShard">CRL shard fixed at issuance.</param>
/// <param name="IssuedAt">When the certificate was stored (UTC), once issued.</param>
/// <param name="Sha256">SHA-256 fingerprint of the DER certificate, lowercase hex, once issued.</param>
public sealed record CertificateSummary(
    string Serial, string Issuer, string State, string Status, string Profile, string Subject, string KeyAlgorithm,
    DateTime NotBefore, DateTime NotAfter, int CrlShard, DateTime? IssuedAt, string? Sha256);

/// <summary>A page of certificates.</summary>
/// <param name="Items">The certificates, newest first.</param>
/// <param name="Total">Number of certificates matching.</param>
/// <param name="Page">1-based page number.</param>
/// <param name="PageSize">Page size.</param>
public sealed record CertificatePage(IReadOnlyList<CertificateSummary> Items, int Total, int Page, int PageSize);

/// <summary>A CA of this installation.</summary>
/// <param name="Label">Label used in URLs.</param>
/// <param name="Kind">root or issuing.</param>
/// <param name="Parent">Label of the issuer, null for a root.</param>
/// <param name="Subject">Subject DN (RFC 4514).</param>
/// <param name="Serial">Serial number, lowercase hex.</param>
/// <param name="NotBefore">Start of validity (UTC).</param>
/// <param name="NotAfter">End of validity (UTC).</param>
/// <param name="Sha256">SHA-256 fingerprint, lowercase hex.</param>
/// <param name="CertificateUrl">Where the DER certificate is served.</param>
public sealed record AuthoritySummary(string Label, string Kind, string? Parent, string Subject, string Serial, DateTime NotBefore, DateTime NotAfter, string Sha256, string CertificateUrl);

/// <summary>A certificate profile as published.</summary>
/// <param name="Name">Interface name.</param>
/// <param name="DisplayName">Name for people.</param>
/// <param name="PolicyOid">Certificate policy OID.</param>
/// <param name="CpsUri">CPS URI.</param>
/// <param name="ValidityDays">Lifetime in days.</param>
/// <param name="KeyAlgorithms">Accepted key algorithms.</param>
/// <param name="KeyUsage">keyUsage bits.</param>
/// <param name="ExtendedKeyUsages">extKeyUsage OIDs.</param>
/// <param name="RequiredSubject">Required subject attributes.</param>
/// <param name="AllowedSubject">Allowed subject attributes.</param>
/// <param name="SubjectAltNames">Allowed subjectAltName forms.</param>
/// <param name="IdentityExtensions">GM/T 0015 identity extensions and whether each is required.</param>
/// <param name="EncryptionProfile">The profile of the encryption certificates paired with this profile's in a dual application (双证书), or null.</param>
/// <param name="KmcKeys">Whether this is an encryption profile: its keys come from the key management centre, not from a CSR.</param>
public sealed record ProfileSummary(
    string Name, string DisplayName, string PolicyOid, string? CpsUri, double ValidityDays, IReadOnlyList<string> KeyAlgorithms,
    string KeyUsage, IReadOnlyList<string> ExtendedKeyUsages, IReadOnlyList<string> RequiredSubject, IReadOnlyList<string> AllowedSubject,
    IReadOnlyList<string> SubjectAltNames, IReadOnlyDictionary<string, bool> IdentityExtensions, string? EncryptionProfile, bool KmcKeys);

/// <summary>Health of the service.</summary>
/// <param name="Status">ok when the database answers and the issuing CA key is open.</param>
/// <param name="Database">ok or unavailable.</param>
/// <param name="Issuer">ready or unavailable.</param>
public sealed record HealthResponse(string Status, string Database, string Issuer);
