using GmPki.Core.Profiles;
using GmPki.Cryptography.Signing;
using GmPki.Issuance.Authorities;
using GmPki.Issuance.Requests;

namespace GmPki.Issuance.Checks;

/// <summary>What the CA means to issue; the pre-issuance check compares the built TBSCertificate with it.</summary>
/// <param name="Profile">The profile in force.</param>
/// <param name="Issuer">The issuing CA.</param>
/// <param name="SubjectKey">The validated key of the verified request.</param>
/// <param name="Subject">Subject after the profile was applied.</param>
/// <param name="IdentityExtensions">GM/T 0015 identity extensions to carry.</param>
/// <param name="MaxValidity">Longest notAfter − notBefore allowed (the profile validity).</param>
/// <param name="RequestedNotAfter">The notAfter the request asked for (CRMF CertTemplate validity, RFC 4211 §5), UTC, or null: honoured when it ends before the profile's validity does.</param>
internal sealed record IssuanceIntent(
    CertificateProfile Profile,
    CertificateAuthority Issuer,
    PublicKey SubjectKey,
    CertificateSubject Subject,
    IReadOnlyList<(IdentityExtensionType Type, string Value)> IdentityExtensions,
    TimeSpan MaxValidity,
    DateTime? RequestedNotAfter = null);
