namespace GmPki.Server.Http;

/// <summary>
/// A holder's revocation, suspension or resumption at the counter for a scope of certificates
/// (<c>POST /api/v1/counter/status-changes</c>): exactly one of <paramref name="Serial"/>,
/// <paramref name="SubscriberId"/>, <paramref name="KeyOfSerial"/>.
/// </summary>
/// <param name="Kind">revoke, suspend or resume.</param>
/// <param name="IdentityMethod">in-person, id-card-reader, online-verification, organization-documents.</param>
/// <param name="WillStatement">The holder's declared will.</param>
/// <param name="Materials">Checklist item → complete and correct; required for revoke (suspend and resume have no materials review).</param>
/// <param name="Serial">One certificate (hex).</param>
/// <param name="SubscriberId">Every certificate of this subscriber.</param>
/// <param name="KeyOfSerial">Every certificate of this certificate's holder with the same public key.</param>
/// <param name="Reason">For revoke: RFC 5280 reason name.</param>
/// <param name="IdentityEvidence">Scans of the identity documents.</param>
/// <param name="PaperForms">Scans of the signed forms, notices and agreement.</param>
/// <param name="NoticeVersion">Notices version signed; the one in force when null.</param>
/// <param name="AgreementVersion">Agreement version signed; the one in force when null.</param>
public sealed record StatusChangeBody(
    string Kind, string IdentityMethod, string WillStatement, Dictionary<string, bool>? Materials = null,
    string? Serial = null, Guid? SubscriberId = null, string? KeyOfSerial = null, string? Reason = null,
    IReadOnlyList<EvidenceBody>? IdentityEvidence = null, IReadOnlyList<EvidenceBody>? PaperForms = null, int? NoticeVersion = null, int? AgreementVersion = null);

/// <summary>The applications a counter status change made, one per certificate, in the order handled.</summary>
/// <param name="Applications">Completed, or awaiting a reviewer under the two-person rule.</param>
public sealed record StatusChangeView(IReadOnlyList<ApplicationView> Applications);

/// <summary>An urgent report by telephone (挂失, <c>POST /api/v1/urgent-revocations</c>).</summary>
/// <param name="Serial">The certificate (hex).</param>
/// <param name="CallerName">The caller's name; must be the holder's.</param>
/// <param name="CallerIdentityNumber">The caller's identity number; must be the holder's.</param>
/// <param name="Reason">RFC 5280 reason of the revocation to complete; keyCompromise when null.</param>
/// <param name="Note">Call reference and circumstances.</param>
public sealed record PhoneReportBody(string Serial, string CallerName, string CallerIdentityNumber, string? Reason = null, string? Note = null);

/// <summary>An urgent report online (<c>POST /api/v1/urgent-revocations/online</c>), signed with the certificate's key.</summary>
/// <param name="Serial">The certificate (hex).</param>
/// <param name="SignedAt">Signing time, ISO 8601 with offset; within 5 minutes of the server's clock.</param>
/// <param name="Signature">Base64 signature over <c>gmpki-urgent-revocation\n{serial}\n{reason}\n{Unix seconds of signedAt}</c> (UTF-8).</param>
/// <param name="Reason">RFC 5280 reason; keyCompromise when null (and then the signed text says keyCompromise).</param>
public sealed record OnlineReportBody(string Serial, DateTimeOffset SignedAt, string Signature, string? Reason = null);

/// <summary>
/// A revocation on the CA's own grounds (依职权撤销, D §25; <c>POST /api/v1/authority-revocations</c>):
/// exactly one of <paramref name="Serial"/>, <paramref name="SubscriberId"/>, <paramref name="KeyOfSerial"/>.
/// </summary>
/// <param name="Ground">false-information, breach-of-agreement, security-not-assured, legal-order.</param>
/// <param name="Statement">The facts.</param>
/// <param name="Evidence">The documents; at least one.</param>
/// <param name="Serial">One certificate (hex).</param>
/// <param name="SubscriberId">Every certificate of this subscriber.</param>
/// <param name="KeyOfSerial">Every certificate of this certificate's holder with the same public key.</param>
/// <param name="Reason">RFC 5280 reason; the ground's default when null.</param>
public sealed record AuthorityRevocationBody(
    string Ground, string Statement, IReadOnlyList<EvidenceBody> Evidence, string? Serial = null, Guid? SubscriberId = null, string? KeyOfSerial = null, string? Reason = null);
