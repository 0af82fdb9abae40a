namespace GmPki.Timestamping;

/// <summary>
/// Hands out the (serial, genTime) of each token. Stamps are microseconds since the Unix epoch,
/// taken from the clock but at least one more than the previous stamp, so serials strictly
/// increase and are unique. A watermark no stamp has reached is saved durably one second ahead
/// (<see cref="Reserve"/>), so after a restart stamps continue above every stamp issued before,
/// even when the clock was set back. With ordering, genTime is the stamp itself and therefore
/// strictly increases too (RFC 3161 §2.4.2 ordering); a stamp that would run ahead of the clock by
/// more than the accuracy is refused instead (the clock went back). Safe for concurrent use.
/// </summary>
internal sealed class StampSequence
{
    /// <summary>How far ahead of the last stamp the watermark is saved: one second, in microseconds.</summary>
    public const long Reserve = 1_000_000;

    private readonly Lock _lock = new();
    private readonly ISerialWatermark _watermark;
    private readonly TimeProvider _clock;
    private readonly bool _ordering;
    private readonly long _accuracy;
    private long _last;
    private long _reserved;
    private bool _closed;

    /// <param name="watermark">Durable watermark.</param>
    /// <param name="clock">Time source.</param>
    /// <param name="ordering">Whether genTime must strictly increase.</param>
    /// <param name="accuracy">The accuracy of genTime; with ordering, how far a stamp may run ahead of the clock.</param>
    public StampSequence(ISerialWatermark watermark, TimeProvider clock, bool ordering, TimeSpan accuracy)
    {
        _watermark = watermark;
        _clock = clock;
        _ordering = ordering;
        _accuracy = accuracy.Ticks / TimeSpan.TicksPerMicrosecond;
        _reserved = watermark.Load();
        _last = _reserved - 1;
    }

    /// <summary>The next serial and genTime (UTC, whole microseconds), or null when ordering cannot be kept within the accuracy.</summary>
    /// <exception cref="IOException">The watermark could not be saved (no stamp is handed out).</exception>
    /// <exception cref="ObjectDisposedException">After <see cref="Close"/>.</exception>
    public (long Serial, DateTime Time)? Next()
    {
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_closed, this);
            var now = (_clock.GetUtcNow().UtcDateTime - DateTime.UnixEpoch).Ticks / TimeSpan.TicksPerMicrosecond;
            var stamp = Math.Max(now, _last + 1);
            if (_ordering && stamp - now > _accuracy)
            {
                return null;
            }

            if (stamp >= _reserved)
            {
                _watermark.Save(stamp + Reserve);
                _reserved = stamp + Reserve;
            }

            _last = stamp;
            return (stamp, DateTime.UnixEpoch.AddTicks((_ordering ? stamp : now) * TimeSpan.TicksPerMicrosecond));
        }
    }

    /// <summary>
    /// Lowers the saved watermark to just above the last stamp, so that a graceful restart continues
    /// at once instead of up to <see cref="Reserve"/> ahead of the clock; no stamp is handed out after.
    /// </summary>
    /// <exception cref="IOException">The watermark could not be saved (the higher one stays, which is safe).</exception>
    public void Close()
    {
        lock (_lock)
        {
            var open = !_closed;
            _closed = true;
            if (open && _last + 1 < _reserved)
            {
                _watermark.Save(_last + 1);
            }
        }
    }
}
