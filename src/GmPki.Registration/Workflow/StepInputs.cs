namespace GmPki.Registration.Workflow;

/// <summary>Identity verification (身份查验).</summary>
/// <param name="Method"><c>in-person</c> (ID document seen at the counter), <c>id-card-reader</c>, <c>online-verification</c> (an identity verification service), <c>organization-documents</c>.</param>
/// <param name="Passed">The verifier's result.</param>
/// <param name="DocumentChecked">What was checked, for example the document type and its issuing authority.</param>
/// <param name="Notes">Remarks, or null.</param>
public sealed record IdentityVerificationInput(string Method, bool Passed, string DocumentChecked, string? Notes = null);

/// <summary>Review of the application materials (材料审查).</summary>
/// <param name="Checklist">Each required item of the subscriber type's checklist, with whether it is complete and correct.</param>
/// <param name="Notes">Remarks, or null.</param>
public sealed record MaterialsReviewInput(IReadOnlyDictionary<string, bool> Checklist, string? Notes = null);

/// <summary>
/// The applicant's acknowledgement of the notices (告知事项) or signature of the agreement
/// (电子认证服务协议), of a given published version.
/// </summary>
/// <param name="Version">The document version shown; must be the one in force.</param>
/// <param name="Method"><c>click</c> (notices only), <c>signature</c> (the applicant's key signs the document's SM3 digest), <c>paper-scan</c> (a signed paper copy as evidence).</param>
/// <param name="Signature">For <c>signature</c>: the signature over the 32-byte SM3 digest (SM2: DER r‖s with the GM/T default ID).</param>
public sealed record DocumentConsentInput(int Version, string Method, byte[]? Signature = null);

/// <summary>The applicant's will for this operation (意愿).</summary>
/// <param name="Method"><c>click</c>, <c>signature</c> (the applicant's key signs SM3 of the statement), <c>in-person</c>, <c>phone</c>, <c>paper-scan</c>.</param>
/// <param name="Statement">What the applicant declares, for example 本人申请签发个人签名证书.</param>
/// <param name="Signature">For <c>signature</c>: the signature over SM3 of the UTF-8 statement.</param>
public sealed record WillConfirmationInput(string Method, string Statement, byte[]? Signature = null);

/// <summary>The reviewer's decision.</summary>
/// <param name="Approved">Approve or reject.</param>
/// <param name="Comment">The reviewer's remarks.</param>
public sealed record ApprovalInput(bool Approved, string Comment);

/// <summary>Hand-over and acceptance of the certificate (证书交付与接受).</summary>
/// <param name="Method"><c>click</c> (the applicant online), <c>in-person</c>, <c>signature</c>, <c>paper-scan</c>.</param>
/// <param name="ReceiverIdentityNumber">When an operator hands over: the receiver's identity number, which must be the applicant's (R22 item 3).</param>
public sealed record AcceptanceInput(string Method, string? ReceiverIdentityNumber = null);
