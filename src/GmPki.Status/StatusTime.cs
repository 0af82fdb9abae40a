namespace GmPki.Status;

/// <summary>Times as CRLs and OCSP responses encode them.</summary>
internal static class StatusTime
{
    /// <summary><paramref name="utc"/> truncated to whole seconds (UTCTime and GeneralizedTime carry no fraction here, RFC 5280 §4.1.2.5), kind UTC.</summary>
    public static DateTime Whole(DateTime utc) => new(utc.Ticks - (utc.Ticks % TimeSpan.TicksPerSecond), DateTimeKind.Utc);
}
