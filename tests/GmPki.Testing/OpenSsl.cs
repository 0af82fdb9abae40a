using System.Diagnostics;
using Xunit;

namespace GmPki.Testing;

/// <summary>Runs the real <c>openssl</c> command-line tool (OpenSSL 3) as an independent peer in tests.</summary>
public static class OpenSsl
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

    /// <summary>Runs openssl in <paramref name="workingDirectory"/>; returns exit code, stdout and stderr.</summary>
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

        using var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start openssl.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, output.GetAwaiter().GetResult(), error);
    }

    /// <summary>Runs openssl and throws, with its stderr, when it exits non-zero; returns stdout.</summary>
    public static string MustRun(string? workingDirectory, params string[] arguments)
    {
        var (code, output, error) = Run(workingDirectory, arguments);
        return code == 0 ? output : throw new InvalidOperationException($"openssl {string.Join(' ', arguments)} exited with {code}: {error}");
    }
}
