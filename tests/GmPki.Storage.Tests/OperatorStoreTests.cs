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
    public async Task FindByApiKeyHashAsync_DisabledOperator_ReturnsItMarkedDisabled()
    {
        await Operators.AddAsync(Samples.Operator("bob", "bb22", disabled: true), Samples.Audit("operator.created"), default);

        (await Operators.FindByApiKeyHashAsync("bb22", default)).ShouldNotBeNull().Disabled.ShouldBeTrue();
    }

    [SkippableFact]
    public async Task SetDisabledAndRotate_ChangeTheRowWithTheirAudit_UnknownNameChangesNothing()
    {
        await Operators.AddAsync(Samples.Operator("olga", "ab01"), Samples.Audit("operator.created"), default);
        var expiry = new DateTime(2030, 1, 2, 3, 4, 5, DateTimeKind.Utc);

        (await Operators.SetDisabledAsync("olga", true, Samples.Audit("operator.disabled"), default)).ShouldBeTrue();
        (await Operators.RotateAsync("olga", "ab02", expiry, Samples.Audit("operator.key-rotated"), default)).ShouldBeTrue();
        (await Operators.SetDisabledAsync("nobody", true, Samples.Audit("operator.disabled"), default)).ShouldBeFalse();
        (await Operators.RotateAsync("nobody", "ab03", null, Samples.Audit("operator.key-rotated"), default)).ShouldBeFalse();

        (await Operators.FindByApiKeyHashAsync("ab01", default)).ShouldBeNull();
        var rotated = (await Operators.FindByApiKeyHashAsync("ab02", default)).ShouldNotBeNull();
        rotated.Disabled.ShouldBeTrue();
        rotated.ExpiresAt.ShouldBe(expiry);
        rotated.ExpiresAt!.Value.Kind.ShouldBe(DateTimeKind.Utc);
        (await CountAuditEventsAsync()).ShouldBe(3);
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
