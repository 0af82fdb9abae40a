using GmPki.Core.Ledger;
using GmPki.Storage.Tests.Infrastructure;

namespace GmPki.Storage.Tests;

/// <summary>Many requests at once, as the server sees them: each call on its own pooled context.</summary>
public abstract class ConcurrencyTests<TFixture>(TFixture fixture) : LedgerTests<TFixture>(fixture)
    where TFixture : StorageFixture
{
    [SkippableFact]
    public async Task TryReserveAsync_FiftyParallelDistinctSerials_AllSucceed()
    {
        var serials = Enumerable.Range(1, 50).Select(i => $"{0x1000 + i:x}").ToList();

        var results = await Task.WhenAll(serials.Select(serial => Task.Run(
            () => Ledger.TryReserveAsync(Samples.Reservation(serial), Samples.Audit("certificate.reserved"), default))));

        results.ShouldAllBe(reserved => reserved);
        (await CountCertificatesAsync()).ShouldBe(50);
        (await CountAuditEventsAsync()).ShouldBe(50);
    }

    [SkippableFact]
    public async Task TryReserveAsync_TenParallelSameSerial_ExactlyOneSucceeds()
    {
        var results = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => Task.Run(
            () => Ledger.TryReserveAsync(Samples.Reservation("5eed"), Samples.Audit("certificate.reserved"), default))));

        results.Count(reserved => reserved).ShouldBe(1);
        (await CountCertificatesAsync()).ShouldBe(1);
        (await CountAuditEventsAsync()).ShouldBe(1);
    }

    [SkippableFact]
    public async Task RecordIssuedAsync_TwoParallelCalls_OnlyOneMovesTheSerial()
    {
        (await Ledger.TryReserveAsync(Samples.Reservation("d00d"), Samples.Audit("certificate.reserved"), default)).ShouldBeTrue();
        await Ledger.RecordIntendedAsync(Samples.IssuerLabel, "d00d", [0x30, 0x00], Samples.Audit("certificate.intended"), default);

        var attempts = await Task.WhenAll(Enumerable.Range(0, 2).Select(i => Task.Run(async () =>
        {
            try
            {
                await Ledger.RecordIssuedAsync(Samples.IssuerLabel, "d00d", [0x30, 0x01, (byte)i], Samples.Audit("certificate.issued"), default);
                return true;
            }
            catch (InvalidOperationException)
            {
                return false;
            }
        })));

        attempts.Count(succeeded => succeeded).ShouldBe(1);
        (await ReadRowAsync("d00d")).State.ShouldBe(CertificateState.Issued);
        (await CountAuditEventsAsync()).ShouldBe(3);
    }
}

public sealed class SqliteConcurrencyTests(SqliteFixture fixture) : ConcurrencyTests<SqliteFixture>(fixture);

[Collection(PostgresServerDefinition.Name)]
public sealed class PostgresConcurrencyTests(PostgresFixture fixture) : ConcurrencyTests<PostgresFixture>(fixture);
