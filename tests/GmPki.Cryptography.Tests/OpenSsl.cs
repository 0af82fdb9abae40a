using System.Diagnostics;

namespace GmPki.Cryptography.Tests;

/// <summary>Runs the real <c>openssl</c> command-line tool as an independent peer.</summary>
internal static class OpenSsl
{
    private static readonly Lazy<bool> IsAvailable = new(() =>
    {
        try
        {
            return Run(null, "version").ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false;
        }
    });

    /// <summary>Skips the calling test (visibly) when openssl is not installed.</summary>
    public static void RequireInstalled() => Skip.IfNot(IsAvailable.Value, "openssl is not installed (apt-get install openssl); interop check skipped.");

    public static (int ExitCode, string Output, string Error) Run(string? workingDirectory, params string[] arguments)
    {
        var start = new ProcessStartInfo("openssl")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = workingDirectory ?? Environment.CurrentDirectory,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, output.Result, error);
    }

    public static string MustRun(string? workingDirectory, params string[] arguments)
    {
        var (code, output, error) = Run(workingDirectory, arguments);
        code.ShouldBe(0, $"openssl {string.Join(' ', arguments)} failed: {error}");
        return output;
    }
}
