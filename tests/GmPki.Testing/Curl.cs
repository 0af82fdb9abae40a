using Xunit;

namespace GmPki.Testing;

/// <summary>The real <c>curl</c> client, for protocol interop tests.</summary>
public static class Curl
{
    private const string Path = "/usr/bin/curl";

    /// <summary>Skips the test when curl is missing (CI installs it: <c>.ci/run</c>).</summary>
    public static void RequireInstalled() => Skip.IfNot(File.Exists(Path), "curl is not installed (apt-get install curl); interop check skipped.");

    /// <summary>
    /// Runs curl with <c>-sS</c> and the given arguments plus <c>-w '\n%{http_code}'</c>; returns the
    /// HTTP status and what curl printed before it (the body unless <c>-o</c> was given, and with
    /// <c>-i</c> the headers).
    /// </summary>
    public static (int Status, string Output) Run(params string[] arguments)
    {
        var (_, output) = ExternalCommand.Run(Path, ["-sS", "-w", "\n%{http_code}", .. arguments]);
        var trimmed = output.TrimEnd();
        var cut = trimmed.LastIndexOf('\n');
        return (int.Parse(trimmed[(cut + 1)..], System.Globalization.CultureInfo.InvariantCulture), cut < 0 ? string.Empty : trimmed[..cut]);
    }
}
