using Xunit;

namespace GmPki.Testing;

/// <summary>Runs GnuTLS's <c>ocsptool</c> (Debian package gnutls-bin) as a second, independent OCSP client in tests.</summary>
public static class OcspTool
{
    private const string Path = "/usr/bin/ocsptool";

    /// <summary>Skips the calling test (visibly) when ocsptool is not installed.</summary>
    public static void RequireInstalled() => Skip.IfNot(File.Exists(Path), "ocsptool is not installed (apt-get install gnutls-bin); interop check skipped.");

    /// <summary>Runs ocsptool; returns its exit code and combined output.</summary>
    public static (int ExitCode, string Output) Run(params string[] arguments) => ExternalCommand.Run(Path, arguments);
}
