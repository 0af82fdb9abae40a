namespace GmPki.Hosting;

/// <summary>The tick loop the background services share.</summary>
internal static class PeriodicTimers
{
    /// <summary>Waits for the next tick; false once the timer is disposed or <paramref name="stoppingToken"/> stops the service (never throws for that).</summary>
    public static async Task<bool> NextTickAsync(this PeriodicTimer timer, CancellationToken stoppingToken)
    {
        ArgumentNullException.ThrowIfNull(timer);
        try
        {
            return await timer.WaitForNextTickAsync(stoppingToken);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
