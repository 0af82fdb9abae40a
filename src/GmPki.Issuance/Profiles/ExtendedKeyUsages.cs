namespace GmPki.Issuance.Profiles;

/// <summary>Names of extKeyUsage purposes (RFC 5280 §4.2.1.12) accepted in profiles.</summary>
internal static class ExtendedKeyUsages
{
    private static readonly Dictionary<string, string> ByName = new(StringComparer.OrdinalIgnoreCase)
    {
        ["serverAuth"] = "1.3.6.1.5.5.7.3.1",
        ["clientAuth"] = "1.3.6.1.5.5.7.3.2",
        ["codeSigning"] = "1.3.6.1.5.5.7.3.3",
        ["emailProtection"] = "1.3.6.1.5.5.7.3.4",
        ["timeStamping"] = "1.3.6.1.5.5.7.3.8",
        ["OCSPSigning"] = "1.3.6.1.5.5.7.3.9",
    };

    /// <summary>Resolves a name or a dotted OID to a dotted OID; null when neither.</summary>
    public static string? Resolve(string nameOrOid)
        => ByName.TryGetValue(nameOrOid, out var oid) ? oid : Oids.IsValid(nameOrOid) ? nameOrOid : null;
}
