namespace GmPki.Storage.Context;

/// <summary>
/// Serialises this process's write transactions on SQLite, which allows one writer at a time:
/// without it, concurrent writers collide and Microsoft.Data.Sqlite retries a busy database
/// after 150 ms sleeps, which costs far more than waiting in line. Other processes sharing the
/// file still wait through SQLite's own busy timeout. On PostgreSQL the gate is open.
/// </summary>
internal sealed class WriteGate(bool serialize) : IDisposable
{
    private readonly SemaphoreSlim? _semaphore = serialize ? new SemaphoreSlim(1, 1) : null;

    /// <summary>Waits for the turn to write; dispose the result to let the next writer in.</summary>
    public async ValueTask<Turn> EnterAsync(CancellationToken cancellationToken)
    {
        if (_semaphore is not null)
        {
            await _semaphore.WaitAsync(cancellationToken);
        }

        return new Turn(_semaphore);
    }

    public void Dispose() => _semaphore?.Dispose();

    /// <summary>A held turn.</summary>
    internal readonly struct Turn(SemaphoreSlim? semaphore) : IDisposable
    {
        public void Dispose() => semaphore?.Release();
    }
}
