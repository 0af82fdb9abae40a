using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace GmPki.Storage.Entities;

/// <summary>Maps <see cref="AuditChainHeadEntity"/>; its one row is inserted by the migration.</summary>
internal sealed class AuditChainHeadConfiguration : IEntityTypeConfiguration<AuditChainHeadEntity>
{
    public void Configure(EntityTypeBuilder<AuditChainHeadEntity> builder)
    {
        builder.ToTable("audit_chain_head");
        builder.HasKey(h => h.Id);
        builder.Property(h => h.Id).ValueGeneratedNever();
    }
}
