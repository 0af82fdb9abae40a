using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace GmPki.Storage.Entities;

/// <summary>Maps <see cref="AuditEventEntity"/>; <c>details</c> is JSON kept as text.</summary>
internal sealed class AuditEventConfiguration : IEntityTypeConfiguration<AuditEventEntity>
{
    public void Configure(EntityTypeBuilder<AuditEventEntity> builder)
    {
        builder.ToTable("audit_events");
        builder.HasKey(e => e.Id);
    }
}
