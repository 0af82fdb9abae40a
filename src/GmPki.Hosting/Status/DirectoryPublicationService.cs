using System.Data.Common;
using GmPki.Core.Errors;
using GmPki.Core.Outbox;
using GmPki.Hosting.Configuration;
using GmPki.Hosting.Logging;
using GmPki.Status.Ldap;

namespace GmPki.Hosting.Status;

/// <summary>
/// Publishes to the LDAP directory while the service runs, when <c>Directory:Ldap</c> is set
/// (<c>docs/status-services.md</c>, "LDAP publication"): at start it queues every CA certificate
/// and stored CRL, then drains the directory outbox every <c>Status:PollSeconds</c>, without
/// pause while there is work. An outage (server unreachable, bind refused) is logged once when it
/// starts, retried with a backoff doubling up to one minute, and the catch-up logged when it ends;
/// nothing is lost, the rows wait in the ledger.
/// </summary>
internal sealed class DirectoryPublicationService(
    IDirectoryOutbox outbox, LdapPublication ldap, InstallationConfiguration.Validated configuration, TimeProvider clock, ILogger<DirectoryPublicationService> logger)
    : BackgroundService
{
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromMinutes(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        var publisher = new DirectoryPublisher(outbox, ldap, clock);
        var poll = configuration.Status.PollInterval;
        var delay = poll;
        var seeded = false;
        DateTime? outageSince = null;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (!seeded)
                {
                    await outbox.EnqueueAuthoritiesAsync(clock.GetUtcNow().UtcDateTime, stoppingToken);
                    seeded = true;
                    logger.LdapSeeded(ldap.Url, ldap.Base.ToString());
                }

                var result = await publisher.DrainOnceAsync(stoppingToken);
                Log(result);
                if (result.Outage is not null)
                {
                    if (outageSince is null)
                    {
                        outageSince = clock.GetUtcNow().UtcDateTime;
                        logger.LdapPaused(result.Outage);
                    }

                    delay = Min(delay * 2, MaxBackoff);
                }
                else
                {
                    if (outageSince is { } since)
                    {
                        outageSince = null;
                        logger.LdapResumed(ldap.Url, (clock.GetUtcNow().UtcDateTime - since).TotalSeconds, await outbox.CountPendingAsync(stoppingToken));
                    }

                    delay = poll;
                    if (result.Done > 0)
                    {
                        continue;
                    }
                }
            }
            catch (Exception e) when (e is DbException or InvalidOperationException or GmPkiException)
            {
                logger.LdapLedgerFailed(e);
                delay = Min(delay * 2, MaxBackoff);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            catch (Exception e) when (e is DllNotFoundException or TypeInitializationException)
            {
                logger.LdapLibraryMissing(e);
                return;
            }

            try
            {
                await Task.Delay(delay, clock, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private void Log(DrainResult result)
    {
        if (result.Published + result.Superseded > 0)
        {
            logger.LdapPublished(result.Published, result.Superseded);
        }

        if (result.Failed > 0)
        {
            logger.LdapRowsFailed(result.Failed);
        }
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;
}
