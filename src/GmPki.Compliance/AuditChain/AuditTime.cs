namespace GmPki.Compliance.AuditChain;

/// <summary>
/// Times in the audit chain: UTC, whole microseconds (PostgreSQL's <c>timestamp with time zone</c>
/// keeps no more, so the ledger stores and hashes exactly this).
/// </summary>
public static class AuditTime
{
    private const long TicksPerMicrosecond = TimeSpan.TicksPerMillisecond / 1000;

    /// <summary>Drops the sub-microsecond ticks of <paramref name="utc"/>; the result has <see cref="DateTimeKind.Utc"/>.</summary>
    /// <param name="utc">A time whose ticks count UTC (the kind is not looked at).</param>
    public static DateTime Truncate(DateTime utc) => new(utc.Ticks - (utc.Ticks % TicksPerMicrosecond), DateTimeKind.Utc);

    /// <summary>Microseconds from 1970-01-01T00:00:00Z to <paramref name="utc"/>, sub-microsecond ticks dropped.</summary>
    /// <param name="utc">A time whose ticks count UTC (the kind is not looked at).</param>
    public static long ToUnixMicroseconds(DateTime utc) => (Truncate(utc).Ticks - DateTime.UnixEpoch.Ticks) / TicksPerMicrosecond;
}
