namespace GmPki.Core.Errors;

/// <summary>
/// The error taxonomy: every expected failure GmPki reports, as a <see cref="GmPkiError"/> with its
/// fixed title; code and kind come from <see cref="ErrorCatalogue"/> (documented in <c>docs/errors.md</c>).
/// </summary>
public static class Errors
{
    // --- Requests at the edge -------------------------------------------------------------

    /// <summary>The request body or a parameter is malformed or missing.</summary>
    public static readonly GmPkiError RequestInvalid = ErrorCatalogue.RequestInvalid.Titled("Invalid request");

    /// <summary>The request body exceeds the endpoint's limit.</summary>
    public static readonly GmPkiError RequestTooLarge = ErrorCatalogue.RequestTooLarge.Titled("Request too large");

    /// <summary>The request body's Content-Type is not the one the endpoint takes (for example <c>application/timestamp-query</c> at <c>/tsa</c>).</summary>
    public static readonly GmPkiError UnsupportedMediaType = ErrorCatalogue.UnsupportedMediaType.Titled("Unsupported media type");

    /// <summary>No or unknown credentials.</summary>
    public static readonly GmPkiError Unauthenticated = ErrorCatalogue.Unauthenticated.Titled("Authentication required");

    /// <summary>The authenticated operator's role does not allow the operation.</summary>
    public static readonly GmPkiError Forbidden = ErrorCatalogue.Forbidden.Titled("Operation not allowed for this role");

    /// <summary>An unexpected failure; the details stay in the server log under the request ID.</summary>
    public static readonly GmPkiError Internal = ErrorCatalogue.Internal.Titled("Internal error");

    // --- Certification requests (PKCS#10, RFC 2986) ---------------------------------------

    /// <summary>The CSR exceeds the size limit.</summary>
    public static readonly GmPkiError CsrTooLarge = ErrorCatalogue.CsrTooLarge.Titled("Certification request too large");

    /// <summary>The CSR is not a well-formed PEM or DER PKCS#10 structure.</summary>
    public static readonly GmPkiError CsrMalformed = ErrorCatalogue.CsrMalformed.Titled("Malformed certification request");

    /// <summary>The CSR's self-signature (proof of possession) does not verify.</summary>
    public static readonly GmPkiError CsrBadSignature = ErrorCatalogue.CsrBadSignature.Titled("Certification request signature does not verify");

    /// <summary>The CSR is signed with an algorithm GmPki does not accept (MD5, SHA-1, unknown).</summary>
    public static readonly GmPkiError CsrSignatureAlgorithmRejected = ErrorCatalogue.CsrSignatureAlgorithmRejected.Titled("Certification request signature algorithm not accepted");

    /// <summary>The public key is of a known algorithm but too weak (RSA below 2048 bits, bad exponent).</summary>
    public static readonly GmPkiError CsrWeakKey = ErrorCatalogue.CsrWeakKey.Titled("Public key too weak");

    /// <summary>The public key's algorithm or curve is not supported, or the key is not valid.</summary>
    public static readonly GmPkiError CsrUnsupportedKey = ErrorCatalogue.CsrUnsupportedKey.Titled("Public key algorithm or curve not supported");

    /// <summary>The subject name violates the profile (missing required or disallowed attributes).</summary>
    public static readonly GmPkiError CsrSubjectRejected = ErrorCatalogue.CsrSubjectRejected.Titled("Subject name not acceptable for the profile");

    /// <summary>A requested extension is malformed or not acceptable for the profile.</summary>
    public static readonly GmPkiError CsrExtensionRejected = ErrorCatalogue.CsrExtensionRejected.Titled("Requested extension not acceptable");

    // --- Profiles and issuance -------------------------------------------------------------

    /// <summary>No certificate profile of that name is configured.</summary>
    public static readonly GmPkiError ProfileUnknown = ErrorCatalogue.ProfileUnknown.Titled("Unknown certificate profile");

    /// <summary>The profile does not allow the request's key algorithm.</summary>
    public static readonly GmPkiError ProfileKeyAlgorithmNotAllowed = ErrorCatalogue.ProfileKeyAlgorithmNotAllowed.Titled("Key algorithm not allowed by the profile");

    /// <summary>Identity extension values (GM/T 0015) are missing, unexpected or malformed.</summary>
    public static readonly GmPkiError IdentityExtensionRejected = ErrorCatalogue.IdentityExtensionRejected.Titled("Identity extension not acceptable");

    /// <summary>The pre-issuance check refused to sign (M24 §19 content or profile violated).</summary>
    public static readonly GmPkiError PreIssuanceCheckFailed = ErrorCatalogue.PreIssuanceCheckFailed.Titled("Pre-issuance check refused the certificate");

    /// <summary>The issuing CA cannot issue (not initialised, expired, or its validity ends too soon).</summary>
    public static readonly GmPkiError IssuerUnavailable = ErrorCatalogue.IssuerUnavailable.Titled("Issuing CA unavailable");

    /// <summary>The signed certificate did not match what was checked, or its signature did not verify.</summary>
    public static readonly GmPkiError SigningFault = ErrorCatalogue.SigningFault.Titled("Signing produced an unexpected result");

    /// <summary>A unique serial number could not be reserved.</summary>
    public static readonly GmPkiError SerialReservationFailed = ErrorCatalogue.SerialReservationFailed.Titled("Serial number could not be reserved");

    // --- Objects --------------------------------------------------------------------------

    /// <summary>No certificate with that serial number.</summary>
    public static readonly GmPkiError CertificateNotFound = ErrorCatalogue.CertificateNotFound.Titled("Certificate not found");

    /// <summary>No certificate authority of that name.</summary>
    public static readonly GmPkiError AuthorityNotFound = ErrorCatalogue.AuthorityNotFound.Titled("Certificate authority not found");

    /// <summary>The data directory already holds a CA hierarchy.</summary>
    public static readonly GmPkiError AlreadyInitialized = ErrorCatalogue.AlreadyInitialized.Titled("CA hierarchy already initialised");

    // --- Registration (docs/registration.md) ------------------------------------------------

    /// <summary>No application with that identifier.</summary>
    public static readonly GmPkiError ApplicationNotFound = ErrorCatalogue.ApplicationNotFound.Titled("Application not found");

    /// <summary>No subscriber with that identifier.</summary>
    public static readonly GmPkiError SubscriberNotFound = ErrorCatalogue.SubscriberNotFound.Titled("Subscriber not found");

    /// <summary>The step is not the next one the application needs, or the application is not in a state that allows it.</summary>
    public static readonly GmPkiError WorkflowStepOutOfOrder = ErrorCatalogue.WorkflowStepOutOfOrder.Titled("Workflow step out of order");

    /// <summary>Someone else recorded a step of the same application at the same time; retry.</summary>
    public static readonly GmPkiError ApplicationChanged = ErrorCatalogue.ApplicationChanged.Titled("Application changed meanwhile");

    /// <summary>The approver is the registrar who verified the applicant's identity (two-person rule).</summary>
    public static readonly GmPkiError TwoPersonRuleViolated = ErrorCatalogue.TwoPersonRuleViolated.Titled("Two-person rule: approver must differ from the identity verifier");

    /// <summary>The step's input is incomplete or invalid (missing checklist item, unknown method, wrong document version).</summary>
    public static readonly GmPkiError StepInvalid = ErrorCatalogue.StepInvalid.Titled("Workflow step input invalid");

    /// <summary>The applicant's signature over the agreement digest does not verify.</summary>
    public static readonly GmPkiError AgreementSignatureInvalid = ErrorCatalogue.AgreementSignatureInvalid.Titled("Agreement signature does not verify");

    /// <summary>A published document version is required but missing, or a version already exists.</summary>
    public static readonly GmPkiError DocumentConflict = ErrorCatalogue.DocumentConflict.Titled("Document version conflict");

    /// <summary>No such document, or no such version of it, is published (the CPS at <c>{base}/cps</c>).</summary>
    public static readonly GmPkiError DocumentNotFound = ErrorCatalogue.DocumentNotFound.Titled("Document not found");

    /// <summary>No evidence file with that identifier.</summary>
    public static readonly GmPkiError EvidenceNotFound = ErrorCatalogue.EvidenceNotFound.Titled("Evidence file not found");

    /// <summary>No delegated registration agency (受委托机构) with that code.</summary>
    public static readonly GmPkiError AgencyNotFound = ErrorCatalogue.AgencyNotFound.Titled("Registration agency not found");

    /// <summary>Agency data is invalid (code, dates, scope), or the code is taken.</summary>
    public static readonly GmPkiError AgencyInvalid = ErrorCatalogue.AgencyInvalid.Titled("Registration agency data invalid");

    /// <summary>
    /// An agency operator acted outside the agency's delegated scope, for a suspended agency, or
    /// while delegation is switched off (M24 §25, D §22); or someone tried to sub-delegate.
    /// </summary>
    public static readonly GmPkiError AgencyScopeViolated = ErrorCatalogue.AgencyScopeViolated.Titled("Outside the registration agency's delegated scope");

    /// <summary>One person would hold two of the three separated roles (三员: administrator, security officer, audit officer).</summary>
    public static readonly GmPkiError SeparationOfDuties = ErrorCatalogue.SeparationOfDuties.Titled("三员 separation: one person may hold only one of administrator, security officer and audit officer");

    /// <summary>Subscriber data is invalid (name, identity number check character, region).</summary>
    public static readonly GmPkiError SubscriberInvalid = ErrorCatalogue.SubscriberInvalid.Titled("Subscriber data invalid");

    /// <summary>A dual pair's fulfilment retried after an interruption finds both certificates issued but not the KMC's envelope of the encryption key, which only the interrupted process held: revoke both and open a new application.</summary>
    public static readonly GmPkiError FulfilmentIncomplete = ErrorCatalogue.FulfilmentIncomplete.Titled("Dual fulfilment cannot be completed");

    /// <summary>An evidence file exceeds the size limit.</summary>
    public static readonly GmPkiError EvidenceTooLarge = ErrorCatalogue.EvidenceTooLarge.Titled("Evidence file too large");

    /// <summary>An evidence file without content, or whose name or media type is missing, malformed or contains control characters (which no Content-Disposition or Content-Type header can carry).</summary>
    public static readonly GmPkiError EvidenceInvalid = ErrorCatalogue.EvidenceInvalid.Titled("Evidence file invalid");

    // --- Certificate status services (RFC 5280 CRLs, RFC 6960 OCSP) ----------------------

    /// <summary>An OCSP request is not a well-formed DER OCSPRequest the responder accepts (RFC 6960 §4.1); answered with OCSP status malformedRequest.</summary>
    public static readonly GmPkiError OcspMalformedRequest = ErrorCatalogue.OcspMalformedRequest.Titled("Malformed OCSP request");

    /// <summary>No CRL of that CA and shard is published (yet), or the CRL URL names no shard.</summary>
    public static readonly GmPkiError CrlNotFound = ErrorCatalogue.CrlNotFound.Titled("CRL not found");

    /// <summary>An urgent report of a lost or compromised key (挂失, M09 §31) could not be tied to the holder: the caller's name or identity number is not the holder's, or the online report's signature does not verify with the certificate's key or is outside its time window.</summary>
    public static readonly GmPkiError UrgentReportUnverified = ErrorCatalogue.UrgentReportUnverified.Titled("Urgent report not verified as the holder's");

    /// <summary>
    /// The certificate designated to receive a recovered key (judicial key recovery, GM/T 0034) is not
    /// an issued, good, unexpired SM2 certificate of this CA (revoked, suspended, expired, another algorithm).
    /// </summary>
    public static readonly GmPkiError RecipientCertificateInvalid = ErrorCatalogue.RecipientCertificateInvalid.Titled("Recipient certificate cannot receive the key");

    // --- Public directory (目录信息查询, announcements, authenticity) -----------------------

    /// <summary>A directory search or announcements parameter is malformed (serial not hex, unknown status, instant not ISO 8601, blank or overlong text, issuer not a CA label).</summary>
    public static readonly GmPkiError DirectoryQueryInvalid = ErrorCatalogue.DirectoryQueryInvalid.Titled("Invalid directory query");

    /// <summary>The certificate carries a person's identity number (GM/T 0015 identityCode, insuranceNumber): the anonymous directory gives its status entry, not the certificate.</summary>
    public static readonly GmPkiError DirectoryCertificateWithheld = ErrorCatalogue.DirectoryCertificateWithheld.Titled("Certificate withheld from the public directory");

    /// <summary>The certificate submitted for an authenticity check is not a DER X.509 certificate (RFC 5280 §4.1).</summary>
    public static readonly GmPkiError CertificateMalformed = ErrorCatalogue.CertificateMalformed.Titled("Malformed certificate");

    // --- Keys -----------------------------------------------------------------------------

    /// <summary>No passphrase was supplied for the key store.</summary>
    public static readonly GmPkiError PassphraseMissing = ErrorCatalogue.PassphraseMissing.Titled("Key store passphrase not supplied");

    /// <summary>A private key could not be decrypted (wrong passphrase or damaged file).</summary>
    public static readonly GmPkiError KeyUnlockFailed = ErrorCatalogue.KeyUnlockFailed.Titled("Private key could not be unlocked");

    /// <summary>The key reference names no key in the store.</summary>
    public static readonly GmPkiError KeyNotFound = ErrorCatalogue.KeyNotFound.Titled("Private key not found");

    /// <summary>The operator's account is disabled (<c>gmpki operator disable</c>, <c>POST /api/v1/operators/{name}/disable</c>).</summary>
    public static readonly GmPkiError OperatorDisabled = ErrorCatalogue.OperatorDisabled.Titled("Operator account disabled");

    /// <summary>The operator's API key is past its expiry (<c>--expires</c>); rotate it for a new one.</summary>
    public static readonly GmPkiError OperatorKeyExpired = ErrorCatalogue.OperatorKeyExpired.Titled("Operator API key expired");

    /// <summary>No operator of that name.</summary>
    public static readonly GmPkiError OperatorNotFound = ErrorCatalogue.OperatorNotFound.Titled("Operator not found");

    /// <summary>Another program listens on an address <c>gmpki serve</c> was told to listen on.</summary>
    public static readonly GmPkiError ListenAddressInUse = ErrorCatalogue.ListenAddressInUse.Titled("Listen address in use");

    // --- Backup ---------------------------------------------------------------------------

    /// <summary>A backup's manifest, a file's SM3 or its audit chain does not match; nothing was restored (<c>docs/storage.md</c>, "Backup and restore").</summary>
    public static readonly GmPkiError BackupInvalid = ErrorCatalogue.BackupInvalid.Titled("Backup incomplete or altered");

    /// <summary>A CMP request without a senderNonce, or with one seen before (RFC 4210 §5.1.1; failInfo badSenderNonce).</summary>
    public static readonly GmPkiError CmpSenderNonceInvalid = ErrorCatalogue.CmpSenderNonceInvalid.Titled("CMP sender nonce missing or replayed");

    /// <summary>A certConf or pollReq whose recipNonce is not the CA's last senderNonce in the transaction (RFC 4210 §5.1.1; failInfo badRecipientNonce).</summary>
    public static readonly GmPkiError CmpRecipientNonceInvalid = ErrorCatalogue.CmpRecipientNonceInvalid.Titled("CMP recipient nonce mismatch");

    /// <summary>An ir, cr, p10cr, kur, rr or genm whose transactionID an earlier request used (RFC 9483 §3.5; failInfo transactionIdInUse).</summary>
    public static readonly GmPkiError CmpTransactionIdInUse = ErrorCatalogue.CmpTransactionIdInUse.Titled("CMP transaction ID in use");

    /// <summary>A certConf or pollReq outside a transaction this CA knows in that state (RFC 4210 §5.3.18, §5.3.22; failInfo badRequest).</summary>
    public static readonly GmPkiError CmpTransactionUnknown = ErrorCatalogue.CmpTransactionUnknown.Titled("CMP transaction unknown");

    /// <summary>A kur whose id-regCtrl-oldCertID names another certificate than the protection certificate (RFC 4210 §5.3.5, RFC 9483 §4.1.3; failInfo badCertId).</summary>
    public static readonly GmPkiError CmpOldCertIdMismatch = ErrorCatalogue.CmpOldCertIdMismatch.Titled("CMP oldCertID mismatch");

    /// <summary>A CRMF template's validity ends before the certificate would begin (RFC 4211 §5).</summary>
    public static readonly GmPkiError CsrValidityRejected = ErrorCatalogue.CsrValidityRejected.Titled("Requested validity rejected");
}
