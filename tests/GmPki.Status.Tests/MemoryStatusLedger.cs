using GmPki.Core.Ledger;
using GmPki.Core.Status;

namespace GmPki.Status.Tests;

/// <summary>An in-memory <see cref="IStatusLedger"/> (and the issuance ledger responder certificates go through), for unit tests.</summary>
internal sealed class MemoryStatusLedger : IStatusLedger, IIssuanceLedger
{
    private readonly Lock _lock = new();
    private readonly Dictionary<(string Issuer, string Serial), StatusEntry> _entries = [];
    private readonly List<PublishedCrl> _crls = [];
    private readonly Dictionary<string, long> _numbers = [];

    public List<AuditEvent> Audit { get; } = [];

    public int FindCalls { get; private set; }

    public void Put(StatusEntry entry)
    {
        lock (_lock)
        {
            _entries[(entry.IssuerLabel, entry.SerialHex)] = entry;
        }
    }

    public Task<StatusEntry?> FindAsync(string issuerLabel, string serialHex, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            FindCalls++;
            return Task.FromResult(_entries.GetValueOrDefault((issuerLabel, serialHex)));
        }
    }

    public Task<IReadOnlyList<StatusEntry>> ListRevokedAsync(string issuerLabel, int shard, DateTime at, CancellationToken cancellationToken)
        => Select(e => e.IssuerLabel == issuerLabel && e.CrlShard == shard && e.Status != CertificateStatus.Good && e.NotAfter > at);

    public Task<IReadOnlyList<StatusEntry>> ListIssuedAsync(string issuerLabel, DateTime at, CancellationToken cancellationToken)
        => Select(e => e.IssuerLabel == issuerLabel && e.NotAfter > at);

    public Task<IReadOnlyList<StatusEntry>> ChangedSinceAsync(DateTime since, CancellationToken cancellationToken)
        => Select(e => e.ChangedAt >= since);

    public Task<long> NextCrlNumberAsync(string issuerLabel, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            return Task.FromResult(_numbers[issuerLabel] = _numbers.GetValueOrDefault(issuerLabel) + 1);
        }
    }

    public Task StoreCrlAsync(PublishedCrl crl, AuditEvent auditEvent, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            _crls.Add(crl);
            Audit.Add(auditEvent);
        }

        return Task.CompletedTask;
    }

    public Task<PublishedCrl?> LatestCrlAsync(string issuerLabel, int shard, bool delta, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            var shardCrls = _crls.Where(c => c.IssuerLabel == issuerLabel && c.Shard == shard).ToList();
            var complete = shardCrls.Where(c => !c.IsDelta).MaxBy(c => c.Number);
            return Task.FromResult(delta ? shardCrls.Where(c => c.IsDelta && c.Number > (complete?.Number ?? 0)).MaxBy(c => c.Number) : complete);
        }
    }

    public Task<PublishedCrl?> FindCrlAsync(string issuerLabel, long number, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            return Task.FromResult(_crls.FirstOrDefault(c => c.IssuerLabel == issuerLabel && c.Number == number));
        }
    }

    public async Task<CrlSummary?> LatestCrlSummaryAsync(string issuerLabel, int shard, bool delta, CancellationToken cancellationToken)
        => await LatestCrlAsync(issuerLabel, shard, delta, cancellationToken) is { } crl ? new CrlSummary(crl.Number, crl.BaseNumber, crl.ThisUpdate) : null;

    public Task<bool> TryReserveAsync(SerialReservation reservation, AuditEvent audit, CancellationToken cancellationToken) => Record(audit, true);

    public Task RecordIntendedAsync(string issuerLabel, string serialHex, byte[] tbsDer, AuditEvent audit, CancellationToken cancellationToken) => Record(audit, true);

    public Task RecordIssuedAsync(string issuerLabel, string serialHex, byte[] certificateDer, AuditEvent audit, CancellationToken cancellationToken) => Record(audit, true);

    public Task RecordFailedAsync(string issuerLabel, string serialHex, string reason, AuditEvent audit, CancellationToken cancellationToken) => Record(audit, true);

    private Task<bool> Record(AuditEvent audit, bool result)
    {
        lock (_lock)
        {
            Audit.Add(audit);
        }

        return Task.FromResult(result);
    }

    private Task<IReadOnlyList<StatusEntry>> Select(Func<StatusEntry, bool> predicate)
    {
        lock (_lock)
        {
            return Task.FromResult<IReadOnlyList<StatusEntry>>([.. _entries.Values.Where(predicate).OrderBy(e => e.ChangedAt).ThenBy(e => e.SerialHex)]);
        }
    }
}
