using GmPki.Core.Registration;

namespace GmPki.Registration.Retention;

/// <summary>
/// How long registration records are kept (M09 §24): at least <see cref="MinimumYears"/> years
/// after the certificate stops being valid, <see cref="MinimumGovernmentYears"/> for government
/// departments and their staff — a record is a government one when its subscriber is a government
/// department or staff linked to one, or when any certificate it produced or acted on was issued
/// under one of <see cref="GovernmentProfiles"/> (so an unlinked staff member's certificate counts).
/// Configurable upwards only.
/// </summary>
/// <param name="Years">Years for other subscribers (at least 5).</param>
/// <param name="GovernmentYears">Years for government departments and their staff (at least 10).</param>
public sealed record RetentionPolicy(int Years, int GovernmentYears)
{
    /// <summary>The legal minimum for other subscribers.</summary>
    public const int MinimumYears = 5;

    /// <summary>The legal minimum for government departments.</summary>
    public const int MinimumGovernmentYears = 10;

    /// <summary>The profiles of government staff certificates in the default profile set.</summary>
    public static IReadOnlyList<string> DefaultGovernmentProfiles { get; } = ["government-staff", "government-staff-encryption"];

    /// <summary>Profiles whose certificates are kept <see cref="GovernmentYears"/> whoever holds them.</summary>
    public IReadOnlySet<string> GovernmentProfiles { get; init; } = DefaultGovernmentProfiles.ToHashSet(StringComparer.Ordinal);

    /// <summary>Whether <paramref name="candidate"/> is kept for <see cref="GovernmentYears"/>: a government subscriber, or a certificate of a government profile.</summary>
    public bool IsGovernment(RetentionCandidate candidate)
    {
        ArgumentNullException.ThrowIfNull(candidate);
        return candidate.Government || candidate.Profiles.Any(GovernmentProfiles.Contains);
    }

    /// <summary>The policy at the legal minimums.</summary>
    public static RetentionPolicy Minimum { get; } = new(MinimumYears, MinimumGovernmentYears);

    /// <summary>
    /// The first UTC instant <paramref name="candidate"/> may be removed: the later of its closing
    /// and the end of validity of every certificate it produced or acted on, plus the retention years.
    /// </summary>
    public DateTime KeepUntil(RetentionCandidate candidate)
    {
        ArgumentNullException.ThrowIfNull(candidate);
        var start = candidate.CertificatesValidUntil.Append(candidate.ClosedAt).Max();
        return start.AddYears(IsGovernment(candidate) ? GovernmentYears : Years);
    }
}
