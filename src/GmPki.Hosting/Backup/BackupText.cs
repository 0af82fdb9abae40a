using System.Globalization;

namespace GmPki.Hosting.Backup;

/// <summary>
/// The messages of backup and restore in the user's language: Simplified Chinese (zh-CN) when the
/// current UI culture is Chinese, English otherwise.
/// </summary>
public static class BackupText
{
    /// <summary>Whether messages are given in Chinese (the current UI culture's language is <c>zh</c>).</summary>
    public static bool Chinese => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "zh";

    /// <summary><paramref name="chinese"/> or <paramref name="english"/>, by <see cref="Chinese"/>.</summary>
    public static string Of(string chinese, string english) => Chinese ? chinese : english;
}
