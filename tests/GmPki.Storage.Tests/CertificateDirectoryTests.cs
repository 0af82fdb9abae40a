using GmPki.Core.Errors;
using GmPki.Core.Ledger;
using GmPki.Storage.Tests.Infrastructure;

namespace GmPki.Storage.Tests;

public abstract class CertificateDirectoryTests<TFixture>(TFixture fixture) : LedgerTests<TFixture>(fixture)
    where TFixture : StorageFixture
{
    [SkippableFact]
    public async Task FindAsync_UnknownSerial_ReturnsNull()
    {
        (await Directory.FindAsync("abcdef", default)).ShouldBeNull();
    }

    [SkippableFact]
    public async Task ListAsync_SevenCertificates_PagesNewestFirstWithTheTotal()
    {
        // Reserved a minute apart, in an order that differs from the serials' order.
        string[] serials = ["03", "01", "07", "05", "02", "06", "04"];
        for (var i = 0; i < serials.Length; i++)
        {
            await ReserveAsync(serials[i], Samples.Now.AddMinutes(i));
        }

        var first = await Directory.ListAsync(null, pageNumber: 1, pageSize: 3, default);
        var second = await Directory.ListAsync(null, pageNumber: 2, pageSize: 3, default);
        var third = await Directory.ListAsync(null, pageNumber: 3, pageSize: 3, default);
        var beyond = await Directory.ListAsync(null, pageNumber: 4, pageSize: 3, default);

        first.Items.Select(c => c.SerialHex).ShouldBe(["04", "06", "02"]);
        second.Items.Select(c => c.SerialHex).ShouldBe(["05", "07", "01"]);
        third.Items.Select(c => c.SerialHex).ShouldBe(["03"]);
        beyond.Items.ShouldBeEmpty();
        first.Total.ShouldBe(7);
        beyond.Total.ShouldBe(7);
        (second.PageNumber, second.PageSize).ShouldBe((2, 3));
    }

    [SkippableFact]
    public async Task ListAsync_SameReservationInstant_NewestRowFirst()
    {
        await ReserveAsync("a1", Samples.Now);
        await ReserveAsync("a2", Samples.Now);
        await ReserveAsync("a3", Samples.Now);

        var page = await Directory.ListAsync(null, 1, 10, default);

        page.Items.Select(c => c.SerialHex).ShouldBe(["a3", "a2", "a1"]);
    }

    [SkippableFact]
    public async Task ListAsync_StateFilter_ReturnsOnlyThatStateAndItsTotal()
    {
        await ReserveAsync("b1", Samples.Now);
        await ReserveAsync("b2", Samples.Now.AddMinutes(1));
        await ReserveAsync("b3", Samples.Now.AddMinutes(2));
        await Ledger.RecordFailedAsync(Samples.IssuerLabel, "b1", "rejected by lint", Samples.Audit("certificate.failed"), default);
        await Ledger.RecordFailedAsync(Samples.IssuerLabel, "b3", "rejected by lint", Samples.Audit("certificate.failed"), default);

        var failed = await Directory.ListAsync(CertificateState.Failed, 1, 10, default);
        var reserved = await Directory.ListAsync(CertificateState.Reserved, 1, 10, default);

        failed.Items.Select(c => c.SerialHex).ShouldBe(["b3", "b1"]);
        failed.Total.ShouldBe(2);
        reserved.Items.ShouldHaveSingleItem().SerialHex.ShouldBe("b2");
        reserved.Total.ShouldBe(1);
    }

    [SkippableTheory]
    [InlineData(0, 10)]
    [InlineData(1, 0)]
    [InlineData(1, 501)]
    public async Task ListAsync_PageOutOfRange_ThrowsRequestInvalid(int pageNumber, int pageSize)
    {
        var error = await Should.ThrowAsync<GmPkiException>(() => Directory.ListAsync(null, pageNumber, pageSize, default));

        error.Error.ShouldBe(Errors.RequestInvalid);
    }

    private async Task ReserveAsync(string serialHex, DateTime reservedAt) =>
        (await Ledger.TryReserveAsync(
            Samples.Reservation(serialHex, reservedAt: reservedAt), Samples.Audit("certificate.reserved"), default)).ShouldBeTrue();
}

public sealed class SqliteCertificateDirectoryTests(SqliteFixture fixture) : CertificateDirectoryTests<SqliteFixture>(fixture);

[Collection(PostgresServerDefinition.Name)]
public sealed class PostgresCertificateDirectoryTests(PostgresFixture fixture) : CertificateDirectoryTests<PostgresFixture>(fixture);
