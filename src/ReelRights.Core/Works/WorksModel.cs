using Microsoft.EntityFrameworkCore;
using ReelRights.Core.Accounts;
using ReelRights.Core.Jobs;

namespace ReelRights.Core.Works;

internal static class WorksModel
{
    public static void Configure(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Work>(e =>
        {
            e.Property(w => w.Type).HasConversion<string>();
            e.HasIndex(w => w.Code).IsUnique();
            e.HasIndex(w => new { w.OrganizationId, w.CreatedAt });
            e.HasOne<Organization>().WithMany().HasForeignKey(w => w.OrganizationId);
        });
        modelBuilder.Entity<Episode>(e =>
        {
            e.Property(x => x.Source).HasConversion<string>();
            e.Property(x => x.State).HasConversion<string>();
            e.HasIndex(x => new { x.WorkId, x.Number }).IsUnique();
            e.HasIndex(x => x.Code).IsUnique();
            e.HasIndex(x => x.MediaSha256);
            e.HasOne<Work>().WithMany().HasForeignKey(x => x.WorkId);
        });
        modelBuilder.Entity<WorkRight>(e =>
        {
            e.Property(x => x.Right).HasConversion<string>();
            e.HasIndex(x => x.WorkId);
            e.HasOne<Work>().WithMany().HasForeignKey(x => x.WorkId);
        });
        modelBuilder.Entity<WorkDocument>(e =>
        {
            e.Property(x => x.Kind).HasConversion<string>();
            e.HasIndex(x => x.WorkId);
            e.HasOne<Work>().WithMany().HasForeignKey(x => x.WorkId);
        });
        modelBuilder.Entity<Registration>(e =>
        {
            e.Property(x => x.State).HasConversion<string>();
            e.HasIndex(x => x.WorkId);
            e.HasIndex(x => x.State);
            e.HasIndex(x => x.CertificateNumber).IsUnique();
            e.HasIndex(x => x.CertificatePdfSha256);
            e.HasOne<Work>().WithMany().HasForeignKey(x => x.WorkId);
        });
        modelBuilder.Entity<Upload>(e =>
        {
            e.HasIndex(x => x.OrganizationId);
            e.HasIndex(x => x.ExpiresAt);
            e.HasOne<Organization>().WithMany().HasForeignKey(x => x.OrganizationId);
        });
        modelBuilder.Entity<Monitoring.AuthorizedChannel>(e =>
        {
            e.Property(x => x.Kind).HasConversion<string>();
            e.HasIndex(x => x.OrganizationId);
            e.HasOne<Organization>().WithMany().HasForeignKey(x => x.OrganizationId);
            e.HasOne<Work>().WithMany().HasForeignKey(x => x.WorkId);
        });
        modelBuilder.Entity<Monitoring.MonitoringTask>(e =>
        {
            e.HasIndex(x => x.OrganizationId);
            e.HasIndex(x => x.NextRunAt);
            e.HasOne<Organization>().WithMany().HasForeignKey(x => x.OrganizationId);
        });
        modelBuilder.Entity<Monitoring.MonitoringHit>(e =>
        {
            e.Property(x => x.Class).HasConversion<string>();
            e.HasIndex(x => new { x.OrganizationId, x.Source, x.EpisodeId }).IsUnique();
            e.HasIndex(x => x.WorkId);
            e.HasOne<Organization>().WithMany().HasForeignKey(x => x.OrganizationId);
            e.HasOne<Monitoring.MonitoringTask>().WithMany().HasForeignKey(x => x.TaskId);
        });
        modelBuilder.Entity<Monitoring.MonitoringFailure>(e =>
        {
            e.HasIndex(x => x.TaskId);
            e.HasOne<Monitoring.MonitoringTask>().WithMany().HasForeignKey(x => x.TaskId);
        });
        modelBuilder.Entity<Evidence.EvidenceBundle>(e =>
        {
            e.Property(x => x.State).HasConversion<string>();
            e.HasIndex(x => x.OrganizationId);
            e.HasIndex(x => x.HitId);
            e.HasOne<Organization>().WithMany().HasForeignKey(x => x.OrganizationId);
            e.HasOne<Monitoring.MonitoringHit>().WithMany().HasForeignKey(x => x.HitId);
        });
        modelBuilder.Entity<Job>(e =>
        {
            e.Property(x => x.State).HasConversion<string>();
            e.HasIndex(x => new { x.State, x.RunAfter });
        });
    }
}
