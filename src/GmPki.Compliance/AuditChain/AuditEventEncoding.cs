using GmPki.Core.Ledger;
using GmPki.Cryptography.Sm;

namespace GmPki.Compliance.AuditChain;

/// <summary>
/// The canonical encoding of an audit event and its SM3 chain hash (<c>docs/audit.md</c>, "The
/// chain"). The ledger computes hashes with it as it writes; the verifier recomputes them with
/// it. Layout, all integers big-endian:
/// <code>
/// text  "GmPki audit event v1"          (domain tag)
/// int64 id
/// int64 occurred_at                     (microseconds since 1970-01-01T00:00:00Z)
/// text  action, actor, role, agency, target, outcome, details, request_id
/// 32    previous_hash                   (raw SM3 bytes; 32 zero bytes for the first event)
/// </code>
/// where <c>text</c> is a uint32 byte count and the UTF-8 bytes, or the count 0xFFFFFFFF alone for null.
/// </summary>
public static class AuditEventEncoding
{
    /// <summary>The domain tag that starts every event encoding (and versions it).</summary>
    public const string Tag = "GmPki audit event v1";

    /// <summary>The canonical bytes of event <paramref name="id"/>.</summary>
    /// <param name="id">The event's position in the chain.</param>
    /// <param name="auditEvent">The event; its time's ticks are taken as UTC and truncated to microseconds.</param>
    /// <param name="previousHash">Lowercase hex SM3 hash of the previous event (<see cref="AuditChainHead.GenesisHash"/> for the first).</param>
    /// <exception cref="ArgumentException"><paramref name="previousHash"/> is not 64 lowercase hex digits.</exception>
    public static byte[] Encode(long id, AuditEvent auditEvent, string previousHash)
    {
        ArgumentNullException.ThrowIfNull(auditEvent);
        var e = auditEvent;
        var size = CanonicalEncoder.TextSize(Tag) + (2 * CanonicalEncoder.Int64Size) + CanonicalEncoder.HashSize
            + CanonicalEncoder.TextSize(e.Action) + CanonicalEncoder.TextSize(e.Actor) + CanonicalEncoder.TextSize(e.Role)
            + CanonicalEncoder.TextSize(e.Agency) + CanonicalEncoder.TextSize(e.Target) + CanonicalEncoder.TextSize(e.Outcome)
            + CanonicalEncoder.TextSize(e.Details) + CanonicalEncoder.TextSize(e.RequestId);
        return new CanonicalEncoder(size)
            .Text(Tag)
            .Int64(id)
            .Int64(AuditTime.ToUnixMicroseconds(e.OccurredAt))
            .Text(e.Action).Text(e.Actor).Text(e.Role).Text(e.Agency).Text(e.Target).Text(e.Outcome).Text(e.Details).Text(e.RequestId)
            .Hash(previousHash)
            .ToArray();
    }

    /// <summary>The chain hash of event <paramref name="id"/>: lowercase hex SM3 of <see cref="Encode"/>.</summary>
    /// <exception cref="ArgumentException"><paramref name="previousHash"/> is not 64 lowercase hex digits.</exception>
    public static string Hash(long id, AuditEvent auditEvent, string previousHash) => Sm3.HashHex(Encode(id, auditEvent, previousHash));

    /// <summary>The head after appending <paramref name="auditEvent"/> to the chain ending at <paramref name="head"/>: id one more, the event's hash.</summary>
    public static AuditChainHead Append(AuditChainHead head, AuditEvent auditEvent)
    {
        ArgumentNullException.ThrowIfNull(head);
        var id = head.LastEventId + 1;
        return new AuditChainHead(id, Hash(id, auditEvent, head.LastHash));
    }
}
