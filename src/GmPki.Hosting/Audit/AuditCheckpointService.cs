using System.Data.Common;
using GmPki.Compliance.Checkpoints;
using GmPki.Core.Errors;
using GmPki.Hosting.Configuration;
using GmPki.Hosting.Keys;
using GmPki.Hosting.Logging;

namespace GmPki.Hosting.Audit;

/// <summary>
/// Signs checkpoints of the SM3 audit chain while the service runs (<c>docs/audit.md</c>): looks
/// every <see cref="PollInterval"/> whether one is due by the <c>Audit</c> settings, and signs a
/// last one when the service stops. Without an audit key it logs an error and signs nothing;
/// database errors are logged and retried at the next look.
/// </summary>
internal sealed class AuditCheckpointService(
    AuditKeys keys, AuditCheckpointer checkpointer, InstallationConfiguration.Validated configuration, TimeProvider clock, ILogger<AuditCheckpointService> logger)
    : BackgroundService
{
    /// <summary>How often the chain head is compared with the latest checkpoint.</summary>
    public static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(5);

    private AuditSigner? _signer;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield(); // opening the key derives its passphrase key: not on the start-up path
        var started = clock.GetUtcNow().UtcDateTime;
        try
        {
            var (key, certificate) = keys.Open();
            _signer = new AuditSigner(key, certificate);
        }
        catch (GmPkiException e)
        {
            logger.AuditCheckpointsDisabled(e.Message);
            return;
        }

        using var timer = new PeriodicTimer(PollInterval, clock);
        do
        {
            await WriteAsync(() => checkpointer.WriteIfDueAsync(_signer, configuration.Audit, started, stoppingToken));
        }
        while (await timer.NextTickAsync(stoppingToken));
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        if (_signer is { } signer)
        {
            await WriteAsync(() => checkpointer.WriteAsync(signer, cancellationToken));
        }
    }

    private async Task WriteAsync(Func<Task<Core.Ledger.AuditCheckpoint?>> write)
    {
        try
        {
            if (await write() is { } checkpoint)
            {
                logger.AuditCheckpointSigned(checkpoint.ThroughEventId, checkpoint.Hash);
            }
        }
        catch (Exception e) when (e is DbException or InvalidOperationException)
        {
            logger.AuditCheckpointFailed(e);
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }
    }
}
