namespace GmPki.Verification.Revocation;

/// <summary>The revocation status of one certificate and how it was decided.</summary>
/// <param name="State">good, revoked or unknown.</param>
/// <param name="Detail">The evidence, or why none decided.</param>
internal sealed record RevocationOutcome(string State, string Detail)
{
    /// <summary>Not revoked, shown by a CRL or OCSP response.</summary>
    public const string Good = "good";

    /// <summary>Revoked.</summary>
    public const string Revoked = "revoked";

    /// <summary>No usable evidence.</summary>
    public const string Unknown = "unknown";
}
