using GmPki.Core.Status;

namespace GmPki.Status;

/// <summary>
/// Finds status changes made by any process sharing the ledger by polling
/// <see cref="IStatusLedger.ChangedSinceAsync"/>: each call returns the changes not returned
/// before. It re-reads an overlap of <see cref="Overlap"/> behind the newest change seen, so a
/// change committed late (its time is set before its commit) is still found. Not thread-safe:
/// one caller (the background service).
/// </summary>
/// <param name="ledger">The ledger.</param>
/// <param name="start">UTC instant from which changes count (the service's start).</param>
public sealed class StatusChangeWatcher(IStatusLedger ledger, DateTime start)
{
    /// <summary>How far behind the newest change seen each poll reads again.</summary>
    public static readonly TimeSpan Overlap = TimeSpan.FromMinutes(1);

    private readonly Dictionary<(string Issuer, string Serial, DateTime At), DateTime> _seen = [];
    private DateTime _newest = start;

    /// <summary>The changes not returned before, oldest first.</summary>
    public async Task<IReadOnlyList<StatusEntry>> PollAsync(CancellationToken cancellationToken)
    {
        var since = _newest - Overlap;
        var fresh = new List<StatusEntry>();
        foreach (var entry in await ledger.ChangedSinceAsync(since, cancellationToken))
        {
            var at = entry.ChangedAt!.Value;
            if (_seen.TryAdd((entry.IssuerLabel, entry.SerialHex, at), at))
            {
                fresh.Add(entry);
                _newest = at > _newest ? at : _newest;
            }
        }

        foreach (var old in _seen.Where(s => s.Value < _newest - 2 * Overlap).Select(s => s.Key).ToList())
        {
            _seen.Remove(old);
        }

        return fresh;
    }
}
