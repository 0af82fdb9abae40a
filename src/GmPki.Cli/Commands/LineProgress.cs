namespace GmPki.Cli.Commands;

/// <summary>Writes each progress report of a long operation as one line, at once and in order (unlike <see cref="Progress{T}"/>, which posts them).</summary>
internal sealed class LineProgress(TextWriter output) : IProgress<string>
{
    public void Report(string value) => output.WriteLine("  … " + value);
}
