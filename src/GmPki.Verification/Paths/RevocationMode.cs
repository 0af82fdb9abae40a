namespace GmPki.Verification.Paths;

/// <summary>Which certificates of a path must have a known revocation status (RFC 5280 §6.3, RFC 6960).</summary>
public enum RevocationMode
{
    /// <summary>No revocation checking.</summary>
    None,

    /// <summary>The end-entity certificate must be shown not revoked by a CRL or OCSP response supplied with the request.</summary>
    Leaf,

    /// <summary>Every certificate below the trust anchor must be shown not revoked.</summary>
    Chain,
}
