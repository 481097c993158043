using Microsoft.EntityFrameworkCore;
using ReelRights.Core.Accounts;
using ReelRights.Core.Auditing;
using ReelRights.Core.Jobs;
using ReelRights.Core.Ledger;
using ReelRights.Core.Works;

namespace ReelRights.Core.Data;

/// <summary>
/// The one DbContext. The schema itself is created by hand-written SQL migrations per provider
/// (docs/adr/0001-storage-providers.md); this model must agree with them, which the data tests
/// check on every provider.
/// </summary>
public sealed class ReelRightsDbContext(DbContextOptions<ReelRightsDbContext> options) : DbContext(options)
{
    public DbSet<Organization> Organizations => Set<Organization>();
    public DbSet<User> Users => Set<User>();
    public DbSet<ApiKey> ApiKeys => Set<ApiKey>();
    public DbSet<Invitation> Invitations => Set<Invitation>();
    public DbSet<AuditEvent> AuditEvents => Set<AuditEvent>();
    public DbSet<LedgerState> LedgerStates => Set<LedgerState>();
    public DbSet<LedgerEntry> LedgerEntries => Set<LedgerEntry>();
    public DbSet<LedgerNode> LedgerNodes => Set<LedgerNode>();
    public DbSet<LedgerCheckpoint> LedgerCheckpoints => Set<LedgerCheckpoint>();
    public DbSet<LedgerKey> LedgerKeys => Set<LedgerKey>();
    public DbSet<Work> Works => Set<Work>();
    public DbSet<Episode> Episodes => Set<Episode>();
    public DbSet<WorkRight> WorkRights => Set<WorkRight>();
    public DbSet<WorkDocument> WorkDocuments => Set<WorkDocument>();
    public DbSet<Registration> Registrations => Set<Registration>();
    public DbSet<Job> Jobs => Set<Job>();
    public DbSet<Upload> Uploads => Set<Upload>();
    public DbSet<Monitoring.AuthorizedChannel> AuthorizedChannels => Set<Monitoring.AuthorizedChannel>();
    public DbSet<Monitoring.MonitoringTask> MonitoringTasks => Set<Monitoring.MonitoringTask>();
    public DbSet<Monitoring.MonitoringHit> MonitoringHits => Set<Monitoring.MonitoringHit>();
    public DbSet<Monitoring.MonitoringFailure> MonitoringFailures => Set<Monitoring.MonitoringFailure>();
    public DbSet<Evidence.EvidenceBundle> EvidenceBundles => Set<Evidence.EvidenceBundle>();
    public DbSet<Notifications.Notification> Notifications => Set<Notifications.Notification>();
    public DbSet<Cases.EnforcementCase> Cases => Set<Cases.EnforcementCase>();
    public DbSet<Cases.CaseLocation> CaseLocations => Set<Cases.CaseLocation>();
    public DbSet<Cases.CaseEvent> CaseEvents => Set<Cases.CaseEvent>();
    public DbSet<Cases.CaseDeadline> CaseDeadlines => Set<Cases.CaseDeadline>();
    public DbSet<Cases.PlatformCasePolicy> PlatformCasePolicies => Set<Cases.PlatformCasePolicy>();
    public DbSet<Mail.OutgoingMail> OutgoingMails => Set<Mail.OutgoingMail>();
    public DbSet<Cases.Delivery.PlatformWebhook> PlatformWebhooks => Set<Cases.Delivery.PlatformWebhook>();
    public DbSet<Cases.Delivery.WebhookDelivery> WebhookDeliveries => Set<Cases.Delivery.WebhookDelivery>();
    public DbSet<Cases.Delivery.WebhookAttempt> WebhookAttempts => Set<Cases.Delivery.WebhookAttempt>();
    public DbSet<Cases.Mediation.MediationSession> CaseSessions => Set<Cases.Mediation.MediationSession>();
    public DbSet<Cases.Mediation.CaseMessage> CaseMessages => Set<Cases.Mediation.CaseMessage>();
    public DbSet<Cases.Mediation.SettlementProposal> SettlementProposals => Set<Cases.Mediation.SettlementProposal>();
    public DbSet<Cases.Mediation.SettlementAgreement> SettlementAgreements => Set<Cases.Mediation.SettlementAgreement>();
    public DbSet<Cases.Mediation.AgreementSignature> AgreementSignatures => Set<Cases.Mediation.AgreementSignature>();
    public DbSet<Licensing.LicenseListing> LicenseListings => Set<Licensing.LicenseListing>();
    public DbSet<Licensing.LicenseDeal> LicenseDeals => Set<Licensing.LicenseDeal>();
    public DbSet<Licensing.DealVersion> DealVersions => Set<Licensing.DealVersion>();
    public DbSet<Licensing.DealSignature> DealSignatures => Set<Licensing.DealSignature>();
    public DbSet<Licensing.License> Licenses => Set<Licensing.License>();
    public DbSet<Licensing.LicenseEvent> LicenseEvents => Set<Licensing.LicenseEvent>();
    public DbSet<Licensing.WorkLicensingLock> WorkLicensingLocks => Set<Licensing.WorkLicensingLock>();
    public DbSet<Licensing.LicenseChannel> LicenseChannels => Set<Licensing.LicenseChannel>();
    public DbSet<Licensing.LicenseAmendment> LicenseAmendments => Set<Licensing.LicenseAmendment>();
    public DbSet<Licensing.Royalties.UsageImport> UsageImports => Set<Licensing.Royalties.UsageImport>();
    public DbSet<Licensing.Royalties.UsageLine> UsageLines => Set<Licensing.Royalties.UsageLine>();
    public DbSet<Licensing.Royalties.RoyaltyStatement> RoyaltyStatements => Set<Licensing.Royalties.RoyaltyStatement>();
    public DbSet<Licensing.Royalties.RoyaltyPayment> RoyaltyPayments => Set<Licensing.Royalties.RoyaltyPayment>();
    public DbSet<Finance.ValuationProfile> ValuationProfiles => Set<Finance.ValuationProfile>();
    public DbSet<Finance.ValuationReport> ValuationReports => Set<Finance.ValuationReport>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Organization>(e =>
        {
            e.Property(o => o.Kind).HasConversion<string>();
        });
        modelBuilder.Entity<User>(e =>
        {
            e.HasIndex(u => u.Email).IsUnique();
            e.HasIndex(u => u.OrganizationId);
            e.HasOne<Organization>().WithMany().HasForeignKey(u => u.OrganizationId);
        });
        modelBuilder.Entity<ApiKey>(e =>
        {
            e.HasIndex(k => k.Prefix).IsUnique();
            e.HasIndex(k => k.OrganizationId);
            e.HasOne<Organization>().WithMany().HasForeignKey(k => k.OrganizationId);
        });
        modelBuilder.Entity<Invitation>(e =>
        {
            e.HasIndex(i => i.TokenHash).IsUnique();
            // Declared so EF orders inserts (organization before invitation) within one SaveChanges.
            e.HasOne<Organization>().WithMany().HasForeignKey(i => i.OrganizationId);
        });
        modelBuilder.Entity<AuditEvent>(e => e.HasIndex(a => new { a.OrganizationId, a.At }));
        modelBuilder.Entity<Notifications.Notification>(e =>
        {
            // The SQL also has a partial index on unread rows (ix_notifications_unread) for the header badge.
            e.HasIndex(n => new { n.OrganizationId, n.CreatedAt });
            e.HasOne<Organization>().WithMany().HasForeignKey(n => n.OrganizationId);
        });
        LedgerModel.Configure(modelBuilder);
        WorksModel.Configure(modelBuilder);
        ReelRights.Core.Cases.CasesModel.Configure(modelBuilder);
        ReelRights.Core.Mail.MailModel.Configure(modelBuilder);
        ReelRights.Core.Licensing.LicensingModel.Configure(modelBuilder);
        ReelRights.Core.Finance.FinanceModel.Configure(modelBuilder);
        SnakeCaseNaming.Apply(modelBuilder);
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // Every timestamp is UTC: SQLite returns Kind=Unspecified, so restore the kind on read.
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
    }
}
