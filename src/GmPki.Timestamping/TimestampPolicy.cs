namespace GmPki.Timestamping;

/// <summary>
/// How the TSA stamps (RFC 3161 §2.4.2): its policy, the accuracy it vouches for, and whether
/// tokens can be ordered by genTime alone.
/// </summary>
/// <param name="PolicyOid">TSA policy OID (dotted) written into every token; requests naming another policy are refused (unacceptedPolicy).</param>
/// <param name="AccuracyMilliseconds">The accuracy of genTime in milliseconds (<see cref="MinAccuracyMilliseconds"/>–<see cref="MaxAccuracyMilliseconds"/>), written as the accuracy field.</param>
/// <param name="Ordering">When true, genTime strictly increases from token to token (microsecond steps), so tokens order by genTime alone.</param>
public sealed record TimestampPolicy(string PolicyOid, int AccuracyMilliseconds = 1000, bool Ordering = true)
{
    /// <summary>Policy OID used when none is configured: under the UUID arc of GmPki's default certificate policies (<c>docs/configuration.md</c>); a CA publishes its own in its CPS.</summary>
    public const string DefaultPolicyOid = "2.25.54655023470269053948793751655512838928.2.1";

    /// <summary>Smallest and largest accuracy, in milliseconds: 1 ms to 60 s.</summary>
    public const int MinAccuracyMilliseconds = 1, MaxAccuracyMilliseconds = 60_000;
}
