using GmPki.Cryptography.Keys;

namespace GmPki.Hosting;

/// <summary>
/// Where an installation's passphrases come from (<c>docs/configuration.md</c>, "Passphrases").
/// The CA passphrase: <c>--passphrase-file</c>, the <c>GMPKI_PASSPHRASE</c> environment variable,
/// the demo passphrase file of a demo installation (with a warning), an interactive prompt. The
/// passphrase of each separate <see cref="KeyDuty"/> (<c>audit</c>, <c>tsa</c>, <c>ocsp</c>):
/// <c>GMPKI_{DUTY}_PASSPHRASE</c>, else the first line of the file named by
/// <c>GMPKI_{DUTY}_PASSPHRASE_FILE</c>, else the demo file <c>demo-passphrase-{duty}</c>, else none
/// (the key stays under the CA passphrase, with a warning).
/// </summary>
public static class PassphraseSources
{
    /// <summary>A resolver to hand to the key store; it runs when a CA key is first opened.</summary>
    /// <param name="data">The data directory.</param>
    /// <param name="file">The <c>--passphrase-file</c> option, or null.</param>
    /// <param name="warnings">Where to warn that the demo passphrase is in use.</param>
    public static Func<string> For(DataDirectory data, string? file, TextWriter warnings)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(warnings);
        return () =>
        {
            if (file is null && string.IsNullOrEmpty(Environment.GetEnvironmentVariable(Passphrase.EnvironmentVariable)) && File.Exists(data.DemoPassphraseFile))
            {
                warnings.WriteLine($"WARNING: using the DEMO key store passphrase from {data.DemoPassphraseFile}. Not for production.");
                return File.ReadAllText(data.DemoPassphraseFile).Trim();
            }

            return Passphrase.Resolve(file, allowPrompt: true);
        };
    }

    /// <summary>The passphrases of every duty: the CA's from <see cref="For"/>, the others from their environment variables, files or demo files.</summary>
    /// <param name="data">The data directory.</param>
    /// <param name="file">The <c>--passphrase-file</c> option (CA passphrase), or null.</param>
    /// <param name="warnings">Where warnings (demo passphrases, a duty key still under the CA passphrase, a key re-encrypted) go.</param>
    public static KeyPassphrases Keys(DataDirectory data, string? file, TextWriter warnings)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(warnings);
        return new KeyPassphrases(For(data, file, warnings), duty => Duty(data, duty, warnings), message => warnings.WriteLine("NOTICE: " + message));
    }

    /// <summary>The passphrase of <paramref name="duty"/> from its environment variable or file, or null when neither is set.</summary>
    /// <exception cref="Core.Errors.GmPkiException"><c>passphrase-missing</c> when the named file is missing or empty.</exception>
    public static string? FromEnvironment(KeyDuty duty)
    {
        var variable = Passphrase.VariableOf(duty);
        var value = Environment.GetEnvironmentVariable(variable);
        if (!string.IsNullOrEmpty(value))
        {
            return value;
        }

        var file = Environment.GetEnvironmentVariable(variable + "_FILE");
        return string.IsNullOrEmpty(file) ? null : Passphrase.Resolve(file, allowPrompt: false);
    }

    private static string? Duty(DataDirectory data, KeyDuty duty, TextWriter warnings)
    {
        if (FromEnvironment(duty) is { } configured)
        {
            return configured;
        }

        var demo = data.DemoDutyPassphraseFile(duty);
        if (File.Exists(demo))
        {
            return File.ReadAllText(demo).Trim();
        }

        warnings.WriteLine($"WARNING: {Passphrase.VariableOf(duty)} is not set: the {KeyDuties.NameOf(duty)} key is protected by the CA passphrase (docs/cryptography.md, \"Keys per duty\").");
        return null;
    }
}
