using System.Data.Common;
using GmPki.Storage.Context;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace GmPki.Storage.Writing;

/// <summary>What the writer needs to know of a provider: how to open its connection and how to read its constraint errors.</summary>
internal abstract class WriterDatabase
{
    /// <summary>Opens the writer's own long-lived connection.</summary>
    public abstract Task<DbConnection> OpenAsync(CancellationToken cancellationToken);

    /// <summary>Which constraint, if any, <paramref name="exception"/> reports.</summary>
    public abstract ConstraintViolation Classify(DbException exception);

    /// <summary>Creates the provider's writer database from the storage options.</summary>
    public static WriterDatabase For(StorageOptions options) =>
        string.Equals(options.Provider, StorageOptions.SqliteProvider, StringComparison.OrdinalIgnoreCase)
            ? new Sqlite(options.ConnectionString)
            : new Postgres(options.ConnectionString);

    private sealed class Sqlite(string connectionString) : WriterDatabase
    {
        public override async Task<DbConnection> OpenAsync(CancellationToken cancellationToken)
        {
            var connection = new SqliteConnection(new SqliteConnectionStringBuilder(connectionString) { ForeignKeys = true }.ToString());
            await connection.OpenAsync(cancellationToken);
            await using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA busy_timeout = 30000;"; // another process's writer: wait in SQLite, not in 150 ms retries
            await command.ExecuteNonQueryAsync(cancellationToken);
            return connection;
        }

        public override ConstraintViolation Classify(DbException exception) => SqliteLedgerContext.Classify(exception);
    }

    private sealed class Postgres(string connectionString) : WriterDatabase
    {
        public override async Task<DbConnection> OpenAsync(CancellationToken cancellationToken)
        {
            var connection = new NpgsqlConnection(connectionString);
            await connection.OpenAsync(cancellationToken);
            return connection;
        }

        public override ConstraintViolation Classify(DbException exception) => PostgresLedgerContext.Classify(exception);
    }
}
