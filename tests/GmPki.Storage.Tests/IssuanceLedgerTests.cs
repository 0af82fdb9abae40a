using GmPki.Core.Errors;
using GmPki.Core.Keys;
using GmPki.Core.Ledger;
using GmPki.Storage.Tests.Infrastructure;

namespace GmPki.Storage.Tests;

public abstract class IssuanceLedgerTests<TFixture>(TFixture fixture) : LedgerTests<TFixture>(fixture)
    where TFixture : StorageFixture
{
    private static readonly byte[] TbsDer = [0x30, 0x03, 0x02, 0x01, 0x2a];
    private static readonly byte[] CertificateDer = [0x30, 0x05, 0x30, 0x03, 0x02, 0x01, 0x2a];

    [SkippableFact]
    public async Task TryReserveAsync_ThroughIntendedAndIssued_RoundTripsTheRecord()
    {
        var reservation = Samples.Reservation("7f01");
        var issuedAt = Samples.Now.AddSeconds(3);

        (await Ledger.TryReserveAsync(reservation, Samples.Audit("certificate.reserved"), default)).ShouldBeTrue();
        var reserved = (await Directory.FindAsync("7f01", default)).ShouldNotBeNull();
        reserved.State.ShouldBe(CertificateState.Reserved);
        reserved.CertificateDer.ShouldBeNull();
        reserved.IssuedAt.ShouldBeNull();

        await Ledger.RecordIntendedAsync(Samples.IssuerLabel, "7f01", TbsDer, Samples.Audit("certificate.intended"), default);
        (await ReadRowAsync("7f01")).TbsDer.ShouldBe(TbsDer);
        (await Directory.FindAsync("7f01", default)).ShouldNotBeNull().State.ShouldBe(CertificateState.Intended);

        await Ledger.RecordIssuedAsync(
            Samples.IssuerLabel, "7f01", CertificateDer, Samples.Audit("certificate.issued", occurredAt: issuedAt), default);
        var issued = (await Directory.FindAsync("7f01", default)).ShouldNotBeNull();
        issued.State.ShouldBe(CertificateState.Issued);
        issued.CertificateDer.ShouldBe(CertificateDer);
        issued.FailureReason.ShouldBeNull();
        issued.IssuedAt.ShouldBe(issuedAt);
        issued.IssuedAt!.Value.Kind.ShouldBe(DateTimeKind.Utc);
        issued.Reservation.ShouldBe(reservation);
        issued.KeyAlgorithm.ShouldBe(KeyAlgorithm.EcdsaP256);
        issued.Reservation.NotBefore.Kind.ShouldBe(DateTimeKind.Utc);
        issued.Reservation.NotAfter.Kind.ShouldBe(DateTimeKind.Utc);
        issued.Reservation.ReservedAt.Kind.ShouldBe(DateTimeKind.Utc);
        (await AuditLog.RecentAsync(10, default)).Select(e => e.Action)
            .ShouldBe(["certificate.issued", "certificate.intended", "certificate.reserved"]);
    }

    [SkippableFact]
    public async Task TryReserveAsync_DuplicateSerial_ReturnsFalseAndWritesNoAuditEvent()
    {
        (await Ledger.TryReserveAsync(Samples.Reservation("0a"), Samples.Audit("certificate.reserved"), default)).ShouldBeTrue();

        (await Ledger.TryReserveAsync(Samples.Reservation("0a"), Samples.Audit("certificate.reserved"), default)).ShouldBeFalse();

        (await CountCertificatesAsync()).ShouldBe(1);
        (await CountAuditEventsAsync()).ShouldBe(1);
    }

    [SkippableFact]
    public async Task TryReserveAsync_SameSerialOtherIssuer_Succeeds()
    {
        (await Ledger.TryReserveAsync(Samples.Reservation("0b"), Samples.Audit("certificate.reserved"), default)).ShouldBeTrue();

        (await Ledger.TryReserveAsync(Samples.Reservation("0b", Samples.RootLabel), Samples.Audit("certificate.reserved"), default))
            .ShouldBeTrue();

        (await CountCertificatesAsync()).ShouldBe(2);
    }

    [SkippableFact]
    public async Task TryReserveAsync_UnknownIssuer_ThrowsAuthorityNotFoundAndWritesNothing()
    {
        var error = await Should.ThrowAsync<GmPkiException>(
            () => Ledger.TryReserveAsync(Samples.Reservation("0c", "no-such-ca"), Samples.Audit("certificate.reserved"), default));

        error.Error.ShouldBe(Errors.AuthorityNotFound);
        (await CountCertificatesAsync()).ShouldBe(0);
        (await CountAuditEventsAsync()).ShouldBe(0);
    }

    [SkippableFact]
    public async Task RecordIntendedAsync_NotReserved_ThrowsAndChangesNothing()
    {
        await ReserveAsync("0d");
        await Ledger.RecordIntendedAsync(Samples.IssuerLabel, "0d", TbsDer, Samples.Audit("certificate.intended"), default);
        var auditBefore = await CountAuditEventsAsync();

        var error = await Should.ThrowAsync<InvalidOperationException>(
            () => Ledger.RecordIntendedAsync(Samples.IssuerLabel, "0d", [0x01], Samples.Audit("certificate.intended"), default));

        error.Message.ShouldContain("is Intended");
        var row = await ReadRowAsync("0d");
        row.State.ShouldBe(CertificateState.Intended);
        row.TbsDer.ShouldBe(TbsDer);
        (await CountAuditEventsAsync()).ShouldBe(auditBefore);
    }

    [SkippableFact]
    public async Task RecordIssuedAsync_StillReserved_ThrowsAndChangesNothing()
    {
        await ReserveAsync("0e");

        await Should.ThrowAsync<InvalidOperationException>(
            () => Ledger.RecordIssuedAsync(Samples.IssuerLabel, "0e", CertificateDer, Samples.Audit("certificate.issued"), default));

        var row = await ReadRowAsync("0e");
        row.State.ShouldBe(CertificateState.Reserved);
        row.CertificateDer.ShouldBeNull();
        row.IssuedAt.ShouldBeNull();
        (await CountAuditEventsAsync()).ShouldBe(1);
    }

    [SkippableFact]
    public async Task RecordIntendedAsync_UnknownSerial_Throws()
    {
        var error = await Should.ThrowAsync<InvalidOperationException>(
            () => Ledger.RecordIntendedAsync(Samples.IssuerLabel, "ffff", TbsDer, Samples.Audit("certificate.intended"), default));

        error.Message.ShouldContain("not in the ledger");
        (await CountAuditEventsAsync()).ShouldBe(0);
    }

    [SkippableFact]
    public async Task RecordFailedAsync_FromReserved_RecordsTheReason()
    {
        await ReserveAsync("10");

        await Ledger.RecordFailedAsync(Samples.IssuerLabel, "10", "lint: subject has no CN", Samples.Audit("certificate.failed"), default);

        var failed = (await Directory.FindAsync("10", default)).ShouldNotBeNull();
        failed.State.ShouldBe(CertificateState.Failed);
        failed.FailureReason.ShouldBe("lint: subject has no CN");
        failed.CertificateDer.ShouldBeNull();
        (await CountAuditEventsAsync()).ShouldBe(2);
    }

    [SkippableFact]
    public async Task RecordFailedAsync_FromIntended_KeepsTheTbs()
    {
        await ReserveAsync("11");
        await Ledger.RecordIntendedAsync(Samples.IssuerLabel, "11", TbsDer, Samples.Audit("certificate.intended"), default);

        await Ledger.RecordFailedAsync(Samples.IssuerLabel, "11", "signing key unavailable", Samples.Audit("certificate.failed"), default);

        var row = await ReadRowAsync("11");
        row.State.ShouldBe(CertificateState.Failed);
        row.TbsDer.ShouldBe(TbsDer);
        row.FailureReason.ShouldBe("signing key unavailable");
    }

    [SkippableFact]
    public async Task RecordFailedAsync_AlreadyIssued_ThrowsAndChangesNothing()
    {
        await ReserveAsync("12");
        await Ledger.RecordIntendedAsync(Samples.IssuerLabel, "12", TbsDer, Samples.Audit("certificate.intended"), default);
        await Ledger.RecordIssuedAsync(Samples.IssuerLabel, "12", CertificateDer, Samples.Audit("certificate.issued"), default);

        await Should.ThrowAsync<InvalidOperationException>(
            () => Ledger.RecordFailedAsync(Samples.IssuerLabel, "12", "too late", Samples.Audit("certificate.failed"), default));

        var row = await ReadRowAsync("12");
        row.State.ShouldBe(CertificateState.Issued);
        row.FailureReason.ShouldBeNull();
        (await CountAuditEventsAsync()).ShouldBe(3);
    }

    [SkippableFact]
    public async Task FindIssuedForApplicationAsync_FindsOnlyTheApplicationsIssuedCertificates()
    {
        var application = Guid.NewGuid();
        (await Ledger.TryReserveAsync(Samples.Reservation("7a01") with { ApplicationId = application }, Samples.Audit("certificate.reserved"), default)).ShouldBeTrue();
        (await Ledger.TryReserveAsync(Samples.Reservation("7a02") with { ApplicationId = application }, Samples.Audit("certificate.reserved"), default)).ShouldBeTrue();
        await ReserveAsync("7a03");
        foreach (var serial in new[] { "7a01", "7a03" })
        {
            await Ledger.RecordIntendedAsync(Samples.IssuerLabel, serial, TbsDer, Samples.Audit("certificate.intended"), default);
            await Ledger.RecordIssuedAsync(Samples.IssuerLabel, serial, CertificateDer, Samples.Audit("certificate.issued"), default);
        }

        var found = (await Directory.FindIssuedForApplicationAsync(application, default)).ShouldHaveSingleItem();

        found.SerialHex.ShouldBe("7a01");
        found.Reservation.ApplicationId.ShouldBe(application);
        (await Directory.FindAsync("7a02", default)).ShouldNotBeNull().Reservation.ApplicationId.ShouldBe(application);
        (await Directory.FindAsync("7a03", default)).ShouldNotBeNull().Reservation.ApplicationId.ShouldBeNull();
        (await Directory.FindIssuedForApplicationAsync(Guid.NewGuid(), default)).ShouldBeEmpty();
    }

    private async Task ReserveAsync(string serialHex) =>
        (await Ledger.TryReserveAsync(Samples.Reservation(serialHex), Samples.Audit("certificate.reserved"), default)).ShouldBeTrue();
}

public sealed class SqliteIssuanceLedgerTests(SqliteFixture fixture) : IssuanceLedgerTests<SqliteFixture>(fixture);

[Collection(PostgresServerDefinition.Name)]
public sealed class PostgresIssuanceLedgerTests(PostgresFixture fixture) : IssuanceLedgerTests<PostgresFixture>(fixture);
