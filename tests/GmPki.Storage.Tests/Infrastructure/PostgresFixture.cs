using GmPki.Storage.Tests.Schema;
using GmPki.Testing;
using Microsoft.EntityFrameworkCore;

namespace GmPki.Storage.Tests.Infrastructure;

/// <summary>Ledger databases on the collection's shared PostgreSQL server (<see cref="PostgresServerDefinition"/>).</summary>
public sealed class PostgresFixture(PostgresServer server) : StorageFixture
{
    public override async Task<StorageOptions?> CreateDatabaseAsync(string purpose)
    {
        if (!server.IsAvailable)
        {
            SkipReason = server.UnavailableReason;
            return null;
        }

        var database = await server.CreateDatabaseAsync(purpose);
        DisposeLater(database.DisposeAsync);
        return new StorageOptions(StorageOptions.PostgreSqlProvider, database.ConnectionString);
    }

    public override Task<DatabaseSchema> ReadSchemaAsync(StorageOptions options) => PostgresSchemaReader.ReadAsync(options.ConnectionString);

    public override async Task ResetAsync()
    {
        await using var context = CreateContext();
        await context.Database.ExecuteSqlRawAsync(
            """
            TRUNCATE evidence_files, application_steps, applications, subscribers, documents, certificates, audit_events, audit_checkpoints, operators, crls, crl_counters, directory_outbox, authorities RESTART IDENTITY;
            UPDATE audit_chain_head SET last_id = 0, last_hash = '0000000000000000000000000000000000000000000000000000000000000000';
            """);
    }
}
