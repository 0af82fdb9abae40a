using GmPki.Hosting.Configuration;
using GmPki.Storage;

namespace GmPki.Hosting;

/// <summary>
/// An opened installation for command-line use: configuration validated, ledger migrated, services
/// ready. The web host (<c>gmpki serve</c>) adds the same services to its own container.
/// </summary>
public sealed class Installation : IAsyncDisposable
{
    private readonly ServiceProvider _services;

    private Installation(DataDirectory data, ServiceProvider services, IReadOnlyList<string> tightened)
    {
        Data = data;
        _services = services;
        Tightened = tightened;
    }

    /// <summary>Entries of the data directory found with group or other permissions and tightened when opening (see <see cref="DataDirectoryPermissions"/>).</summary>
    public IReadOnlyList<string> Tightened { get; }

    /// <summary>The data directory.</summary>
    public DataDirectory Data { get; }

    /// <summary>The services.</summary>
    public IServiceProvider Services => _services;

    /// <summary>Opens the installation in <paramref name="data"/>.</summary>
    /// <param name="data">An initialised data directory.</param>
    /// <param name="passphrase">Supplies the key store passphrase when a CA key is first opened.</param>
    /// <param name="clock">Time source.</param>
    /// <param name="cancellationToken">Cancels the migration.</param>
    /// <exception cref="Core.Errors.ConfigurationException">The configuration is missing or invalid.</exception>
    public static Task<Installation> OpenAsync(DataDirectory data, Func<string> passphrase, TimeProvider clock, CancellationToken cancellationToken)
        => OpenAsync(data, new Cryptography.Keys.KeyPassphrases(passphrase), clock, cancellationToken);

    /// <summary>Opens the installation in <paramref name="data"/> with a passphrase per key duty.</summary>
    /// <param name="data">An initialised data directory.</param>
    /// <param name="passphrases">Supply the CA passphrase and those of the audit, TSA and OCSP responder keys when first needed.</param>
    /// <param name="clock">Time source.</param>
    /// <param name="cancellationToken">Cancels the migration.</param>
    /// <exception cref="Core.Errors.ConfigurationException">The configuration is missing or invalid.</exception>
    public static async Task<Installation> OpenAsync(DataDirectory data, Cryptography.Keys.KeyPassphrases passphrases, TimeProvider clock, CancellationToken cancellationToken)
    {
        var configuration = InstallationConfiguration.Validate(InstallationConfiguration.Load(data), data);
        var tightened = DataDirectoryPermissions.Secure(data, configuration);
        var services = new ServiceCollection().AddGmPkiInstallation(data, configuration, passphrases, clock).BuildServiceProvider();
        try
        {
            await GmPkiStorage.MigrateAsync(services, cancellationToken);
        }
        catch
        {
            await services.DisposeAsync();
            throw;
        }

        return new Installation(data, services, tightened);
    }

    /// <summary>A required service.</summary>
    public T Get<T>()
        where T : notnull => _services.GetRequiredService<T>();

    /// <inheritdoc/>
    public ValueTask DisposeAsync() => _services.DisposeAsync();
}
