using GmPki.Storage.Context;
using GmPki.Storage.Writing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GmPki.Storage;

/// <summary>Start-up tasks of the ledger.</summary>
public static class GmPkiStorage
{
    /// <summary>
    /// Creates the database if needed and applies the pending migrations of the configured
    /// provider; on SQLite then switches the file to write-ahead logging (WAL); then gives audit
    /// events written before the SM3 chain existed their place in it. Safe to call on every start
    /// and from several nodes (EF Core takes a migration lock; the chain head row is locked).
    /// </summary>
    /// <param name="services">A provider built from a collection with
    /// <see cref="StorageServiceCollectionExtensions.AddGmPkiStorage"/>.</param>
    /// <param name="cancellationToken">Cancels the migration.</param>
    /// <exception cref="InvalidOperationException">The ledger is not registered.</exception>
    public static async Task MigrateAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(services);

        var contexts = services.GetRequiredService<IDbContextFactory<LedgerContext>>();
        await using var context = await contexts.CreateDbContextAsync(cancellationToken);
        await context.Database.MigrateAsync(cancellationToken);
        await context.AfterMigrationAsync(cancellationToken);
        await LegacyAuditEvents.ChainAsync(context, cancellationToken);
    }
}
