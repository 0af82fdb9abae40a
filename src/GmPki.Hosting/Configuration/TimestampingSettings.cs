using GmPki.Timestamping;

namespace GmPki.Hosting.Configuration;

/// <summary>
/// Section <c>Timestamping</c>: the RFC 3161 timestamp authority at <c>POST /tsa</c>
/// (<c>docs/relying-party.md</c>). Validated at start-up (GMPKI-TSA-001, GMPKI-TSA-002).
/// </summary>
public sealed partial class TimestampingSettings
{
    /// <summary>TSA policy OID (dotted) written into every token, as published in the CPS; requests naming another are refused (unacceptedPolicy).</summary>
    public string PolicyOid { get; set; } = TimestampPolicy.DefaultPolicyOid;

    /// <summary>Accuracy of genTime in milliseconds (1–60,000), written into every token; keep the server clock synchronised (NTP) well within it.</summary>
    public int AccuracyMilliseconds { get; set; } = 1000;

    /// <summary>When true (default), genTime strictly increases from token to token, so tokens order by genTime alone (RFC 3161 §2.4.2 ordering).</summary>
    public bool Ordering { get; set; } = true;

    /// <summary>The validated policy.</summary>
    /// <returns>The policy, or the numbered problems found.</returns>
    public (TimestampPolicy? Policy, IReadOnlyList<string> Problems) Validate()
    {
        var problems = new List<string>();
        if (string.IsNullOrEmpty(PolicyOid) || !DottedOid().IsMatch(PolicyOid))
        {
            problems.Add($"GMPKI-TSA-001: Timestamping:PolicyOid '{PolicyOid}' is not a dotted OID such as 1.2.156.xxx.");
        }

        if (AccuracyMilliseconds is < TimestampPolicy.MinAccuracyMilliseconds or > TimestampPolicy.MaxAccuracyMilliseconds)
        {
            problems.Add($"GMPKI-TSA-002: Timestamping:AccuracyMilliseconds {AccuracyMilliseconds} must be between {TimestampPolicy.MinAccuracyMilliseconds} and {TimestampPolicy.MaxAccuracyMilliseconds}.");
        }

        return (problems.Count == 0 ? new TimestampPolicy(PolicyOid, AccuracyMilliseconds, Ordering) : null, problems);
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"^[0-2](\.(0|[1-9][0-9]{0,37}))+$")]
    private static partial System.Text.RegularExpressions.Regex DottedOid();
}
