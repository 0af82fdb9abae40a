namespace GmPki.Core.Ledger;

/// <summary>Appends audit events that stand alone (rejections, reads); state changes go with their own ledger call.</summary>
public interface IAuditLog
{
    /// <summary>Appends one event in its own transaction.</summary>
    Task AppendAsync(AuditEvent auditEvent, CancellationToken cancellationToken);

    /// <summary>The most recent events, newest first.</summary>
    /// <param name="count">Maximum number of events, 1–1000.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <exception cref="Errors.GmPkiException"><c>request-invalid</c> when <paramref name="count"/> is outside 1–1000.</exception>
    Task<IReadOnlyList<AuditEvent>> RecentAsync(int count, CancellationToken cancellationToken);
}
