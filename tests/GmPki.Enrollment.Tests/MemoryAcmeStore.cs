using GmPki.Core.Enrollment;
using GmPki.Core.Ledger;

namespace GmPki.Enrollment.Tests;

/// <summary>The ACME tables in memory, with the store's all-or-nothing guarded writes.</summary>
internal sealed class MemoryAcmeStore : IAcmeStore
{
    private readonly Dictionary<(AcmeTable, string), AcmeRow> _rows = [];

    public Task<bool> WriteAsync(IReadOnlyList<AcmeRow> inserts, IReadOnlyList<AcmeUpdate> updates, AuditEvent? audit, CancellationToken cancellationToken)
    {
        if (inserts.Any(r => _rows.ContainsKey((r.Table, r.Id)))
            || updates.Any(u => !_rows.TryGetValue((u.Row.Table, u.Row.Id), out var stored) || stored.Status != u.ExpectedStatus))
        {
            return Task.FromResult(false);
        }

        foreach (var row in inserts.Concat(updates.Select(u => u.Row)))
        {
            _rows[(row.Table, row.Id)] = row;
        }

        return Task.FromResult(true);
    }

    public Task<AcmeRow?> FindAsync(AcmeTable table, string id, CancellationToken cancellationToken) => Task.FromResult(_rows.GetValueOrDefault((table, id)));

    public Task<IReadOnlyList<AcmeRow>> OwnedByAsync(AcmeTable table, string owner, CancellationToken cancellationToken)
        => Task.FromResult<IReadOnlyList<AcmeRow>>([.. _rows.Values.Where(r => r.Table == table && r.Owner == owner).OrderBy(r => r.Id, StringComparer.Ordinal)]);

    public Task AddNonceAsync(string nonce, DateTime expiresAt, DateTime now, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<bool> ConsumeNonceAsync(string nonce, DateTime now, CancellationToken cancellationToken) => throw new NotSupportedException();
}
