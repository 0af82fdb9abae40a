using GmPki.Core.Errors;
using GmPki.Core.Keys;
using GmPki.Core.Ledger;
using GmPki.Core.Security;
using GmPki.Cryptography.Keys;
using GmPki.Issuance.Authorities;

namespace GmPki.Server.Installation;

/// <summary>What <see cref="Initializer.InitializeAsync"/> creates.</summary>
/// <param name="Hierarchy">Names, algorithm and lifetimes of the root and issuing CA.</param>
/// <param name="BaseUrl">Public base URL for CRL, OCSP, caIssuers and CPS URLs.</param>
/// <param name="AdministratorName">Name of the first operator (role ca-administrator).</param>
/// <param name="Database">Ledger database; SQLite in the data directory when null.</param>
public sealed record InitOptions(HierarchyOptions Hierarchy, string BaseUrl, string AdministratorName = "admin", DatabaseSettings? Database = null);

/// <summary>What was created.</summary>
/// <param name="Root">The root CA.</param>
/// <param name="Issuing">The issuing CA.</param>
/// <param name="AdministratorApiKey">The first operator's API key; shown once, stored only as a hash.</param>
public sealed record InitResult(AuthorityRecord Root, AuthorityRecord Issuing, string AdministratorApiKey);

/// <summary>
/// Creates a new installation (<c>gmpki init</c>, and the demo bootstrap of <c>gmpki serve</c>):
/// configuration, ledger, CA hierarchy, audit key and the first administrator. Either all of it is created or,
/// on any failure, the data directory is left empty again.
/// </summary>
public static class Initializer
{
    /// <summary>Initialises an absent or empty data directory.</summary>
    /// <exception cref="GmPkiException"><c>already-initialized</c> when the directory is not empty;
    /// <c>request-invalid</c> for bad names or a weak passphrase.</exception>
    public static async Task<InitResult> InitializeAsync(DataDirectory data, InitOptions options, string passphrase, Actor actor, TimeProvider clock, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(options);
        Passphrase.RequireStrong(passphrase);
        if (Directory.Exists(data.Path) && Directory.EnumerateFileSystemEntries(data.Path).Any())
        {
            throw Errors.AlreadyInitialized.With($"{data.Path} is not empty; initialise into a new or empty directory.");
        }

        try
        {
            InstallationConfiguration.WriteDefault(data, options.BaseUrl, options.Database ?? new DatabaseSettings());
            await using var installation = await Installation.OpenAsync(data, () => passphrase, clock, cancellationToken);
            var configuration = installation.Get<InstallationConfiguration.Validated>();
            var (root, issuing) = await CaHierarchy.CreateAsync(options.Hierarchy, configuration.Issuance.Urls,
                installation.Get<IKeyStore>(), installation.Get<IAuthorityRegistry>(), clock, actor, cancellationToken);
            await installation.Get<AuditKeys>().CreateAsync(issuing, actor, cancellationToken);
            var apiKey = await installation.Get<OperatorAccounts>().CreateAsync(options.AdministratorName, OperatorRole.CaAdministrator, actor, cancellationToken);
            return new InitResult(root.Record, issuing.Record, apiKey);
        }
        catch
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            foreach (var entry in Directory.EnumerateFileSystemEntries(data.Path))
            {
                if (Directory.Exists(entry))
                {
                    Directory.Delete(entry, recursive: true);
                }
                else
                {
                    File.Delete(entry);
                }
            }

            throw;
        }
    }
}
