using GmPki.Core.Errors;
using GmPki.Core.Keys;
using GmPki.Core.Ledger;
using GmPki.Core.Security;
using GmPki.Cryptography.Keys;
using GmPki.Hosting.Configuration;
using GmPki.Hosting.Keys;
using GmPki.Issuance.Authorities;
using GmPki.Registration.Documents;
using GmPki.Registration.Operators;

namespace GmPki.Hosting;

/// <summary>What <see cref="Initializer.InitializeAsync(DataDirectory, InitOptions, KeyPassphrases, Actor, TimeProvider, CancellationToken)"/> creates.</summary>
/// <param name="Hierarchy">Names, algorithm and lifetimes of the root and issuing CA.</param>
/// <param name="BaseUrl">Public base URL for CRL, OCSP, caIssuers and CPS URLs.</param>
/// <param name="AdministratorName">Name of the first operator (role ca-administrator).</param>
/// <param name="Database">Ledger database; SQLite in the data directory when null.</param>
/// <param name="RegistrarName">Name of a registrar operator to create too (the demo's counter clerk), or null for none.</param>
/// <param name="AdministratorIdentityNumber">The administrator's resident identity number for the 三员 separation, or null.</param>
public sealed record InitOptions(
    HierarchyOptions Hierarchy, string BaseUrl, string AdministratorName = "admin", DatabaseSettings? Database = null, string? RegistrarName = null,
    string? AdministratorIdentityNumber = null);

/// <summary>What was created.</summary>
/// <param name="Root">The root CA.</param>
/// <param name="Issuing">The issuing CA.</param>
/// <param name="AdministratorApiKey">The first operator's API key; shown once, stored only as a hash.</param>
/// <param name="RegistrarApiKey">The registrar's API key when <see cref="InitOptions.RegistrarName"/> was given, else null.</param>
public sealed record InitResult(AuthorityRecord Root, AuthorityRecord Issuing, string AdministratorApiKey, string? RegistrarApiKey = null);

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
    public static Task<InitResult> InitializeAsync(DataDirectory data, InitOptions options, string passphrase, Actor actor, TimeProvider clock, CancellationToken cancellationToken)
        => InitializeAsync(data, options, new KeyPassphrases(() => passphrase), actor, clock, cancellationToken);

    /// <summary>
    /// Initialises an absent or empty data directory whose audit, TSA and OCSP responder keys are
    /// encrypted under the passphrases of their duties (<c>docs/cryptography.md</c>, "Keys per duty");
    /// a duty without one shares the CA passphrase.
    /// </summary>
    /// <exception cref="GmPkiException"><c>already-initialized</c> when the directory is not empty;
    /// <c>request-invalid</c> for bad names, a weak passphrase, or a duty passphrase equal to the CA passphrase.</exception>
    public static async Task<InitResult> InitializeAsync(DataDirectory data, InitOptions options, KeyPassphrases passphrases, Actor actor, TimeProvider clock, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(passphrases);
        RequireSeparate(passphrases);
        if (Directory.Exists(data.Path) && Directory.EnumerateFileSystemEntries(data.Path).Any())
        {
            throw Errors.AlreadyInitialized.With($"{data.Path} is not empty; initialise into a new or empty directory.");
        }

        DataDirectoryPermissions.Secure(data, null);
        try
        {
            InstallationConfiguration.WriteDefault(data, options.BaseUrl, options.Database ?? new DatabaseSettings());
            await using var installation = await Installation.OpenAsync(data, passphrases, clock, cancellationToken);
            var configuration = installation.Get<InstallationConfiguration.Validated>();
            var (root, issuing) = await CaHierarchy.CreateAsync(options.Hierarchy, configuration.Issuance.Urls,
                installation.Get<IKeyStore>(), installation.Get<IAuthorityRegistry>(), clock, actor, cancellationToken);
            await installation.Get<AuditKeys>().CreateAsync(issuing, actor, cancellationToken);
            await installation.Get<TimestampKeys>().CreateAsync(issuing, actor, cancellationToken);
            PersonalDataKey.Create(installation.Get<IKeyStore>());
            var documents = installation.Get<DocumentDesk>();
            foreach (var (kind, title, sections, cpsVersion) in DefaultDocuments.All)
            {
                await documents.PublishAsync(kind, title, sections, cpsVersion, actor, cancellationToken);
            }

            var accounts = installation.Get<OperatorAccounts>();
            var apiKey = await accounts.CreateAsync(
                new NewOperator(options.AdministratorName, OperatorRole.CaAdministrator, IdentityNumber: options.AdministratorIdentityNumber), actor, cancellationToken);
            var registrarKey = options.RegistrarName is null ? null : await accounts.CreateAsync(options.RegistrarName, OperatorRole.Registrar, actor, cancellationToken);
            return new InitResult(root.Record, issuing.Record, apiKey, registrarKey);
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

    private static void RequireSeparate(KeyPassphrases passphrases)
    {
        var authority = Passphrase.RequireStrong(passphrases.Authority);
        foreach (var duty in KeyDuties.Separate)
        {
            if (passphrases.Own(duty) is { } own && Passphrase.RequireStrong(own) == authority)
            {
                throw Errors.RequestInvalid.With($"{Passphrase.VariableOf(duty)} must differ from the CA passphrase, or the {KeyDuties.NameOf(duty)} key is not protected separately.");
            }
        }
    }
}
