namespace GmPki.Verification.Paths;

/// <summary>Which rules, beyond RFC 5280 §6.1, a certification path must meet.</summary>
public enum ValidationProfile
{
    /// <summary>
    /// RFC 5280: the path validation algorithm plus the profile's MUSTs on certificates
    /// (authority and subject key identifiers, critical basicConstraints, nameConstraints and
    /// policyConstraints in CA certificates, positive serials of at most 20 octets, …).
    /// </summary>
    Rfc5280,

    /// <summary>
    /// The Web PKI (CA/Browser Forum Baseline Requirements) for TLS servers and clients:
    /// RFC 5280 except that nameConstraints may be non-critical, plus: end-entity certificates
    /// carry extKeyUsage without anyExtendedKeyUsage and are not CAs, roots carry no extKeyUsage,
    /// version 3 only, RSA keys of at least 2048 bits (a multiple of 8), no DSA.
    /// </summary>
    WebPki,
}
