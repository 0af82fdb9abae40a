using GmPki.Cryptography.Sm;

namespace GmPki.Verification.Paths;

/// <summary>
/// What to validate and under which inputs of RFC 5280 §6.1.1: the certificate, the trust
/// anchors, candidate intermediates (in any order, extras allowed), revocation data, the
/// validation time and the user's policy inputs. All certificates and CRLs are DER.
/// </summary>
public sealed record PathValidationRequest
{
    /// <summary>anyPolicy (RFC 5280 §4.2.1.4), the default user-initial-policy-set.</summary>
    public const string AnyPolicy = "2.5.29.32.0";

    /// <summary>The certificate to validate (the end of the path), DER.</summary>
    public required byte[] Certificate { get; init; }

    /// <summary>Trusted certificates; each one's subject name and key is a trust anchor (§6.1.1 (d)), its basicConstraints pathLenConstraint and nameConstraints constrain the path (RFC 5937).</summary>
    public required IReadOnlyList<byte[]> TrustAnchors { get; init; }

    /// <summary>Untrusted certificates the path may be built from.</summary>
    public IReadOnlyList<byte[]> Intermediates { get; init; } = [];

    /// <summary>CRLs, complete and delta (RFC 5280 §5).</summary>
    public IReadOnlyList<byte[]> Crls { get; init; } = [];

    /// <summary>DER OCSPResponse messages (RFC 6960 §4.2.1).</summary>
    public IReadOnlyList<byte[]> OcspResponses { get; init; } = [];

    /// <summary>The time the path must be valid at (§6.1.1 (b)); the clock's now when null. Compared at whole seconds.</summary>
    public DateTimeOffset? ValidationTime { get; init; }

    /// <summary>Certificate rules beyond §6.1.</summary>
    public ValidationProfile Profile { get; init; } = ValidationProfile.Rfc5280;

    /// <summary>Which certificates need a known revocation status.</summary>
    public RevocationMode Revocation { get; init; } = RevocationMode.None;

    /// <summary>user-initial-policy-set (§6.1.1 (c)), dotted OIDs.</summary>
    public IReadOnlyList<string> InitialPolicies { get; init; } = [AnyPolicy];

    /// <summary>initial-explicit-policy (§6.1.1 (g)).</summary>
    public bool RequireExplicitPolicy { get; init; }

    /// <summary>initial-policy-mapping-inhibit (§6.1.1 (e)).</summary>
    public bool InhibitPolicyMapping { get; init; }

    /// <summary>initial-any-policy-inhibit (§6.1.1 (f)).</summary>
    public bool InhibitAnyPolicy { get; init; }

    /// <summary>extKeyUsage purposes (dotted OIDs) the end-entity certificate must allow when it has the extension.</summary>
    public IReadOnlyList<string> RequiredExtendedKeyUsages { get; init; } = [];

    /// <summary>The name the end-entity certificate must be for; not checked when null.</summary>
    public PeerName? PeerName { get; init; }

    /// <summary>Most intermediate CA certificates a path may have, self-issued ones not counted; unlimited when null.</summary>
    public int? MaxIntermediates { get; init; }

    /// <summary>Accept SHA-1 signatures (sha1WithRSAEncryption, ecdsa-with-SHA1, dsa-with-SHA1); off by default, MD5 never.</summary>
    public bool AllowSha1 { get; init; }

    /// <summary>SM2 signer IDs to try for SM3withSM2 signatures of certificates and CRLs, in order (GM/T 0015: the GM/T 0009 default).</summary>
    public IReadOnlyList<byte[]> Sm2UserIds { get; init; } = [Sm2UserId.Default.ToArray()];
}
