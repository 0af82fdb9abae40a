using GmPki.Storage.Tests.Schema;
using GmPki.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace GmPki.Storage.Tests.Infrastructure;

/// <summary>Ledger databases as files in a temp directory (not in memory, so WAL and locking are real).</summary>
public sealed class SqliteFixture : StorageFixture
{
    private readonly string directory;

    public SqliteFixture()
    {
        var temp = new TempDirectory("gmpki-sqlite-");
        directory = temp.Path;
        DisposeLater(() =>
        {
            // Pooled connections keep the files open.
            SqliteConnection.ClearAllPools();
            temp.Dispose();
            return ValueTask.CompletedTask;
        });
    }

    public override Task<StorageOptions?> CreateDatabaseAsync(string purpose) =>
        Task.FromResult<StorageOptions?>(new StorageOptions(
            StorageOptions.SqliteProvider, $"Data Source={Path.Combine(directory, $"{purpose}-{Guid.NewGuid():N}.db")}"));

    public override Task<DatabaseSchema> ReadSchemaAsync(StorageOptions options) => SqliteSchemaReader.ReadAsync(options.ConnectionString);

    public override async Task ResetAsync()
    {
        await using var context = CreateContext();
        await context.Database.ExecuteSqlRawAsync(
            """
            DELETE FROM evidence_files;
            DELETE FROM application_steps;
            DELETE FROM applications;
            DELETE FROM subscribers WHERE organization_id IS NOT NULL;
            DELETE FROM subscribers;
            DELETE FROM documents;
            DELETE FROM certificates;
            DELETE FROM audit_events;
            DELETE FROM audit_checkpoints;
            UPDATE audit_chain_head SET last_id = 0, last_hash = '0000000000000000000000000000000000000000000000000000000000000000';
            DELETE FROM operators;
            DELETE FROM crls;
            DELETE FROM crl_counters;
            DELETE FROM directory_outbox;
            DELETE FROM authorities WHERE parent_label IS NOT NULL;
            DELETE FROM authorities;
            """);
    }
}
