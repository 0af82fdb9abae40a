namespace GmPki.Status.Tests;

/// <summary>A clock that stands still until a test moves it.</summary>
internal sealed class MovableClock(DateTime utcNow) : TimeProvider
{
    public DateTime UtcNow { get; private set; } = utcNow;

    public void Advance(TimeSpan by) => UtcNow += by;

    public override DateTimeOffset GetUtcNow() => new(UtcNow, TimeSpan.Zero);
}
