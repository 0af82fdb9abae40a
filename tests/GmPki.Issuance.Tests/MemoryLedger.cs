using System.Collections.Concurrent;
using GmPki.Core.Errors;
using GmPki.Core.Ledger;

namespace GmPki.Issuance.Tests;

/// <summary>Records what the issuer asks of the ledger, enforcing the state transitions of the contract.</summary>
internal sealed class MemoryLedger : IIssuanceLedger, IAuditLog, IAuthorityRegistry
{
    private readonly List<AuthorityRecord> _authorities = [];

    public ConcurrentDictionary<string, (CertificateState State, byte[]? Tbs, byte[]? Certificate, string? Failure)> Certificates { get; } = new();

    public ConcurrentQueue<AuditEvent> Events { get; } = new();

    private int _collisions;

    /// <summary>How many of the next reservations to refuse as if the serial were taken.</summary>
    public int CollisionsToSimulate { set => _collisions = value; }

    public ConcurrentBag<SerialReservation> Reservations { get; } = [];

    public Task<bool> TryReserveAsync(SerialReservation reservation, AuditEvent audit, CancellationToken cancellationToken)
    {
        if (Interlocked.Decrement(ref _collisions) >= 0 || !Certificates.TryAdd(reservation.SerialHex, (CertificateState.Reserved, null, null, null)))
        {
            return Task.FromResult(false);
        }

        Reservations.Add(reservation);

        Events.Enqueue(audit);
        return Task.FromResult(true);
    }

    public Task RecordIntendedAsync(string issuerLabel, string serialHex, byte[] tbsDer, AuditEvent audit, CancellationToken cancellationToken)
        => Move(serialHex, CertificateState.Reserved, c => (CertificateState.Intended, tbsDer, null, null), audit);

    public Task RecordIssuedAsync(string issuerLabel, string serialHex, byte[] certificateDer, AuditEvent audit, CancellationToken cancellationToken)
        => Move(serialHex, CertificateState.Intended, c => (CertificateState.Issued, c.Tbs, certificateDer, null), audit);

    public Task RecordFailedAsync(string issuerLabel, string serialHex, string reason, AuditEvent audit, CancellationToken cancellationToken)
    {
        var current = Certificates[serialHex];
        current.State.ShouldBeOneOf(CertificateState.Reserved, CertificateState.Intended);
        Certificates[serialHex] = (CertificateState.Failed, current.Tbs, null, reason);
        Events.Enqueue(audit);
        return Task.CompletedTask;
    }

    public Task AppendAsync(AuditEvent auditEvent, CancellationToken cancellationToken)
    {
        Events.Enqueue(auditEvent);
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<AuditEvent>> RecentAsync(int count, CancellationToken cancellationToken)
        => Task.FromResult<IReadOnlyList<AuditEvent>>([.. Events.Reverse().Take(count)]);

    public Task<IReadOnlyList<AuthorityRecord>> ListAsync(CancellationToken cancellationToken)
        => Task.FromResult<IReadOnlyList<AuthorityRecord>>([.. _authorities]);

    public Task AddAsync(AuthorityRecord authority, AuditEvent audit, CancellationToken cancellationToken)
    {
        if (_authorities.Any(a => a.Label == authority.Label))
        {
            throw Errors.AlreadyInitialized.With(authority.Label);
        }

        _authorities.Add(authority);
        Events.Enqueue(audit);
        return Task.CompletedTask;
    }

    public IReadOnlyList<string> Actions => [.. Events.Select(e => e.Action)];

    private Task Move(string serialHex, CertificateState from, Func<(CertificateState State, byte[]? Tbs, byte[]? Certificate, string? Failure), (CertificateState, byte[]?, byte[]?, string?)> next, AuditEvent audit)
    {
        var current = Certificates[serialHex];
        if (current.State != from)
        {
            throw new InvalidOperationException($"{serialHex} is {current.State}, not {from}");
        }

        Certificates[serialHex] = next(current);
        Events.Enqueue(audit);
        return Task.CompletedTask;
    }
}
