using System.Text;
using GmPki.Core.Errors;

namespace GmPki.Cryptography.Keys;

/// <summary>
/// Finds the key store passphrase: an explicit file, else the environment variable
/// <c>GMPKI_PASSPHRASE</c>, else a prompt on an interactive terminal. The passphrase is never
/// logged or echoed.
/// </summary>
public static class Passphrase
{
    /// <summary>Name of the environment variable holding the passphrase.</summary>
    public const string EnvironmentVariable = "GMPKI_PASSPHRASE";

    /// <summary>
    /// Name of the environment variable holding the passphrase of a separate <paramref name="duty"/>:
    /// <c>GMPKI_AUDIT_PASSPHRASE</c>, <c>GMPKI_TSA_PASSPHRASE</c>, <c>GMPKI_OCSP_PASSPHRASE</c>
    /// (<see cref="EnvironmentVariable"/> for the CA keys); the same name with <c>_FILE</c> appended names a file holding it.
    /// </summary>
    public static string VariableOf(KeyDuty duty)
        => duty == KeyDuty.CertificationAuthority ? EnvironmentVariable : $"GMPKI_{KeyDuties.NameOf(duty).ToUpperInvariant()}_PASSPHRASE";

    /// <summary>Minimum length accepted for a new key store's passphrase.</summary>
    public const int MinimumLength = 12;

    /// <summary>Resolves the passphrase.</summary>
    /// <param name="file">A file whose first line is the passphrase, or null.</param>
    /// <param name="allowPrompt">Whether to prompt when stdin is a terminal.</param>
    /// <exception cref="GmPkiException"><c>passphrase-missing</c> when no source yields one.</exception>
    public static string Resolve(string? file, bool allowPrompt)
    {
        if (file is not null)
        {
            if (!File.Exists(file))
            {
                throw Errors.PassphraseMissing.With($"passphrase file {file} does not exist.");
            }

            var fromFile = File.ReadLines(file).FirstOrDefault()?.TrimEnd('\r');
            return string.IsNullOrEmpty(fromFile) ? throw Errors.PassphraseMissing.With($"passphrase file {file} is empty.") : fromFile;
        }

        var fromEnvironment = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrEmpty(fromEnvironment))
        {
            return fromEnvironment;
        }

        if (allowPrompt && !Console.IsInputRedirected)
        {
            return Prompt("Key store passphrase: ");
        }

        throw Errors.PassphraseMissing.With($"set {EnvironmentVariable}, pass --passphrase-file, or run interactively.");
    }

    /// <summary>Checks that a passphrase for a new key store is long enough.</summary>
    /// <exception cref="GmPkiException"><c>request-invalid</c> when shorter than <see cref="MinimumLength"/>.</exception>
    public static string RequireStrong(string passphrase)
    {
        ArgumentNullException.ThrowIfNull(passphrase);
        return passphrase.Length >= MinimumLength
            ? passphrase
            : throw Errors.RequestInvalid.With($"the key store passphrase must have at least {MinimumLength} characters.");
    }

    private static string Prompt(string label)
    {
        Console.Error.Write(label);
        var builder = new StringBuilder();
        while (true)
        {
            var key = Console.ReadKey(intercept: true);
            if (key.Key == ConsoleKey.Enter)
            {
                Console.Error.WriteLine();
                return builder.Length > 0 ? builder.ToString() : throw Errors.PassphraseMissing.With("an empty passphrase was entered.");
            }

            if (key.Key == ConsoleKey.Backspace)
            {
                if (builder.Length > 0)
                {
                    builder.Length--;
                }
            }
            else if (!char.IsControl(key.KeyChar))
            {
                builder.Append(key.KeyChar);
            }
        }
    }
}
