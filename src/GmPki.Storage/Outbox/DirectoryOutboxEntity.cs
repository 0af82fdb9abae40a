using GmPki.Core.Outbox;

namespace GmPki.Storage.Outbox;

/// <summary>
/// Row of table <c>directory_outbox</c>: one thing to publish in the LDAP directory. It names the
/// certificate or CRL (the bytes stay in <c>authorities</c>, <c>certificates</c>, <c>crls</c>);
/// a published row is deleted, a row that failed for good keeps <see cref="FailedAt"/> and
/// <see cref="LastError"/>.
/// </summary>
internal sealed class DirectoryOutboxEntity
{
    public long Id { get; set; }

    public OutboxKind Kind { get; set; }

    public required string IssuerLabel { get; set; }

    /// <summary>For a user certificate: its serial (lowercase hex).</summary>
    public string? SerialHex { get; set; }

    /// <summary>For a CRL: its cRLNumber.</summary>
    public long? CrlNumber { get; set; }

    public DateTime EnqueuedAt { get; set; }

    public int Attempts { get; set; }

    public string? LastError { get; set; }

    /// <summary>The process holding the row, or null.</summary>
    public string? ClaimedBy { get; set; }

    /// <summary>End of the holder's claim, Unix time in milliseconds (an integer, compared the same way on both providers).</summary>
    public long? ClaimedUntil { get; set; }

    public DateTime? FailedAt { get; set; }
}
