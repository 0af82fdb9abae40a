using GmPki.Core.Ledger;
using GmPki.Issuance.Formats;

namespace GmPki.Cli.Commands;

/// <summary>One-line descriptions for command output. Times are shown in Asia/Shanghai (UTC+8).</summary>
internal static class Describe
{
    private static readonly TimeZoneInfo Shanghai = FindShanghai();

    public static string Authority(AuthorityRecord authority)
    {
        var certificate = CertificateNames.Of(authority.CertificateDer);
        return $"  {authority.Kind,-8} {authority.Label,-8} {certificate.Subject}  valid until {Time(certificate.NotAfter)}";
    }

    /// <summary>A UTC instant in Asia/Shanghai, for example <c>2026-11-22 16:00:00 +08:00</c>.</summary>
    public static string Time(DateTime utc)
        => TimeZoneInfo.ConvertTime(new DateTimeOffset(DateTime.SpecifyKind(utc, DateTimeKind.Utc)), Shanghai).ToString("yyyy-MM-dd HH:mm:ss zzz", System.Globalization.CultureInfo.InvariantCulture);

    private static TimeZoneInfo FindShanghai()
    {
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");
        }
        catch (TimeZoneNotFoundException)
        {
            return TimeZoneInfo.CreateCustomTimeZone("UTC+08", TimeSpan.FromHours(8), "UTC+08", "UTC+08");
        }
    }
}
