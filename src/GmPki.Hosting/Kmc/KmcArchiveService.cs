using GmPki.Core.Ledger;
using GmPki.Hosting.Logging;

namespace GmPki.Hosting.Kmc;

/// <summary>
/// Archives the embedded KMC's expired escrowed keys every <see cref="Interval"/> while the KMC is
/// unsealed, i.e. in use (docs/kmc.md "Escrow"): keys whose encryption certificate's
/// <c>NotAfter</c> has passed move to the historical store (<c>kmc.key.archived</c>, reason
/// <c>expired</c>) and stay recoverable. A sealed or never set up KMC is left alone; errors are
/// logged and retried at the next run.
/// </summary>
internal sealed class KmcArchiveService(EmbeddedKmc kmc, TimeProvider clock, ILogger<KmcArchiveService> logger) : BackgroundService
{
    /// <summary>Time between two runs.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromHours(1);

    private static readonly Actor ServiceActor = new("system:kmc-archive", null, null);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, clock);
        while (await timer.NextTickAsync(stoppingToken))
        {
            await ArchiveAsync(stoppingToken);
        }
    }

    private async Task ArchiveAsync(CancellationToken stoppingToken)
    {
        if (!kmc.Custody.IsUnsealed)
        {
            return;
        }

        try
        {
            var archived = await kmc.Centre.ArchiveExpiredAsync(ServiceActor, stoppingToken);
            if (archived > 0)
            {
                logger.KmcKeysArchived(archived);
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.KmcArchiveFailed(e, Interval);
        }
    }
}
