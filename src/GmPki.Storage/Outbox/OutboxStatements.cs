using GmPki.Core.Outbox;
using GmPki.Core.Status;
using GmPki.Storage.Context;
using GmPki.Storage.Writing;

namespace GmPki.Storage.Outbox;

/// <summary>The SQL of the directory outbox's writes (same conventions as <see cref="LedgerStatements"/>: kinds by name, times in UTC).</summary>
internal static class OutboxStatements
{
    private const string Columns = "INSERT INTO directory_outbox (kind, issuer_label, serial_hex, crl_number, enqueued_at, attempts) ";

    private static readonly LedgerStatement Insert = new(
        Columns + "VALUES (@kind, @issuer, @serial, @number, @at, 0)", "kind", "issuer", "serial", "number", "at");

    private static readonly LedgerStatement InsertAuthorities = new(
        Columns + $"SELECT '{nameof(OutboxKind.CaCertificate)}', label, NULL, NULL, @at, 0 FROM authorities ORDER BY created_at, label", "at");

    /// <summary>The current CRLs only: archived ones (superseded by a newer complete CRL of the shard, or a delta by a newer delta) are not published again.</summary>
    private static readonly LedgerStatement InsertStoredCrls = new(
        Columns + $"SELECT '{nameof(OutboxKind.Crl)}', c.issuer_label, NULL, c.number, @at, 0 FROM crls c WHERE NOT EXISTS (SELECT 1 FROM crls n " +
        "WHERE n.issuer_label = c.issuer_label AND n.shard = c.shard AND n.number > c.number AND (n.base_number IS NULL OR c.base_number IS NOT NULL)) ORDER BY c.number", "at");

    private static readonly LedgerStatement Delete = new(
        "DELETE FROM directory_outbox WHERE id = @id AND claimed_by = @holder", "id", "holder");

    private static readonly LedgerStatement CountAttempt = new(
        "UPDATE directory_outbox SET attempts = attempts + 1, last_error = @error WHERE id = @id AND claimed_by = @holder", "error", "id", "holder");

    private static readonly LedgerStatement Fail = new(
        "UPDATE directory_outbox SET attempts = attempts + 1, last_error = @error, failed_at = @at, claimed_by = NULL, claimed_until = NULL WHERE id = @id AND claimed_by = @holder",
        "error", "at", "id", "holder");

    public static LedgerStep UserCertificate(string issuer, string serial, DateTime at)
        => new(Insert, [nameof(OutboxKind.UserCertificate), issuer, serial, null, Utc(at)]);

    public static LedgerStep Crl(PublishedCrl crl, DateTime at)
        => new(Insert, [nameof(OutboxKind.Crl), crl.IssuerLabel, null, crl.Number, Utc(at)]);

    public static LedgerStep Authorities(DateTime at) => new(InsertAuthorities, [Utc(at)]);

    public static LedgerStep StoredCrls(DateTime at) => new(InsertStoredCrls, [Utc(at)]);

    public static LedgerStep Published(long id, string holder) => new(Delete, [id, holder], MustChangeOneRow: true);

    public static LedgerStep Attempt(long id, string holder, string error) => new(CountAttempt, [error, id, holder], MustChangeOneRow: true);

    public static LedgerStep Failed(long id, string holder, string error, DateTime at) => new(Fail, [error, Utc(at), id, holder], MustChangeOneRow: true);

    private static DateTime Utc(DateTime value) => UtcDateTimeConverter.ToUtc(value);
}
