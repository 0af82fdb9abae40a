using GmPki.Cryptography.Keys;

namespace GmPki.Hosting;

/// <summary>
/// Where an installation's key store passphrase comes from, in order: <c>--passphrase-file</c>,
/// the <c>GMPKI_PASSPHRASE</c> environment variable, the demo passphrase file of a demo
/// installation (with a warning), an interactive prompt.
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
}
