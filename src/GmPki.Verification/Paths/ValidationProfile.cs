namespace GmPki.Verification.Paths;

/// <summary>Which rules, beyond RFC 5280 §6.1, a certification path must meet.</summary>
public enum ValidationProfile
{
    /// <summary>
    /// RFC 5280, the default: the path validation algorithm plus the profile's MUSTs on
    /// certificates (authority and subject key identifiers, critical nameConstraints,
    /// positive serials of at most 20 octets, …). A CA certificate, trust anchor included, whose
    /// basicConstraints (cA TRUE) is not marked critical is accepted with a warning
    /// (<see cref="PathValidationResult.Warnings"/>): §4.2.1.9 obliges the CA to mark it
    /// critical, but §6.1.4 (k) only asks the relying party whether it is present with cA TRUE,
    /// and root certificates of licensed CAs in use carry it non-critical.
    /// </summary>
    Rfc5280,

    /// <summary>
    /// The Web PKI (CA/Browser Forum Baseline Requirements) for TLS servers and clients:
    /// RFC 5280 except that nameConstraints may be non-critical, plus: a trust anchor's
    /// basicConstraints critical, end-entity certificates carry extKeyUsage without
    /// anyExtendedKeyUsage and are not CAs, roots carry no extKeyUsage, version 3 only, RSA keys
    /// of at least 2048 bits (a multiple of 8), no DSA.
    /// </summary>
    WebPki,

    /// <summary>
    /// <see cref="Rfc5280"/> with the certificate profile's MUST of §4.2.1.9 enforced on the
    /// trust anchor: a version 3 anchor whose basicConstraints is not critical fails as
    /// <see cref="PathFailure.NotCa"/> (an intermediate's is still a warning: PKITS 4.6.4 expects
    /// such a path to be valid). This was the default before; the x509-limbo <c>rfc5280::</c>
    /// cases run under it.
    /// </summary>
    Strict,
}
