using GmPki.Hosting.Status;
using GmPki.Hosting.Timestamping;
using GmPki.Issuance;
using GmPki.Storage;

namespace GmPki.Hosting.Keys;

/// <summary>
/// What <c>gmpki serve</c> does before it listens (<c>docs/performance.md</c>, "Start-up"): migrates
/// the ledger while the TSA key and the stored OCSP responder keys are opened, then opens the
/// issuing CA and every CA key in parallel (creating or renewing responder certificates), so a wrong passphrase or a missing key stops start-up. Each key costs one PBKDF2
/// derivation (600,000 rounds, <c>docs/cryptography.md</c>); the key store derives each file once.
/// The audit key is opened by the checkpoint service in the background.
/// </summary>
public static class StartupKeys
{
    /// <summary>Migrates the ledger and opens the keys of a server about to start.</summary>
    /// <param name="services">The server's services (<see cref="InstallationServices"/>).</param>
    /// <param name="cancellationToken">Cancels the migration.</param>
    /// <exception cref="Core.Errors.GmPkiException">A key cannot be opened (<c>key-unlock-failed</c>,
    /// <c>key-not-found</c>, <c>passphrase-missing</c>) or there is no issuing CA (<c>issuer-unavailable</c>).</exception>
    public static async Task OpenAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(services);
        var timestamping = Task.Run(services.GetRequiredService<TimestampService>().Open, cancellationToken);
        var responders = services.GetRequiredService<ResponderKeys>().OpenStoredAsync(cancellationToken);
        try
        {
            await GmPkiStorage.MigrateAsync(services, cancellationToken);
            await Task.WhenAll(services.GetRequiredService<AuthorityDirectory>().IssuerAsync(), services.GetRequiredService<StatusDirectory>().OpenAsync(cancellationToken));
        }
        finally
        {
            await Task.WhenAll(timestamping, responders).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }

        await Task.WhenAll(timestamping, responders);
    }
}
