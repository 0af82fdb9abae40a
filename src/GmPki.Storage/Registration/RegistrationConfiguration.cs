using GmPki.Storage.Entities;
using Microsoft.EntityFrameworkCore;

namespace GmPki.Storage.Registration;

/// <summary>Maps the registration tables: delegated agencies, subscribers, applications, their steps and evidence, the published documents, and protocol accounts.</summary>
internal static class RegistrationConfiguration
{
    public static void Apply(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<AgencyEntity>(agency =>
        {
            agency.ToTable("agencies");
            agency.HasKey(a => a.Code);
        });
        modelBuilder.Entity<SubscriberEntity>(subscriber =>
        {
            subscriber.ToTable("subscribers");
            subscriber.HasKey(s => s.Id);
            subscriber.HasIndex(s => s.OrganizationId);
            subscriber.HasIndex(s => s.Agency);
            subscriber.HasIndex(s => s.IdentityIndex).IsUnique();
            subscriber.HasOne<SubscriberEntity>().WithMany().HasForeignKey(s => s.OrganizationId).OnDelete(DeleteBehavior.Restrict);
        });
        modelBuilder.Entity<ApplicationEntity>(application =>
        {
            application.ToTable("applications");
            application.HasKey(a => a.Id);
            application.HasIndex(a => a.SubscriberId);
            application.HasIndex(a => a.ResultSerial);
            application.HasIndex(a => new { a.CreatedAt, a.Id });
            application.HasOne<SubscriberEntity>().WithMany().HasForeignKey(a => a.SubscriberId).OnDelete(DeleteBehavior.Restrict);
        });
        modelBuilder.Entity<ApplicationStepEntity>(step =>
        {
            step.ToTable("application_steps");
            step.HasKey(s => s.Id);
            step.HasIndex(s => s.ApplicationId);
            step.HasOne<ApplicationEntity>().WithMany().HasForeignKey(s => s.ApplicationId).OnDelete(DeleteBehavior.Restrict);
        });
        modelBuilder.Entity<EvidenceEntity>(evidence =>
        {
            evidence.ToTable("evidence_files");
            evidence.HasKey(e => e.Id);
            evidence.HasIndex(e => e.ApplicationId);
            evidence.HasOne<ApplicationEntity>().WithMany().HasForeignKey(e => e.ApplicationId).OnDelete(DeleteBehavior.Restrict);
        });
        modelBuilder.Entity<DocumentEntity>(document =>
        {
            document.ToTable("documents");
            document.HasKey(d => new { d.Kind, d.Version });
        });
        modelBuilder.Entity<CertificatePairEntity>(pair =>
        {
            pair.ToTable("certificate_pairs");
            pair.HasKey(p => p.SigningSerial);
            pair.HasIndex(p => p.EncryptionSerial).IsUnique();
        });
        modelBuilder.Entity<ProtocolAccountEntity>(account =>
        {
            account.ToTable("protocol_accounts");
            account.HasKey(a => new { a.Protocol, a.Name });
            account.HasIndex(a => a.SubscriberId);
        });
        modelBuilder.Entity<CertificateEntity>().Property(c => c.Status).HasDefaultValue(Core.Ledger.CertificateStatus.Good);
        modelBuilder.Entity<ApplicationEntity>().Property(a => a.Dual).HasDefaultValue(false);
    }
}
