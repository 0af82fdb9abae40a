using GmPki.Kmc.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace GmPki.Kmc.Tests;

/// <summary>The hand-written migration gives exactly the schema the model creates, in the KMC's own history table.</summary>
public abstract class KmcMigrationTests<TFixture>(TFixture fixture) : IClassFixture<TFixture>
    where TFixture : KmcDatabaseFixture
{
    [SkippableFact]
    public async Task MigrateAsync_FreshDatabase_GivesTheModelsSchema()
    {
        var migrated = await fixture.CreateAsync("migrated");
        Skip.If(migrated is null, fixture.SkipReason);
        var created = (await fixture.CreateAsync("created"))!.Value;
        await KmcDatabase.Open(migrated.Value.Provider, migrated.Value.ConnectionString).MigrateAsync(default);
        await using (var context = KmcDatabase.Open(created.Provider, created.ConnectionString).CreateContext())
        {
            (await context.Database.EnsureCreatedAsync()).ShouldBeTrue();
        }

        var expected = await SchemaReader.ReadAsync(created.Provider, created.ConnectionString);

        expected.ShouldContain(line => line.StartsWith("kmc_escrowed_keys.sealed_private_key ", StringComparison.Ordinal));
        expected.ShouldContain(line => line.StartsWith("kmc_device_keys.sealed_key ", StringComparison.Ordinal));
        expected.ShouldContain(line => line.StartsWith("kmc_authorities.client_certificate_sha256 ", StringComparison.Ordinal));
        (await SchemaReader.ReadAsync(migrated.Value.Provider, migrated.Value.ConnectionString)).ShouldBe(expected);
    }

    [SkippableFact]
    public async Task MigrateAsync_Twice_RecordsEachMigrationOnceInKmcMigrations()
    {
        var target = await fixture.CreateAsync("twice");
        Skip.If(target is null, fixture.SkipReason);
        var database = KmcDatabase.Open(target.Value.Provider, target.Value.ConnectionString);

        await database.MigrateAsync(default);
        await database.MigrateAsync(default);

        await using var context = database.CreateContext();
        (await context.Database.GetAppliedMigrationsAsync()).ShouldBe(["20261206000000_KmcInitial", "20261215000000_KmcDeviceKeys", "20261216000000_KmcCaClients"]);
        (await context.Database.SqlQueryRaw<int>("SELECT COUNT(*) AS \"Value\" FROM kmc_migrations").SingleAsync()).ShouldBe(3);
    }
}

public sealed class SqliteKmcMigrationTests(SqliteKmcFixture fixture) : KmcMigrationTests<SqliteKmcFixture>(fixture);

[Collection(KmcPostgresDefinition.Name)]
public sealed class PostgresKmcMigrationTests(PostgresKmcFixture fixture) : KmcMigrationTests<PostgresKmcFixture>(fixture);
