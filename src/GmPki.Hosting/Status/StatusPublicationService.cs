using System.Data.Common;
using GmPki.Core.Errors;
using GmPki.Core.Status;
using GmPki.Hosting.Configuration;
using GmPki.Hosting.Logging;
using GmPki.Status;

namespace GmPki.Hosting.Status;

/// <summary>
/// Runs the status schedules while the service runs (<c>docs/status-services.md</c>, "Schedules"):
/// every <c>Status:PollSeconds</c> it reads the status changes made by any process, signs their
/// OCSP responses again at once and (with <c>Status:PublishOnChange</c>) publishes their shards'
/// CRLs, then publishes the CRLs the schedule makes due; every quarter of
/// <c>Status:OcspRefreshMinutes</c> it pre-signs OCSP responses. Errors are logged and retried at
/// the next tick.
/// </summary>
internal sealed class StatusPublicationService(
    StatusDirectory status, IStatusLedger ledger, InstallationConfiguration.Validated configuration, TimeProvider clock, ILogger<StatusPublicationService> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        var policy = configuration.Status;
        var watcher = new StatusChangeWatcher(ledger, clock.GetUtcNow().UtcDateTime);
        var nextPreSign = DateTime.MinValue;
        using var timer = new PeriodicTimer(policy.PollInterval, clock);
        do
        {
            try
            {
                var changes = await watcher.PollAsync(stoppingToken);
                if (changes.Count > 0)
                {
                    status.Responder.Apply(changes);
                    if (policy.PublishOnChange)
                    {
                        Log(await status.Publisher.PublishChangedAsync(changes, stoppingToken));
                    }
                }

                Log(await status.Publisher.PublishDueAsync(stoppingToken));
                if (clock.GetUtcNow().UtcDateTime >= nextPreSign)
                {
                    var signed = await status.Responder.PreSignAsync(stoppingToken);
                    logger.OcspPreSigned(signed, status.Responder.PreSignedCount);
                    nextPreSign = clock.GetUtcNow().UtcDateTime + policy.OcspRefresh / 4;
                }
            }
            catch (Exception e) when (e is DbException or InvalidOperationException or GmPkiException)
            {
                logger.StatusPublicationFailed(e);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
        while (await timer.NextTickAsync(stoppingToken));
    }

    private void Log(IReadOnlyList<PublishedCrl> published)
    {
        foreach (var crl in published)
        {
            logger.CrlPublished(crl.IsDelta ? "delta" : "complete", crl.Number, crl.IssuerLabel, crl.Shard);
        }
    }
}
