using GmPki.Core.Ledger;

namespace GmPki.Storage.Entities;

/// <summary>Row of table <c>audit_checkpoints</c>: a signed statement of the chain's hash through one event.</summary>
internal sealed class AuditCheckpointEntity
{
    public long Id { get; set; }

    public long ThroughEventId { get; set; }

    public required string Hash { get; set; }

    public DateTime CreatedAt { get; set; }

    public required byte[] Signature { get; set; }

    public required byte[] SignerCertificateDer { get; set; }

    public AuditCheckpoint ToRecord() => new(ThroughEventId, Hash, CreatedAt, Signature, SignerCertificateDer);
}
