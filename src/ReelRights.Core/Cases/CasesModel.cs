using Microsoft.EntityFrameworkCore;
using ReelRights.Core.Accounts;

namespace ReelRights.Core.Cases;

internal static class CasesModel
{
    public static void Configure(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<EnforcementCase>(e =>
        {
            e.Property(c => c.Kind).HasConversion<string>();
            e.Property(c => c.State).HasConversion<string>();
            e.Property(c => c.Closure).HasConversion<string>();
            e.Property(c => c.Version).IsConcurrencyToken();
            e.HasIndex(c => c.Number).IsUnique();
            e.HasIndex(c => c.ClaimantOrganizationId);
            e.HasIndex(c => c.PlatformOrganizationId);
            e.HasIndex(c => c.MediatorOrganizationId);
            e.HasOne<Organization>().WithMany().HasForeignKey(c => c.ClaimantOrganizationId);
        });
        modelBuilder.Entity<CaseLocation>(e =>
        {
            e.Property(l => l.Measure).HasConversion<string>();
            e.Property(l => l.Recheck).HasConversion<string>();
            e.HasIndex(l => l.CaseId);
            e.HasOne<EnforcementCase>().WithMany().HasForeignKey(l => l.CaseId);
        });
        modelBuilder.Entity<CaseEvent>(e =>
        {
            e.Property(x => x.Action).HasConversion<string>();
            e.Property(x => x.FromState).HasConversion<string>();
            e.Property(x => x.ToState).HasConversion<string>();
            e.Property(x => x.ActorRole).HasConversion<string>();
            e.HasIndex(x => new { x.CaseId, x.Sequence }).IsUnique();
            e.HasOne<EnforcementCase>().WithMany().HasForeignKey(x => x.CaseId);
        });
        modelBuilder.Entity<CaseDeadline>(e =>
        {
            e.Property(d => d.Clock).HasConversion<string>();
            e.Property(d => d.State).HasConversion<string>();
            e.HasIndex(d => d.CaseId);
            e.HasOne<EnforcementCase>().WithMany().HasForeignKey(d => d.CaseId);
        });
        modelBuilder.Entity<PlatformCasePolicy>(e =>
        {
            e.HasKey(p => p.OrganizationId);
            e.Property(p => p.ComplaintPeriodUnit).HasConversion<string>();
            e.HasOne<Organization>().WithMany().HasForeignKey(p => p.OrganizationId);
        });
        Mediation.MediationModel.Configure(modelBuilder);
    }
}
