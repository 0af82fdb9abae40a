using GmPki.Core.Errors;
using GmPki.Core.Security;
using GmPki.Storage.Tests.Infrastructure;

namespace GmPki.Storage.Tests;

public abstract class OperatorStoreTests<TFixture>(TFixture fixture) : LedgerTests<TFixture>(fixture)
    where TFixture : StorageFixture
{
    [SkippableFact]
    public async Task FindByApiKeyHashAsync_EnabledOperator_ReturnsIt()
    {
        var alice = Samples.Operator("alice", "aa11");
        await Operators.AddAsync(alice, Samples.Audit("operator.created"), default);

        var found = (await Operators.FindByApiKeyHashAsync("aa11", default)).ShouldNotBeNull();

        found.ShouldBe(alice);
        found.Role.ShouldBe(OperatorRole.SecurityOfficer);
        found.CreatedAt.Kind.ShouldBe(DateTimeKind.Utc);
        (await CountAuditEventsAsync()).ShouldBe(1);
    }

    [SkippableFact]
    public async Task FindByApiKeyHashAsync_DisabledOperator_ReturnsNull()
    {
        await Operators.AddAsync(Samples.Operator("bob", "bb22", disabled: true), Samples.Audit("operator.created"), default);

        (await Operators.FindByApiKeyHashAsync("bb22", default)).ShouldBeNull();
    }

    [SkippableFact]
    public async Task FindByApiKeyHashAsync_UnknownHash_ReturnsNull()
    {
        (await Operators.FindByApiKeyHashAsync("cc33", default)).ShouldBeNull();
    }

    [SkippableFact]
    public async Task AddAsync_DuplicateName_ThrowsRequestInvalidAndWritesNothing()
    {
        await Operators.AddAsync(Samples.Operator("carol", "dd44"), Samples.Audit("operator.created"), default);

        var error = await Should.ThrowAsync<GmPkiException>(
            () => Operators.AddAsync(Samples.Operator("carol", "ee55"), Samples.Audit("operator.created"), default));

        error.Error.ShouldBe(Errors.RequestInvalid);
        error.Detail.ShouldBe("operator name 'carol' already exists");
        (await Operators.ListAsync(default)).Count.ShouldBe(1);
        (await CountAuditEventsAsync()).ShouldBe(1);
    }

    [SkippableFact]
    public async Task AddAsync_DuplicateApiKeyHash_ThrowsRequestInvalid()
    {
        await Operators.AddAsync(Samples.Operator("dave", "ff66"), Samples.Audit("operator.created"), default);

        var error = await Should.ThrowAsync<GmPkiException>(
            () => Operators.AddAsync(Samples.Operator("erin", "ff66"), Samples.Audit("operator.created"), default));

        error.Error.ShouldBe(Errors.RequestInvalid);
        error.Detail.ShouldContain("API key");
    }

    [SkippableFact]
    public async Task ListAsync_SeveralOperators_OrdersByName()
    {
        foreach (var name in new[] { "mallory", "Zed", "alice" })
        {
            await Operators.AddAsync(Samples.Operator(name, "hash-" + name), Samples.Audit("operator.created"), default);
        }

        (await Operators.ListAsync(default)).Select(o => o.Name).ShouldBe(["Zed", "alice", "mallory"]);
    }
}

public sealed class SqliteOperatorStoreTests(SqliteFixture fixture) : OperatorStoreTests<SqliteFixture>(fixture);

[Collection(PostgresServerDefinition.Name)]
public sealed class PostgresOperatorStoreTests(PostgresFixture fixture) : OperatorStoreTests<PostgresFixture>(fixture);
