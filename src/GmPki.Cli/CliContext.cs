using System.CommandLine;
using GmPki.Core.Errors;
using GmPki.Core.Ledger;
using GmPki.Core.Security;
using GmPki.Hosting;
using GmPki.Registration.Workflow;

namespace GmPki.Cli;

/// <summary>What every command shares: output streams, common options, error reporting.</summary>
/// <param name="Output">Standard output.</param>
/// <param name="Error">Standard error (warnings and errors).</param>
public sealed record CliContext(TextWriter Output, TextWriter Error)
{
    /// <summary>Exit code of a refused or failed command.</summary>
    public const int Failed = 1;

    /// <summary>The <c>--data DIR</c> option.</summary>
    public static Option<string> DataOption() => new("--data") { Description = "The data directory (configuration, ledger, keys).", Required = true };

    /// <summary>The <c>--passphrase-file FILE</c> option.</summary>
    public static Option<string?> PassphraseFileOption() => new("--passphrase-file")
    {
        Description = "File whose first line is the key store passphrase (else GMPKI_PASSPHRASE, else a prompt).",
    };

    /// <summary>The <c>--operator NAME</c> option.</summary>
    public static Option<string?> OperatorOption() => new("--operator")
    {
        Description = "The operator account acting (its role and agency apply); without it, the OS user acting as registrar.",
    };

    /// <summary>
    /// The registration actor of a command: the named operator account (which must exist and be
    /// enabled), or <c>cli:{os-user}</c> as a registrar of the CA itself.
    /// </summary>
    /// <exception cref="GmPkiException"><c>request-invalid</c> for an unknown or disabled operator.</exception>
    public static async Task<RegistrationActor> ActorAsync(Installation installation, string? operatorName, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(installation);
        if (operatorName is null)
        {
            return RegistrationActor.Operator(CliActor.Name, OperatorRole.Registrar, null, null);
        }

        var account = (await installation.Get<IOperatorStore>().ListAsync(cancellationToken)).FirstOrDefault(o => o.Name == operatorName && !o.Disabled)
            ?? throw Errors.RequestInvalid.With($"no enabled operator '{operatorName}'.");
        return RegistrationActor.Operator("operator:" + account.Name, account.Role, account.Agency, null);
    }

    /// <summary>The actor of operator commands run from the CLI: the OS user, acting as CA administrator.</summary>
    public static Actor CliActor { get; } = new("cli:" + Environment.UserName, OperatorRole.CaAdministrator.ToName(), null);

    /// <summary>Runs <paramref name="body"/>, turning expected errors into a message and exit code 1.</summary>
    public async Task<int> RunAsync(Func<Task<int>> body)
    {
        ArgumentNullException.ThrowIfNull(body);
        try
        {
            return await body();
        }
        catch (GmPkiException e)
        {
            await Error.WriteLineAsync($"error: {e.Message} [{e.Error.Code}]");
            return Failed;
        }
        catch (ConfigurationException e)
        {
            await Error.WriteLineAsync("error: " + e.Message);
            return Failed;
        }
    }

    /// <summary>Opens the installation in <paramref name="data"/>.</summary>
    public Task<Installation> OpenAsync(string data, string? passphraseFile, CancellationToken cancellationToken)
    {
        var directory = DataDirectory.At(data);
        return Installation.OpenAsync(directory, PassphraseSources.Keys(directory, passphraseFile, Error), TimeProvider.System, cancellationToken);
    }
}
