using GmPki.Storage.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace GmPki.Storage.Tests;

/// <summary>
/// The migrations are hand-written (no model snapshot; docs/storage.md), so these tests prove
/// that migrating gives exactly the schema the model would create. Change the model without a
/// migration and <see cref="MigrateAsync_FreshDatabase_GivesTheModelsSchema"/> fails.
/// </summary>
public abstract class MigrationTests<TFixture>(TFixture fixture) : IClassFixture<TFixture>
    where TFixture : StorageFixture
{
    protected TFixture Fixture { get; } = fixture;

    [SkippableFact]
    public async Task MigrateAsync_FreshDatabase_GivesTheModelsSchema()
    {
        Skip.If(Fixture.SkipReason is not null, Fixture.SkipReason);
        var migrated = (await Fixture.CreateDatabaseAsync("migrated"))!;
        var created = (await Fixture.CreateDatabaseAsync("created"))!;

        await GmPkiStorage.MigrateAsync(Fixture.BuildServices(migrated), default);
        await using (var context = StorageFixture.CreateContext(Fixture.BuildServices(created)))
        {
            (await context.Database.EnsureCreatedAsync()).ShouldBeTrue();
        }

        var expected = await Fixture.ReadSchemaAsync(created);
        expected.Tables.Count.ShouldBe(24);
        (await Fixture.ReadSchemaAsync(migrated)).ShouldEqual(expected);
    }

    [SkippableFact]
    public async Task MigrateAsync_SecondTime_AppliesNothingAndKeepsTheSchema()
    {
        Skip.If(Fixture.SkipReason is not null, Fixture.SkipReason);
        var options = (await Fixture.CreateDatabaseAsync("twice"))!;
        var services = Fixture.BuildServices(options);
        await GmPkiStorage.MigrateAsync(services, default);
        var before = await Fixture.ReadSchemaAsync(options);

        await GmPkiStorage.MigrateAsync(services, default);

        (await Fixture.ReadSchemaAsync(options)).ShouldEqual(before);
        await using var context = StorageFixture.CreateContext(services);
        (await context.Database.GetAppliedMigrationsAsync()).ShouldBe(
            ["20261122000000_Initial", "20261201000000_AuditChain", "20261202000000_Registration", "20261203000000_Agencies", "20261204000000_SubscriberIdentityIndex", "20261205000000_StatusServices", "20261207000000_DirectoryOutbox", "20261209000000_ProtocolAccounts", "20261210000000_ProtocolSecrets", "20261212000000_Acme", "20261213000000_CertificatePairs", "20261214000000_CmpTransactions", "20261220000000_CertificateApplication", "20270101000000_CmpMessages", "20270102000000_OperatorExpiry"]);
        (await context.Database.GetPendingMigrationsAsync()).ShouldBeEmpty();
    }

    [SkippableFact]
    public async Task ShouldEqual_ColumnAddedOutsideTheMigrations_Fails()
    {
        Skip.If(Fixture.SkipReason is not null, Fixture.SkipReason);
        var options = (await Fixture.CreateDatabaseAsync("drift"))!;
        var services = Fixture.BuildServices(options);
        await GmPkiStorage.MigrateAsync(services, default);
        var before = await Fixture.ReadSchemaAsync(options);
        await using (var context = StorageFixture.CreateContext(services))
        {
            await context.Database.ExecuteSqlRawAsync("ALTER TABLE operators ADD COLUMN note TEXT NULL");
        }

        var after = await Fixture.ReadSchemaAsync(options);

        Should.Throw<ShouldAssertException>(() => after.ShouldEqual(before)).Message.ShouldContain("operators.note");
    }
}

public sealed class SqliteMigrationTests(SqliteFixture fixture) : MigrationTests<SqliteFixture>(fixture);

[Collection(PostgresServerDefinition.Name)]
public sealed class PostgresMigrationTests(PostgresFixture fixture) : MigrationTests<PostgresFixture>(fixture);
