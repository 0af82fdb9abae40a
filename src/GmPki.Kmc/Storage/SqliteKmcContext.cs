using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace GmPki.Kmc.Storage;

/// <summary>The KMC tables on SQLite, foreign keys enforced.</summary>
internal sealed class SqliteKmcContext(DbContextOptions<SqliteKmcContext> options) : KmcContext(options)
{
    /// <summary>Uses SQLite with foreign keys on and the KMC's own history table.</summary>
    public static void Configure(DbContextOptionsBuilder builder, string connectionString)
    {
        var connection = new SqliteConnectionStringBuilder(connectionString) { ForeignKeys = true };
        builder.UseSqlite(connection.ToString(), sqlite => sqlite.MigrationsHistoryTable(HistoryTable));
        ConfigureShared(builder);
    }
}
