using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace GmPki.Storage.Entities;

/// <summary>Maps <see cref="AuthorityEntity"/>: the label is the key; a parent must exist.</summary>
internal sealed class AuthorityConfiguration : IEntityTypeConfiguration<AuthorityEntity>
{
    public void Configure(EntityTypeBuilder<AuthorityEntity> builder)
    {
        builder.ToTable("authorities");
        builder.HasKey(a => a.Label);
        builder.HasOne<AuthorityEntity>().WithMany().HasForeignKey(a => a.ParentLabel).OnDelete(DeleteBehavior.Restrict);
    }
}
