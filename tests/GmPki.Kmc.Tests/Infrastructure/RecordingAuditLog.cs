using System.Collections.Concurrent;
using GmPki.Core.Ledger;

namespace GmPki.Kmc.Tests.Infrastructure;

/// <summary>An audit sink that keeps the events in memory, in order.</summary>
public sealed class RecordingAuditLog : IAuditLog
{
    private readonly ConcurrentQueue<AuditEvent> _events = new();

    public IReadOnlyList<AuditEvent> Events => [.. _events];

    public IReadOnlyList<AuditEvent> Named(string action) => [.. _events.Where(e => e.Action == action)];

    public Task AppendAsync(AuditEvent auditEvent, CancellationToken cancellationToken)
    {
        _events.Enqueue(auditEvent);
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<AuditEvent>> RecentAsync(int count, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<AuditEvent>>([.. _events.Reverse().Take(count)]);
}
