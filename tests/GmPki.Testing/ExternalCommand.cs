using System.Diagnostics;

namespace GmPki.Testing;

/// <summary>Runs a command-line program to completion and captures what it printed.</summary>
internal static class ExternalCommand
{
    /// <summary>Runs <paramref name="fileName"/> (with <paramref name="environment"/> added to this process's); returns its exit code and combined output.</summary>
    public static (int ExitCode, string Output) Run(string fileName, IEnumerable<string> arguments, IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start)
            ?? throw new InvalidOperationException($"Could not start {fileName}.");
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, output + error.GetAwaiter().GetResult());
    }

    /// <summary>Runs <paramref name="fileName"/> and throws, with its output, when it exits non-zero.</summary>
    public static string MustRun(string fileName, params string[] arguments)
    {
        var (exitCode, output) = Run(fileName, arguments);
        return exitCode == 0
            ? output
            : throw new InvalidOperationException(
                $"{fileName} {string.Join(' ', arguments)} exited with {exitCode}:{Environment.NewLine}{output}");
    }
}
