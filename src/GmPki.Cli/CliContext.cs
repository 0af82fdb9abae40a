using System.CommandLine;
using GmPki.Core.Errors;
using GmPki.Core.Ledger;
using GmPki.Core.Security;
using GmPki.Hosting;
using GmPki.Registration.Operators;
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

    /// <summary>The <c>--operator NAME</c> and <c>--operator-key-file FILE</c> options.</summary>
    public static OperatorCredentialOptions OperatorOption() => new();

    /// <summary>
    /// The registration actor of a command: the operator whose API key is presented (enabled, not
    /// expired, and the one <c>--operator</c> names), or <c>cli:{os-user}</c> as a registrar of the
    /// CA itself when no operator is given.
    /// </summary>
    /// <exception cref="GmPkiException"><c>unauthenticated</c> for a key that is no operator's or another operator's than named;
    /// <c>operator-disabled</c>; <c>operator-key-expired</c>.</exception>
    public static async Task<RegistrationActor> ActorAsync(Installation installation, OperatorCredential? credential, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(installation);
        if (credential is null)
        {
            return RegistrationActor.Operator(CliActor.Name, OperatorRole.Registrar, null, null);
        }

        var account = await installation.Get<OperatorAccounts>().AuthenticateAsync(credential.ApiKey, cancellationToken);
        if (account is null || (credential.Name is not null && account.Name != credential.Name))
        {
            throw Errors.Unauthenticated.With($"the API key presented is not the key of operator '{credential.Name ?? "(any)"}'.");
        }

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
    public async Task<Installation> OpenAsync(string data, string? passphraseFile, CancellationToken cancellationToken)
    {
        var directory = DataDirectory.At(data);
        var installation = await Installation.OpenAsync(directory, PassphraseSources.Keys(directory, passphraseFile, Error), TimeProvider.System, cancellationToken);
        foreach (var entry in installation.Tightened)
        {
            await Error.WriteLineAsync("warning: data directory permissions tightened: " + entry);
        }

        return installation;
    }
}
