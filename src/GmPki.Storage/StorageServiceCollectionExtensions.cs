using GmPki.Core.Ledger;
using GmPki.Storage.Context;
using GmPki.Core.Registration;
using GmPki.Storage.Ledger;
using GmPki.Storage.Registration;
using GmPki.Storage.Writing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GmPki.Storage;

/// <summary>Registers the ledger in a service collection.</summary>
public static class StorageServiceCollectionExtensions
{
    /// <summary>
    /// Registers a pooled EF Core context factory for the chosen provider and, as singletons safe
    /// for concurrent use (each call uses its own short-lived context), the implementations of
    /// <see cref="IIssuanceLedger"/>, <see cref="IAuditLog"/>, <see cref="IAuthorityRegistry"/>,
    /// <see cref="ICertificateDirectory"/>, <see cref="IPublicDirectory"/>, <see cref="IOperatorStore"/>, <see cref="IAuditChain"/> and
    /// <see cref="Core.Status.IStatusLedger"/>, <see cref="Core.Outbox.IDirectoryOutbox"/>, <see cref="Core.Enrollment.IAcmeStore"/>, <see cref="Core.Enrollment.ICmpTransactionStore"/> and <see cref="IRegistrationLedger"/> (which needs an <see cref="Core.Keys.IPersonalDataProtector"/> registered by the host). Call
    /// <see cref="GmPkiStorage.MigrateAsync"/> once at start-up before using them.
    /// </summary>
    /// <param name="services">The collection to add to.</param>
    /// <param name="options">Provider and connection string.</param>
    /// <returns><paramref name="services"/>, for chaining.</returns>
    /// <exception cref="ArgumentException">The provider is neither <c>sqlite</c> nor
    /// <c>postgresql</c>, or the connection string is empty.</exception>
    public static IServiceCollection AddGmPkiStorage(this IServiceCollection services, StorageOptions options)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(options.ConnectionString, nameof(options));

        if (string.Equals(options.Provider, StorageOptions.SqliteProvider, StringComparison.OrdinalIgnoreCase))
        {
            AddContext<SqliteLedgerContext>(services, builder => SqliteLedgerContext.Configure(builder, options.ConnectionString));
        }
        else if (string.Equals(options.Provider, StorageOptions.PostgreSqlProvider, StringComparison.OrdinalIgnoreCase))
        {
            AddContext<PostgresLedgerContext>(services, builder => PostgresLedgerContext.Configure(builder, options.ConnectionString));
        }
        else
        {
            throw new ArgumentException(
                $"Unknown storage provider '{options.Provider}'; use '{StorageOptions.SqliteProvider}' or '{StorageOptions.PostgreSqlProvider}'.",
                nameof(options));
        }

        services.AddSingleton(_ => new LedgerWriter(WriterDatabase.For(options)));
        services.AddSingleton<IIssuanceLedger, IssuanceLedger>();
        services.AddSingleton<IAuditLog, AuditLog>();
        services.AddSingleton<IAuthorityRegistry, AuthorityRegistry>();
        services.AddSingleton<ICertificateDirectory, CertificateDirectory>();
        services.AddSingleton<IPublicDirectory, PublicDirectory>();
        services.AddSingleton<IOperatorStore, OperatorStore>();
        services.AddSingleton<IRegistrationLedger, RegistrationLedger>();
        services.AddSingleton<IAgencyStore, AgencyStore>();
        services.AddSingleton<IProtocolAccountStore, ProtocolAccountStore>();
        services.AddSingleton<IRetentionStore, RetentionStore>();
        services.AddSingleton<Core.Enrollment.IAcmeStore, Acme.AcmeStore>();
        services.AddSingleton<Core.Enrollment.ICmpTransactionStore, Cmp.CmpTransactionStore>();
        services.AddSingleton<IAuditChain, AuditChain>();
        services.AddSingleton<Core.Status.IStatusLedger, Status.StatusLedger>();
        services.AddSingleton(new Outbox.OutboxSwitch(options.DirectoryOutbox));
        services.AddSingleton<Core.Outbox.IDirectoryOutbox, Outbox.DirectoryOutbox>();
        return services;
    }

    private static void AddContext<TContext>(IServiceCollection services, Action<DbContextOptionsBuilder> configure)
        where TContext : LedgerContext
    {
        services.AddPooledDbContextFactory<TContext>(configure);
        services.AddSingleton<IDbContextFactory<LedgerContext>, LedgerContextFactory<TContext>>();
    }
}
