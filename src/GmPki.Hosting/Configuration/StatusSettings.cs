using GmPki.Status;

namespace GmPki.Hosting.Configuration;

/// <summary>
/// Section <c>Status</c>: when CRLs and OCSP responses are published (<c>docs/status-services.md</c>,
/// <c>docs/configuration.md</c>). Problems are reported as <c>GMPKI-STATUS-001</c> … <c>-007</c>.
/// </summary>
public sealed class StatusSettings
{
    /// <summary>Minutes between complete CRLs of a shard (5–10080, one week); default 360.</summary>
    public int CrlIntervalMinutes { get; set; } = 360;

    /// <summary>Minutes from a complete CRL's thisUpdate to its nextUpdate (more than <see cref="CrlIntervalMinutes"/>, at most 43200 = 30 days); default 1440.</summary>
    public int CrlValidityMinutes { get; set; } = 1440;

    /// <summary>Minutes between delta CRLs of a shard (1 to <see cref="CrlIntervalMinutes"/>), or 0 for no delta CRLs; default 15.</summary>
    public int DeltaIntervalMinutes { get; set; } = 15;

    /// <summary>Whether a status change makes its shard publish a complete CRL at once (and a delta over it); default true.</summary>
    public bool PublishOnChange { get; set; } = true;

    /// <summary>Minutes from an OCSP response's thisUpdate to its nextUpdate (5–10080); default 1440.</summary>
    public int OcspValidityMinutes { get; set; } = 1440;

    /// <summary>Age in minutes at which a pre-signed OCSP response is signed again (1 to less than <see cref="OcspValidityMinutes"/>); default 240.</summary>
    public int OcspRefreshMinutes { get; set; } = 240;

    /// <summary>Most OCSP responses signed live at once (1–1024), or 0 for twice the processor count; default 0.</summary>
    public int OcspLiveConcurrency { get; set; }

    /// <summary>Seconds between polls of the ledger for status changes (1–300); default 1.</summary>
    public int PollSeconds { get; set; } = 1;

    /// <summary>Days a delegated OCSP responder certificate is valid (7–825); renewed at start-up when a third remains; default 90.</summary>
    public int ResponderDays { get; set; } = 90;

    /// <summary>Every problem, numbered, or none.</summary>
    public IEnumerable<string> Validate()
    {
        if (CrlIntervalMinutes is < 5 or > 10080)
        {
            yield return $"GMPKI-STATUS-001: Status:CrlIntervalMinutes {CrlIntervalMinutes} must be between 5 and 10080.";
        }

        if (CrlValidityMinutes <= CrlIntervalMinutes || CrlValidityMinutes > 43200)
        {
            yield return $"GMPKI-STATUS-002: Status:CrlValidityMinutes {CrlValidityMinutes} must be more than CrlIntervalMinutes ({CrlIntervalMinutes}) and at most 43200.";
        }

        if (DeltaIntervalMinutes < 0 || DeltaIntervalMinutes > CrlIntervalMinutes)
        {
            yield return $"GMPKI-STATUS-003: Status:DeltaIntervalMinutes {DeltaIntervalMinutes} must be 0 (no delta CRLs) or between 1 and CrlIntervalMinutes ({CrlIntervalMinutes}).";
        }

        if (OcspValidityMinutes is < 5 or > 10080)
        {
            yield return $"GMPKI-STATUS-004: Status:OcspValidityMinutes {OcspValidityMinutes} must be between 5 and 10080.";
        }

        if (OcspRefreshMinutes < 1 || OcspRefreshMinutes >= OcspValidityMinutes)
        {
            yield return $"GMPKI-STATUS-005: Status:OcspRefreshMinutes {OcspRefreshMinutes} must be at least 1 and less than OcspValidityMinutes ({OcspValidityMinutes}).";
        }

        if (OcspLiveConcurrency is < 0 or > 1024)
        {
            yield return $"GMPKI-STATUS-006: Status:OcspLiveConcurrency {OcspLiveConcurrency} must be between 0 (twice the processor count) and 1024.";
        }

        if (PollSeconds is < 1 or > 300 || ResponderDays is < 7 or > 825)
        {
            yield return $"GMPKI-STATUS-007: Status:PollSeconds {PollSeconds} must be between 1 and 300 and Status:ResponderDays {ResponderDays} between 7 and 825.";
        }
    }

    /// <summary>The validated policy (call after <see cref="Validate"/> found nothing).</summary>
    public StatusPolicy ToPolicy() => new(
        TimeSpan.FromMinutes(CrlIntervalMinutes),
        TimeSpan.FromMinutes(CrlValidityMinutes),
        DeltaIntervalMinutes == 0 ? null : TimeSpan.FromMinutes(DeltaIntervalMinutes),
        PublishOnChange,
        TimeSpan.FromMinutes(OcspValidityMinutes),
        TimeSpan.FromMinutes(OcspRefreshMinutes),
        OcspLiveConcurrency == 0 ? StatusPolicy.Default.OcspLiveConcurrency : OcspLiveConcurrency,
        StatusPolicy.Default.OcspLiveWait,
        TimeSpan.FromSeconds(PollSeconds),
        TimeSpan.FromDays(ResponderDays));
}
