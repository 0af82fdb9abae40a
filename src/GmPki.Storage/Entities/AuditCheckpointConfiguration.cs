using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace GmPki.Storage.Entities;

/// <summary>Maps <see cref="AuditCheckpointEntity"/>: one checkpoint per event (of two nodes checkpointing at once, one wins).</summary>
internal sealed class AuditCheckpointConfiguration : IEntityTypeConfiguration<AuditCheckpointEntity>
{
    public void Configure(EntityTypeBuilder<AuditCheckpointEntity> builder)
    {
        builder.ToTable("audit_checkpoints");
        builder.HasKey(c => c.Id);
        builder.HasIndex(c => c.ThroughEventId).IsUnique();
    }
}
