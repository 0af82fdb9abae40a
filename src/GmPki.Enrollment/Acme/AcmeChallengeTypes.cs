namespace GmPki.Enrollment.Acme;

/// <summary>The challenge types offered (RFC 8555 §8.3, §8.4).</summary>
internal static class AcmeChallengeTypes
{
    /// <summary>A file at <c>http://{domain}/.well-known/acme-challenge/{token}</c> holding the key authorization.</summary>
    public const string Http01 = "http-01";

    /// <summary>A TXT record at <c>_acme-challenge.{domain}</c> holding base64url(SHA-256(key authorization)).</summary>
    public const string Dns01 = "dns-01";
}
