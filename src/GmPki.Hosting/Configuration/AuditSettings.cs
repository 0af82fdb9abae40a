namespace GmPki.Hosting.Configuration;

/// <summary>
/// Section <c>Audit</c>: when the service signs a checkpoint of the SM3 audit chain
/// (<c>docs/audit.md</c>). A checkpoint is due after <see cref="CheckpointEvents"/> new events,
/// or when new events have waited <see cref="CheckpointMinutes"/>; the service also signs one
/// when it stops.
/// </summary>
public sealed class AuditSettings
{
    /// <summary>Smallest and largest <see cref="CheckpointEvents"/> (GMPKI-AUDIT-001).</summary>
    public const int MinEvents = 1, MaxEvents = 1_000_000;

    /// <summary>Smallest and largest <see cref="CheckpointMinutes"/> (GMPKI-AUDIT-002): one minute to one day.</summary>
    public const int MinMinutes = 1, MaxMinutes = 1440;

    /// <summary>New events that make a checkpoint due (1–1,000,000).</summary>
    public int CheckpointEvents { get; set; } = 1000;

    /// <summary>Longest wait, in minutes, of new events for a checkpoint (1–1440).</summary>
    public int CheckpointMinutes { get; set; } = 60;
}
