using System.Text.Json;
using GmPki.Core.Ledger;
using GmPki.Hosting.Configuration;
using GmPki.Hosting.Keys;
using GmPki.Timestamping;

namespace GmPki.Hosting.Timestamping;

/// <summary>
/// The installation's timestamp authority behind <c>POST /tsa</c> (<c>docs/relying-party.md</c>):
/// the TSA key and certificate of <see cref="TimestampKeys"/>, the <c>Timestamping</c> policy, the
/// serial watermark file and the token journal. Opened when the service starts (when the key is
/// provisioned); when it stops, the watermark is lowered to just above the last serial and a
/// <c>timestamp.tokens-issued</c> audit event records how many tokens were issued since start.
/// Each granted token is journalled (<see cref="TokenJournal"/>); each refused request is audited
/// as <c>timestamp.request-rejected</c>. Safe for concurrent use.
/// </summary>
/// <param name="keys">The TSA key.</param>
/// <param name="configuration">The validated configuration (its <c>Timestamping</c> policy).</param>
/// <param name="data">The data directory (watermark and journal files).</param>
/// <param name="audit">The audit log.</param>
/// <param name="clock">Time source of genTime.</param>
public sealed class TimestampService(TimestampKeys keys, InstallationConfiguration.Validated configuration, DataDirectory data, IAuditLog audit, TimeProvider clock)
    : IHostedService, IDisposable
{
    private readonly Lock _lock = new();
    private readonly TokenJournal _journal = new(data.TimestampJournalDirectory);
    private TimestampAuthority? _authority;

    /// <summary>Answers a DER TimeStampReq with a DER TimeStampResp (RFC 3161 §2.4), journalling a granted token or auditing a refusal.</summary>
    /// <param name="request">The request body.</param>
    /// <param name="actor">The requester (anonymous, with the request ID).</param>
    /// <param name="peer">The requester's IP address, for the journal and the audit record.</param>
    /// <param name="cancellationToken">Not used once a token is signed.</param>
    /// <exception cref="Core.Errors.GmPkiException"><c>key-not-found</c> when no TSA key is provisioned (<c>gmpki tsa create-key</c>), <c>key-unlock-failed</c>.</exception>
    /// <exception cref="IOException">The watermark or the journal could not be written.</exception>
    public async Task<TimestampResult> RespondAsync(ReadOnlyMemory<byte> request, Actor actor, string? peer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var result = Authority().Respond(request.Span);
        if (result.Token is { } token)
        {
            _journal.Append(token, actor.RequestId ?? string.Empty, peer);
        }
        else
        {
            var details = JsonSerializer.Serialize(new { failure = JsonNamingPolicy.CamelCase.ConvertName(result.Failure.ToString()!), reason = result.Refusal, peer });
            await audit.AppendAsync(new AuditEvent(clock.GetUtcNow().UtcDateTime, "timestamp.request-rejected", actor.Name, actor.Role, "tsa", "rejected", details, actor.RequestId),
                CancellationToken.None);
        }

        return result;
    }

    /// <summary>Opens the TSA when the installation has a TSA key (once; later calls do nothing), so a wrong passphrase or a damaged watermark stops start-up.</summary>
    /// <exception cref="Core.Errors.GmPkiException"><c>key-unlock-failed</c>, <c>passphrase-missing</c>.</exception>
    /// <exception cref="IOException">The watermark could not be read.</exception>
    public void Open()
    {
        if (keys.Exists)
        {
            Authority();
        }
    }

    /// <summary>Opens the TSA (<see cref="Open"/>).</summary>
    public Task StartAsync(CancellationToken cancellationToken)
    {
        Open();
        return Task.CompletedTask;
    }

    /// <summary>Closes the TSA (watermark lowered) and audits the number of tokens issued since start.</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        Dispose();
        if (_journal.Count > 0)
        {
            var details = JsonSerializer.Serialize(new { count = _journal.Count, firstSerial = _journal.FirstSerial, lastSerial = _journal.LastSerial, journal = data.TimestampJournalDirectory });
            await audit.AppendAsync(new AuditEvent(clock.GetUtcNow().UtcDateTime, "timestamp.tokens-issued", Actor.System.Name, null, "tsa", "success", details, null), cancellationToken);
        }
    }

    /// <summary>Closes the TSA and the journal; requests afterwards fail.</summary>
    public void Dispose()
    {
        lock (_lock)
        {
            _authority?.Dispose();
            _journal.Dispose();
        }
    }

    private TimestampAuthority Authority()
    {
        lock (_lock)
        {
            if (_authority is null)
            {
                var (key, certificate) = keys.Open();
                _authority = new TimestampAuthority(key, certificate, configuration.Timestamping, new FileSerialWatermark(data.TimestampWatermarkFile), clock);
            }

            return _authority;
        }
    }
}
