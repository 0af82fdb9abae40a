using Microsoft.EntityFrameworkCore;

namespace GmPki.Kmc.Storage;

/// <summary>The KMC tables on PostgreSQL (times as <c>timestamp with time zone</c>).</summary>
internal sealed class PostgresKmcContext(DbContextOptions<PostgresKmcContext> options) : KmcContext(options)
{
    /// <summary>Uses PostgreSQL through Npgsql with the KMC's own history table.</summary>
    public static void Configure(DbContextOptionsBuilder builder, string connectionString)
    {
        builder.UseNpgsql(connectionString, npgsql => npgsql.MigrationsHistoryTable(HistoryTable));
        ConfigureShared(builder);
    }
}
