using GmPki.Cryptography.Sm;
using GmPki.Verification.Paths;

namespace GmPki.Verification.Signatures;

/// <summary>
/// How signers' and TSAs' certificates are validated (RFC 5280 §6): the trust anchors and the
/// other inputs of <see cref="PathValidationRequest"/>. With no trust anchors, signatures are
/// verified but certificates are not validated, and the result says so.
/// </summary>
public sealed record TrustSettings
{
    /// <summary>Trusted certificates (DER).</summary>
    public IReadOnlyList<byte[]> TrustAnchors { get; init; } = [];

    /// <summary>Untrusted intermediates (DER), besides those the signature carries.</summary>
    public IReadOnlyList<byte[]> Intermediates { get; init; } = [];

    /// <summary>CRLs (DER), besides those the signature carries.</summary>
    public IReadOnlyList<byte[]> Crls { get; init; } = [];

    /// <summary>DER OCSP responses.</summary>
    public IReadOnlyList<byte[]> OcspResponses { get; init; } = [];

    /// <summary>Which certificates need a known revocation status.</summary>
    public RevocationMode Revocation { get; init; } = RevocationMode.None;

    /// <summary>Time to validate certificates at when no valid timestamp gives one; now when null.</summary>
    public DateTimeOffset? ValidationTime { get; init; }

    /// <summary>SM2 signer IDs for certificates, CRLs and signatures (GM/T 0009 default).</summary>
    public IReadOnlyList<byte[]> Sm2UserIds { get; init; } = [Sm2UserId.Default.ToArray()];

    /// <summary>The path validation request for <paramref name="certificate"/> under these settings.</summary>
    /// <param name="certificate">DER certificate to validate.</param>
    /// <param name="carried">Further intermediates (for example those a CMS structure carries).</param>
    /// <param name="carriedCrls">Further CRLs.</param>
    /// <param name="time">Validation time overriding <see cref="ValidationTime"/> (a trusted timestamp's).</param>
    /// <param name="purposes">extKeyUsage purposes the certificate must allow.</param>
    public PathValidationRequest PathFor(byte[] certificate, IEnumerable<byte[]> carried, IEnumerable<byte[]> carriedCrls, DateTimeOffset? time, IReadOnlyList<string> purposes) => new()
    {
        Certificate = certificate,
        TrustAnchors = TrustAnchors,
        Intermediates = [.. Intermediates, .. carried],
        Crls = [.. Crls, .. carriedCrls],
        OcspResponses = OcspResponses,
        Revocation = Revocation,
        ValidationTime = time ?? ValidationTime,
        RequiredExtendedKeyUsages = purposes,
        Sm2UserIds = Sm2UserIds,
    };
}
