using System.CommandLine;
using GmPki.Core.Errors;

namespace GmPki.Cli;

/// <summary>
/// <c>--operator NAME</c> with the credential that proves it: <c>--operator-key-file FILE</c>
/// (first line: the operator's API key, <c>gmpki_…</c>), else the environment variable
/// <see cref="KeyVariable"/>. A typed name alone is refused, so the two-person rule at the CLI
/// rests on two keys, not on honour (issue 15 item 5). A key file without a name acts as the key's operator.
/// </summary>
public sealed class OperatorCredentialOptions
{
    /// <summary>Environment variable holding the acting operator's API key when no key file is given.</summary>
    public const string KeyVariable = "GMPKI_OPERATOR_KEY";

    /// <summary>The <c>--operator NAME</c> option.</summary>
    public Option<string?> Name { get; } = new("--operator")
    {
        Description = "The operator account acting (its role and agency apply); needs its API key (--operator-key-file or " + KeyVariable + "). Without it, the OS user acting as registrar.",
    };

    /// <summary>The <c>--operator-key-file FILE</c> option.</summary>
    public Option<string?> KeyFile { get; } = new("--operator-key-file")
    {
        Description = "File whose first line is the acting operator's API key (else " + KeyVariable + " when --operator is given).",
    };

    /// <summary>The operator named and its presented key; null when the command runs as the OS user.</summary>
    /// <exception cref="GmPkiException"><c>request-invalid</c> when a name comes without a key, or the key file is missing or empty.</exception>
    public OperatorCredential? Of(ParseResult parse)
    {
        ArgumentNullException.ThrowIfNull(parse);
        var name = parse.GetValue(Name);
        var file = parse.GetValue(KeyFile);
        if (name is null && file is null)
        {
            return null;
        }

        var key = file is not null ? ReadKey(file) : Environment.GetEnvironmentVariable(KeyVariable)?.Trim();
        return string.IsNullOrEmpty(key)
            ? throw Errors.RequestInvalid.With($"acting as operator '{name}' needs its API key: --operator-key-file FILE or {KeyVariable}.")
            : new OperatorCredential(name, key);
    }

    private static string ReadKey(string path)
        => File.Exists(path)
            ? File.ReadLines(path).FirstOrDefault()?.Trim() ?? string.Empty
            : throw Errors.RequestInvalid.With($"operator key file {path} does not exist.");
}

/// <summary>An operator's name as typed (null: take it from the key) and the API key presented for it.</summary>
/// <param name="Name">The <c>--operator</c> value, or null.</param>
/// <param name="ApiKey">The API key (<c>gmpki_…</c>).</param>
public sealed record OperatorCredential(string? Name, string ApiKey);

/// <summary>Lets a command's collection initializer take <see cref="OperatorCredentialOptions"/> like any option.</summary>
public static class OperatorCredentialOptionsExtensions
{
    /// <summary>Adds both options to <paramref name="command"/>.</summary>
    public static void Add(this Command command, OperatorCredentialOptions options)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(options);
        command.Options.Add(options.Name);
        command.Options.Add(options.KeyFile);
    }
}
