namespace GmPki.Compliance.AuditChain;

/// <summary>
/// The canonical bytes an audit checkpoint's SM2 signature covers (<c>docs/audit.md</c>,
/// "Checkpoints"), integers big-endian:
/// <code>
/// text  "GmPki audit checkpoint v1"     (domain tag: uint32 byte count, UTF-8)
/// int64 through_event_id
/// 32    hash                            (raw SM3 bytes of that event's hash)
/// int64 created_at                      (microseconds since 1970-01-01T00:00:00Z)
/// </code>
/// </summary>
public static class CheckpointEncoding
{
    /// <summary>The domain tag that starts every checkpoint encoding (and versions it).</summary>
    public const string Tag = "GmPki audit checkpoint v1";

    /// <summary>The bytes to sign or verify.</summary>
    /// <param name="throughEventId">Id of the last event covered.</param>
    /// <param name="hash">Lowercase hex SM3 hash of that event.</param>
    /// <param name="createdAt">Signing time; ticks taken as UTC, truncated to microseconds.</param>
    /// <exception cref="ArgumentException"><paramref name="hash"/> is not 64 lowercase hex digits.</exception>
    public static byte[] Encode(long throughEventId, string hash, DateTime createdAt)
        => new CanonicalEncoder(CanonicalEncoder.TextSize(Tag) + (2 * CanonicalEncoder.Int64Size) + CanonicalEncoder.HashSize)
            .Text(Tag)
            .Int64(throughEventId)
            .Hash(hash)
            .Int64(AuditTime.ToUnixMicroseconds(createdAt))
            .ToArray();
}
