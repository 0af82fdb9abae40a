namespace GmPki.Core.Errors;

/// <summary>
/// Invalid configuration found at start-up. Carries every problem found, each with a numbered
/// ID such as <c>GMPKI-PROFILE-003</c> (listed in <c>docs/configuration.md</c>), so the operator
/// can fix them all at once. The service refuses to start while any remain.
/// </summary>
public sealed class ConfigurationException : Exception
{
    /// <summary>Creates the exception from the problems found.</summary>
    /// <param name="problems">Each entry is <c>"GMPKI-AREA-nnn: message"</c>.</param>
    public ConfigurationException(IReadOnlyList<string> problems)
        : base("Invalid configuration:" + Environment.NewLine + string.Join(Environment.NewLine, problems.Select(p => "  " + p)))
    {
        Problems = problems;
    }

    /// <summary>The problems, each prefixed with its numbered ID.</summary>
    public IReadOnlyList<string> Problems { get; }
}
