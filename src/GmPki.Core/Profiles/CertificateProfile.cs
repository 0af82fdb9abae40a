using GmPki.Core.Keys;

namespace GmPki.Core.Profiles;

/// <summary>
/// A validated, immutable certificate profile: what an end-entity certificate issued under it
/// contains. Built from configuration at start-up by the profile loader, which reports numbered
/// errors (<c>GMPKI-PROFILE-nnn</c>) for anything invalid.
/// </summary>
/// <param name="Name">Interface name, for example <c>personal</c>, <c>organization</c>,
/// <c>government-staff</c>, <c>server-tls</c>.</param>
/// <param name="DisplayName">Name for people, for example 个人签名.</param>
/// <param name="PolicyOid">Certificate policy OID (M24 §19(5)) written into certificatePolicies.</param>
/// <param name="CpsUri">CPS pointer qualifier (RFC 5280 §4.2.1.4), or null.</param>
/// <param name="Validity">Lifetime of issued certificates (notAfter − notBefore).</param>
/// <param name="KeyUsage">keyUsage bits, always marked critical.</param>
/// <param name="ExtendedKeyUsages">extKeyUsage purpose OIDs; empty means no extension.</param>
/// <param name="KeyAlgorithms">Subject key algorithms accepted.</param>
/// <param name="RequiredSubjectAttributes">Subject attribute short names that must be present (CN, O, …).</param>
/// <param name="AllowedSubjectAttributes">Subject attribute short names that may be present; includes the required ones.</param>
/// <param name="SubjectAltNames">GeneralName forms copied from the request's extensionRequest.</param>
/// <param name="RequireSubjectAltName">Whether at least one subjectAltName entry is required.</param>
/// <param name="IdentityExtensions">GM/T 0015 identity extensions the profile carries, with whether each is required.</param>
/// <param name="TwoPersonRule">Whether an application's approver must be a reviewer other than the registrar who verified the applicant's identity.</param>
/// <param name="EncryptionProfile">For dual certificates (双证书, GM/T 0034): the profile of the encryption certificate paired with a certificate of this profile; null when certificates of this profile are single.</param>
/// <param name="KmcKeys">Whether this is another profile's encryption profile: its key pairs come from the key management centre, never from a CSR.</param>
/// <param name="ServerKeyGeneration">Whether EST serverkeygen (RFC 7030 §4.4) may generate the key pair and send the private key to the client.</param>
/// <param name="SupersedeOnRenewal">Whether a renewal (更新) under this profile revokes the renewed certificate with reason superseded (RFC 5280 §5.3.1) in the same write as the new certificate's fulfilment step.</param>
public sealed record CertificateProfile(
    string Name,
    string DisplayName,
    string PolicyOid,
    string? CpsUri,
    TimeSpan Validity,
    KeyUsages KeyUsage,
    IReadOnlyList<string> ExtendedKeyUsages,
    IReadOnlySet<KeyAlgorithm> KeyAlgorithms,
    IReadOnlyList<string> RequiredSubjectAttributes,
    IReadOnlySet<string> AllowedSubjectAttributes,
    IReadOnlySet<SubjectAltNameType> SubjectAltNames,
    bool RequireSubjectAltName,
    IReadOnlyDictionary<IdentityExtensionType, bool> IdentityExtensions,
    bool TwoPersonRule,
    string? EncryptionProfile = null,
    bool KmcKeys = false,
    bool ServerKeyGeneration = false,
    bool SupersedeOnRenewal = true);
