using GmPki.Core.Profiles;

namespace GmPki.Core.Issuance;

/// <summary>A request to issue one end-entity certificate.</summary>
/// <param name="Profile">Profile name, for example <c>personal</c>.</param>
/// <param name="CertificationRequest">PKCS#10 request, PEM or DER, at most 64 KiB.</param>
/// <param name="IdentityExtensions">GM/T 0015 identity extension values, when the profile carries them.</param>
/// <param name="ApplicationId">The registration application this issuance fulfils, or null: stored with the certificate from its serial's reservation on, so that a fulfilment retried after a crash finds the certificate instead of issuing another (docs/issuance.md).</param>
public sealed record IssuanceRequest(
    string Profile,
    byte[] CertificationRequest,
    IReadOnlyDictionary<IdentityExtensionType, string>? IdentityExtensions = null,
    Guid? ApplicationId = null);
