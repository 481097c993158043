using Microsoft.EntityFrameworkCore;
using ReelRights.Core.Accounts;
using ReelRights.Core.Works;

namespace ReelRights.Core.Finance;

/// <summary>EF Core mapping of the valuation and financing tables (migration 0022).</summary>
internal static class FinanceModel
{
    public static void Configure(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<ValuationProfile>(e =>
        {
            e.HasKey(p => p.WorkId);
            e.HasOne<Work>().WithMany().HasForeignKey(p => p.WorkId);
            e.HasOne<Organization>().WithMany().HasForeignKey(p => p.OrganizationId);
        });
        modelBuilder.Entity<ValuationReport>(e =>
        {
            e.HasIndex(r => r.Number).IsUnique();
            e.HasIndex(r => new { r.WorkId, r.CreatedAt });
            e.HasIndex(r => r.OrganizationId);
            e.HasOne<Work>().WithMany().HasForeignKey(r => r.WorkId);
            e.HasOne<Organization>().WithMany().HasForeignKey(r => r.OrganizationId);
        });
    }
}
