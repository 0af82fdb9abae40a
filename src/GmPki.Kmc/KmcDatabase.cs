using GmPki.Kmc.Storage;
using Microsoft.EntityFrameworkCore;

namespace GmPki.Kmc;

/// <summary>
/// Where the KMC keeps its tables (<c>kmc_master_keys</c>, <c>kmc_authorities</c>,
/// <c>kmc_escrowed_keys</c>, <c>kmc_device_keys</c>): its own database, or its own tables and migration history
/// (<c>kmc_migrations</c>) beside another schema. Safe for concurrent use.
/// </summary>
public sealed class KmcDatabase
{
    /// <summary>Provider name of SQLite.</summary>
    public const string SqliteProvider = "sqlite";

    /// <summary>Provider name of PostgreSQL.</summary>
    public const string PostgreSqlProvider = "postgresql";

    private readonly Func<KmcContext> _create;

    private KmcDatabase(Func<KmcContext> create) => _create = create;

    /// <summary>Opens the database (no connection is made until first use).</summary>
    /// <param name="provider"><see cref="SqliteProvider"/> or <see cref="PostgreSqlProvider"/>, case-insensitive.</param>
    /// <param name="connectionString">ADO.NET connection string, for example <c>Data Source=kmc.db</c>.</param>
    /// <exception cref="ArgumentException">Unknown provider.</exception>
    public static KmcDatabase Open(string provider, string connectionString)
    {
        if (string.Equals(provider, SqliteProvider, StringComparison.OrdinalIgnoreCase))
        {
            var builder = new DbContextOptionsBuilder<SqliteKmcContext>();
            SqliteKmcContext.Configure(builder, connectionString);
            var options = builder.Options;
            return new KmcDatabase(() => new SqliteKmcContext(options));
        }

        if (string.Equals(provider, PostgreSqlProvider, StringComparison.OrdinalIgnoreCase))
        {
            var builder = new DbContextOptionsBuilder<PostgresKmcContext>();
            PostgresKmcContext.Configure(builder, connectionString);
            var options = builder.Options;
            return new KmcDatabase(() => new PostgresKmcContext(options));
        }

        throw new ArgumentException($"Unknown KMC database provider '{provider}'; use '{SqliteProvider}' or '{PostgreSqlProvider}'.", nameof(provider));
    }

    /// <summary>Applies the KMC's pending migrations (idempotent).</summary>
    public async Task MigrateAsync(CancellationToken cancellationToken)
    {
        await using var context = CreateContext();
        await context.Database.MigrateAsync(cancellationToken);
    }

    /// <summary>A new context; the caller disposes it.</summary>
    internal KmcContext CreateContext() => _create();
}
