namespace GmPki.Server.Http.Endpoints;

/// <summary>An issued certificate in the public directory (目录信息查询): only what the certificate publishes.</summary>
/// <param name="Serial">Serial number, lowercase hex.</param>
/// <param name="Issuer">Label of the issuing CA (<c>GET /api/v1/authorities</c> names it).</param>
/// <param name="Subject">Subject DN (RFC 4514).</param>
/// <param name="NotBefore">Start of validity (UTC, ISO 8601).</param>
/// <param name="NotAfter">End of validity (UTC, ISO 8601).</param>
/// <param name="Status">good, suspended or revoked (RFC 6960 §2.2).</param>
/// <param name="Reason">RFC 5280 CRLReason name when not good (<c>keyCompromise</c>, <c>certificateHold</c>, …), else null.</param>
/// <param name="StatusChangedAt">When it was revoked or suspended (UTC), null when good.</param>
/// <param name="Sha256">SHA-256 of the DER certificate, lowercase hex.</param>
/// <param name="Links">Download URLs (relative to the server); null for a certificate that carries an identity number, which the directory does not serve.</param>
public sealed record DirectoryCertificate(
    string Serial, string Issuer, string Subject, DateTime NotBefore, DateTime NotAfter, string Status, string? Reason, DateTime? StatusChangedAt,
    string Sha256, DirectoryLinks? Links);

/// <summary>Where to download a directory certificate.</summary>
/// <param name="Pem">The certificate and its CA chain, PEM (<c>application/x-pem-file</c>).</param>
/// <param name="Der">The certificate alone, DER (<c>application/pkix-cert</c>, RFC 2585).</param>
/// <param name="P7c">The certificate and its CA chain, certs-only PKCS #7 (<c>application/pkcs7-mime; smime-type=certs-only</c>, RFC 2585 .p7c).</param>
public sealed record DirectoryLinks(string Pem, string Der, string P7c);

/// <summary>A page of the directory.</summary>
/// <param name="Items">The certificates, newest first.</param>
/// <param name="Total">Number of certificates matching.</param>
/// <param name="Page">1-based page number.</param>
/// <param name="PageSize">Page size.</param>
public sealed record DirectoryPage(IReadOnlyList<DirectoryCertificate> Items, int Total, int Page, int PageSize);

/// <summary>An announcement (公告, D §20(4)) of a revocation, renewal or extension.</summary>
/// <param name="Id">Stable entry id: <c>urn:gmpki:announcement:{kind}:{issuer}:{serial}</c>.</param>
/// <param name="Kind">revocation, renewal (更新, new key) or extension (延期, same key).</param>
/// <param name="At">When (UTC): the revocation, or the new certificate's issuance.</param>
/// <param name="Issuer">Label of the CA that issued <paramref name="Serial"/>.</param>
/// <param name="Serial">The revoked certificate, or the new certificate.</param>
/// <param name="Subject">Its subject DN (RFC 4514).</param>
/// <param name="Reason">RFC 5280 CRLReason name of a revocation; null otherwise.</param>
/// <param name="Replaces">The serial a renewal or extension replaces; null for a revocation.</param>
public sealed record AnnouncementView(string Id, string Kind, DateTime At, string Issuer, string Serial, string Subject, string? Reason, string? Replaces);

/// <summary>A page of announcements.</summary>
/// <param name="Items">Newest first.</param>
/// <param name="Total">Number of announcements matching.</param>
/// <param name="Page">1-based page number.</param>
/// <param name="PageSize">Page size.</param>
public sealed record AnnouncementPage(IReadOnlyList<AnnouncementView> Items, int Total, int Page, int PageSize);

/// <summary>Body of <c>POST /api/v1/directory/authenticity</c>.</summary>
/// <param name="Certificate">The certificate to check: PEM or base64 DER.</param>
public sealed record AuthenticityBody(string? Certificate);

/// <summary>Answer of the authenticity check (D §19(2)).</summary>
/// <param name="Verdict">
/// genuine (a CA of this installation issued exactly these bytes); different-bytes (the issuer and
/// serial are one this installation issued, the bytes are not: forged or altered); not-issued (the
/// issuer is a CA of this installation, which never issued that serial); foreign-issuer (no CA of
/// this installation is the issuer).
/// </param>
/// <param name="IssuedHere">True only for genuine.</param>
/// <param name="Issuer">Label of the issuing CA, when the issuer name is one of this installation's CAs.</param>
/// <param name="IssuerName">Issuer DN of the submitted certificate (RFC 4514).</param>
/// <param name="Serial">Serial of the submitted certificate, lowercase hex.</param>
/// <param name="Subject">Subject DN of the submitted certificate (RFC 4514).</param>
/// <param name="NotBefore">Start of validity of the submitted certificate (UTC).</param>
/// <param name="NotAfter">End of validity of the submitted certificate (UTC).</param>
/// <param name="Sha256">SHA-256 of the submitted DER, lowercase hex.</param>
/// <param name="IssuedSha256">different-bytes: SHA-256 of the certificate this installation issued with that issuer and serial.</param>
/// <param name="Status">genuine: good, suspended or revoked; else null.</param>
/// <param name="Reason">genuine and not good: RFC 5280 CRLReason name.</param>
/// <param name="StatusChangedAt">genuine and not good: when (UTC).</param>
/// <param name="Chain">genuine: the certificate and its CA chain up to the root, PEM, leaf first.</param>
public sealed record AuthenticityResponse(
    string Verdict, bool IssuedHere, string? Issuer, string IssuerName, string Serial, string Subject, DateTime NotBefore, DateTime NotAfter,
    string Sha256, string? IssuedSha256, string? Status, string? Reason, DateTime? StatusChangedAt, string? Chain);
