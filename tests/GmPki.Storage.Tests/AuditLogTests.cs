using GmPki.Core.Errors;
using GmPki.Storage.Tests.Infrastructure;

namespace GmPki.Storage.Tests;

public abstract class AuditLogTests<TFixture>(TFixture fixture) : LedgerTests<TFixture>(fixture)
    where TFixture : StorageFixture
{
    [SkippableFact]
    public async Task AppendAsync_OneEvent_RoundTripsEveryField()
    {
        var auditEvent = Samples.Audit("certificate.read", "certificate:issuing-ca/7f01");

        await AuditLog.AppendAsync(auditEvent, default);

        var stored = (await AuditLog.RecentAsync(1, default)).ShouldHaveSingleItem();
        stored.ShouldBe(auditEvent);
        stored.OccurredAt.Kind.ShouldBe(DateTimeKind.Utc);
    }

    [SkippableFact]
    public async Task AppendAsync_SystemActorWithoutOptionalFields_RoundTripsNulls()
    {
        var auditEvent = new Core.Ledger.AuditEvent(Samples.Now, "crl.published", "system", null, null, "success", null, null);

        await AuditLog.AppendAsync(auditEvent, default);

        (await AuditLog.RecentAsync(1, default)).ShouldHaveSingleItem().ShouldBe(auditEvent);
    }

    [SkippableFact]
    public async Task RecentAsync_MoreEventsThanCount_ReturnsTheNewestFirst()
    {
        for (var i = 0; i < 5; i++)
        {
            // Same instant for all: the order comes from the insertion order, not the clock.
            await AuditLog.AppendAsync(Samples.Audit($"event.{i}"), default);
        }

        var recent = await AuditLog.RecentAsync(3, default);

        recent.Select(e => e.Action).ShouldBe(["event.4", "event.3", "event.2"]);
    }

    [SkippableTheory]
    [InlineData(0)]
    [InlineData(1001)]
    public async Task RecentAsync_CountOutOfRange_ThrowsRequestInvalid(int count)
    {
        var error = await Should.ThrowAsync<GmPkiException>(() => AuditLog.RecentAsync(count, default));

        error.Error.ShouldBe(Errors.RequestInvalid);
    }
}

public sealed class SqliteAuditLogTests(SqliteFixture fixture) : AuditLogTests<SqliteFixture>(fixture);

[Collection(PostgresServerDefinition.Name)]
public sealed class PostgresAuditLogTests(PostgresFixture fixture) : AuditLogTests<PostgresFixture>(fixture);
