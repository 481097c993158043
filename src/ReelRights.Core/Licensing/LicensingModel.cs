using Microsoft.EntityFrameworkCore;
using ReelRights.Core.Accounts;
using ReelRights.Core.Licensing.Royalties;
using ReelRights.Core.Works;

namespace ReelRights.Core.Licensing;

internal static class LicensingModel
{
    public static void Configure(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<LicenseListing>(e =>
        {
            e.Property(l => l.Visibility).HasConversion<string>();
            e.Property(l => l.State).HasConversion<string>();
            e.HasIndex(l => l.OrganizationId);
            e.HasIndex(l => l.WorkId);
            e.HasOne<Organization>().WithMany().HasForeignKey(l => l.OrganizationId);
            e.HasOne<Work>().WithMany().HasForeignKey(l => l.WorkId);
        });
        modelBuilder.Entity<LicenseDeal>(e =>
        {
            e.Property(d => d.State).HasConversion<string>();
            e.Property(d => d.Version).IsConcurrencyToken();
            e.HasIndex(d => d.Number).IsUnique();
            e.HasIndex(d => d.OwnerOrganizationId);
            e.HasIndex(d => d.BuyerOrganizationId);
            e.HasOne<LicenseListing>().WithMany().HasForeignKey(d => d.ListingId);
        });
        modelBuilder.Entity<DealVersion>(e =>
        {
            e.HasIndex(v => new { v.DealId, v.Number }).IsUnique();
            e.HasOne<LicenseDeal>().WithMany().HasForeignKey(v => v.DealId);
        });
        modelBuilder.Entity<DealSignature>(e =>
        {
            e.HasIndex(s => new { s.DealId, s.OrganizationId }).IsUnique();
            e.HasOne<LicenseDeal>().WithMany().HasForeignKey(s => s.DealId);
        });
        modelBuilder.Entity<License>(e =>
        {
            e.Property(l => l.State).HasConversion<string>();
            e.Property(l => l.Exclusivity).HasConversion<string>();
            e.Property(l => l.Version).IsConcurrencyToken();
            e.HasIndex(l => l.Code).IsUnique();
            e.HasIndex(l => new { l.WorkId, l.State });
            e.HasIndex(l => l.LicenseeOrganizationId);
            e.HasOne<Work>().WithMany().HasForeignKey(l => l.WorkId);
        });
        modelBuilder.Entity<LicenseEvent>(e =>
        {
            e.Property(x => x.Kind).HasConversion<string>();
            e.HasIndex(x => new { x.LicenseId, x.Sequence }).IsUnique();
            e.HasOne<License>().WithMany().HasForeignKey(x => x.LicenseId);
        });
        modelBuilder.Entity<LicenseAmendment>(e =>
        {
            e.Property(a => a.Kind).HasConversion<string>();
            e.Property(a => a.State).HasConversion<string>();
            e.Property(a => a.Version).IsConcurrencyToken();
            e.HasIndex(a => a.LicenseId);
            e.HasOne<License>().WithMany().HasForeignKey(a => a.LicenseId);
        });
        modelBuilder.Entity<LicenseChannel>(e =>
        {
            e.HasIndex(c => c.LicenseId);
            e.HasOne<License>().WithMany().HasForeignKey(c => c.LicenseId);
        });
        modelBuilder.Entity<UsageImport>(e =>
        {
            e.HasIndex(i => new { i.LicenseId, i.Sha256 });
            e.HasOne<License>().WithMany().HasForeignKey(i => i.LicenseId);
        });
        modelBuilder.Entity<UsageLine>(e =>
        {
            e.HasIndex(l => new { l.LicenseId, l.Period });
            e.HasOne<UsageImport>().WithMany().HasForeignKey(l => l.ImportId);
            e.HasOne<License>().WithMany().HasForeignKey(l => l.LicenseId);
        });
        modelBuilder.Entity<RoyaltyStatement>(e =>
        {
            e.Property(s => s.Version).IsConcurrencyToken();
            e.Ignore(s => s.Confirmed);
            e.HasIndex(s => s.Number).IsUnique();
            e.HasIndex(s => new { s.LicenseId, s.Period }).IsUnique();
            e.HasOne<License>().WithMany().HasForeignKey(s => s.LicenseId);
        });
        modelBuilder.Entity<RoyaltyPayment>(e =>
        {
            e.HasIndex(p => p.StatementId);
            e.HasOne<RoyaltyStatement>().WithMany().HasForeignKey(p => p.StatementId);
        });
        modelBuilder.Entity<WorkLicensingLock>(e =>
        {
            e.HasKey(l => l.WorkId);
            e.Property(l => l.Version).IsConcurrencyToken();
        });
    }
}
