namespace GmPki.Registration.Workflow;

/// <summary>
/// The RFC 5280 §5.3.1 reasons a revocation application may give, by CRLReason code and name:
/// unspecified (0), keyCompromise (1), affiliationChanged (3), superseded (4),
/// cessationOfOperation (5), privilegeWithdrawn (9). certificateHold (6) is a suspension's,
/// removeFromCRL (8) a resumption's, cACompromise (2) and aACompromise (10) the CA's own.
/// Protocols that carry the code (CMP reasonCode, ACME revokeCert) map it here.
/// </summary>
public static class RevocationReasons
{
    /// <summary>Names by CRLReason code.</summary>
    public static IReadOnlyDictionary<int, string> ByCode { get; } = new Dictionary<int, string>
    {
        [0] = "unspecified",
        [1] = "keyCompromise",
        [3] = "affiliationChanged",
        [4] = "superseded",
        [5] = "cessationOfOperation",
        [9] = "privilegeWithdrawn",
    };

    /// <summary>Whether <paramref name="name"/> is one of the names (case-sensitive, as RFC 5280 spells them).</summary>
    public static bool Allows(string name) => ByCode.Values.Contains(name, StringComparer.Ordinal);

    /// <summary>The codes and names, for error messages: <c>0 (unspecified), 1 (keyCompromise), …</c>.</summary>
    public static string Listed => string.Join(", ", ByCode.Select(r => $"{r.Key} ({r.Value})"));
}
