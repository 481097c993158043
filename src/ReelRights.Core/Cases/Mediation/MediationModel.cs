using Microsoft.EntityFrameworkCore;

namespace ReelRights.Core.Cases.Mediation;

internal static class MediationModel
{
    public static void Configure(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<MediationSession>(e =>
        {
            e.HasIndex(s => s.CaseId);
            e.HasOne<EnforcementCase>().WithMany().HasForeignKey(s => s.CaseId);
        });
        modelBuilder.Entity<CaseMessage>(e =>
        {
            e.Property(m => m.AuthorRole).HasConversion<string>();
            e.HasIndex(m => m.CaseId);
            e.HasOne<EnforcementCase>().WithMany().HasForeignKey(m => m.CaseId);
        });
        modelBuilder.Entity<SettlementProposal>(e =>
        {
            e.Property(p => p.ByRole).HasConversion<string>();
            e.Property(p => p.State).HasConversion<string>();
            e.HasIndex(p => new { p.CaseId, p.Sequence }).IsUnique();
            e.HasOne<EnforcementCase>().WithMany().HasForeignKey(p => p.CaseId);
        });
        modelBuilder.Entity<SettlementAgreement>(e =>
        {
            e.Property(a => a.State).HasConversion<string>();
            e.HasIndex(a => a.CaseId);
            e.HasOne<EnforcementCase>().WithMany().HasForeignKey(a => a.CaseId);
            e.HasOne<SettlementProposal>().WithMany().HasForeignKey(a => a.ProposalId);
        });
        modelBuilder.Entity<Delivery.PlatformWebhook>(e =>
        {
            e.HasKey(h => h.OrganizationId);
            e.HasOne<Accounts.Organization>().WithMany().HasForeignKey(h => h.OrganizationId);
        });
        modelBuilder.Entity<Delivery.WebhookDelivery>(e =>
        {
            e.Property(d => d.State).HasConversion<string>();
            e.HasIndex(d => d.OrganizationId);
            e.HasOne<EnforcementCase>().WithMany().HasForeignKey(d => d.CaseId);
        });
        modelBuilder.Entity<Delivery.WebhookAttempt>(e =>
        {
            e.HasIndex(a => a.DeliveryId);
            e.HasOne<Delivery.WebhookDelivery>().WithMany().HasForeignKey(a => a.DeliveryId);
        });
        modelBuilder.Entity<AgreementSignature>(e =>
        {
            e.Property(s => s.Role).HasConversion<string>();
            e.HasIndex(s => new { s.AgreementId, s.Role }).IsUnique();
            e.HasOne<SettlementAgreement>().WithMany().HasForeignKey(s => s.AgreementId);
            e.HasOne<CaseEvent>().WithMany().HasForeignKey(s => s.CaseEventId);
        });
    }
}
