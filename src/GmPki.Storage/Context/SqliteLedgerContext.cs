using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace GmPki.Storage.Context;

/// <summary>The ledger on SQLite: foreign keys on, WAL journal, writers wait for the lock.</summary>
internal sealed class SqliteLedgerContext(DbContextOptions<SqliteLedgerContext> options) : LedgerContext(options)
{
    private const int SqliteConstraint = 19;
    private const int SqliteConstraintForeignKey = 787;
    private const int SqliteConstraintPrimaryKey = 1555;
    private const int SqliteConstraintUnique = 2067;

    /// <summary>
    /// Uses SQLite with foreign keys enforced on every connection. Microsoft.Data.Sqlite retries
    /// a busy database until <c>Default Timeout</c> (30 s unless the connection string says
    /// otherwise) runs out, so concurrent writers queue instead of failing.
    /// </summary>
    public static void Configure(DbContextOptionsBuilder builder, string connectionString)
    {
        var connection = new SqliteConnectionStringBuilder(connectionString) { ForeignKeys = true };
        builder.UseSqlite(connection.ToString());
        ConfigureShared(builder);
    }

    /// <summary>Which constraint a SQLite error reports.</summary>
    public static ConstraintViolation Classify(Exception? exception) => exception switch
    {
        SqliteException { SqliteErrorCode: SqliteConstraint, SqliteExtendedErrorCode: SqliteConstraintUnique or SqliteConstraintPrimaryKey }
            => ConstraintViolation.Unique,
        SqliteException { SqliteErrorCode: SqliteConstraint, SqliteExtendedErrorCode: SqliteConstraintForeignKey }
            => ConstraintViolation.ForeignKey,
        _ => ConstraintViolation.None,
    };

    /// <summary>A deferred transaction: it takes no lock and its first read fixes the WAL snapshot it sees.</summary>
    public override async Task<IDbContextTransaction> BeginSnapshotAsync(CancellationToken cancellationToken)
    {
        await Database.OpenConnectionAsync(cancellationToken);
        var transaction = ((SqliteConnection)Database.GetDbConnection()).BeginTransaction(deferred: true);
        return (await Database.UseTransactionAsync(transaction, cancellationToken))!;
    }

    /// <summary>Switches the database file to write-ahead logging (persistent; readers do not block the writer).</summary>
    public override async Task AfterMigrationAsync(CancellationToken cancellationToken) =>
        await Database.ExecuteSqlRawAsync("PRAGMA journal_mode = WAL;", cancellationToken);
}
