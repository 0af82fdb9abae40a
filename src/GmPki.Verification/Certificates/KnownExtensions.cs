namespace GmPki.Verification.Certificates;

/// <summary>
/// The certificate extensions the validator recognises (RFC 5280 §4.2): a critical extension
/// outside this list makes a certificate unusable (§4.2, §6.1.4 (o), §6.1.5 (f)).
/// </summary>
internal static class KnownExtensions
{
    private static readonly Dictionary<string, string> Names = new()
    {
        ["2.5.29.9"] = "subjectDirectoryAttributes",
        ["2.5.29.14"] = "subjectKeyIdentifier",
        ["2.5.29.15"] = "keyUsage",
        ["2.5.29.17"] = "subjectAltName",
        ["2.5.29.18"] = "issuerAltName",
        ["2.5.29.19"] = "basicConstraints",
        ["2.5.29.30"] = "nameConstraints",
        ["2.5.29.31"] = "cRLDistributionPoints",
        ["2.5.29.32"] = "certificatePolicies",
        ["2.5.29.33"] = "policyMappings",
        ["2.5.29.35"] = "authorityKeyIdentifier",
        ["2.5.29.36"] = "policyConstraints",
        ["2.5.29.37"] = "extKeyUsage",
        ["2.5.29.46"] = "freshestCRL",
        ["2.5.29.54"] = "inhibitAnyPolicy",
        ["1.3.6.1.5.5.7.1.1"] = "authorityInfoAccess",
        ["1.3.6.1.5.5.7.1.11"] = "subjectInfoAccess",
        ["1.3.6.1.5.5.7.48.1.5"] = "id-pkix-ocsp-nocheck",
    };

    /// <summary>True for an extension the validator understands.</summary>
    public static bool IsRecognized(string oid) => Names.ContainsKey(oid);

    /// <summary>The extension's name, or its OID when unknown.</summary>
    public static string NameOf(string oid) => Names.GetValueOrDefault(oid, oid);
}
