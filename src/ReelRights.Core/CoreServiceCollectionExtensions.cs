using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using ReelRights.Core.Accounts;
using ReelRights.Core.Auditing;
using ReelRights.Core.Blobs;
using ReelRights.Core.Data;
using ReelRights.Core.Ledger;
using Microsoft.Extensions.Options;

namespace ReelRights.Core;

public static class CoreServiceCollectionExtensions
{
    /// <summary>Registers the DbContext on the given provider, the blob store and the account services.</summary>
    public static IServiceCollection AddReelRightsCore(this IServiceCollection services, IDatabaseProvider provider,
        string connectionString, string blobRoot)
    {
        services.AddSingleton(provider);
        services.AddDbContext<ReelRightsDbContext>(o => provider.Configure(o, connectionString));
        services.AddSingleton<IBlobStore>(new FileSystemBlobStore(new BlobStoreOptions { Root = blobRoot }));
        services.AddSingleton(TimeProvider.System);
        services.AddScoped<MigrationRunner>();
        services.AddScoped<AuditLog>();
        services.AddScoped<Notifications.NotificationService>();
        services.AddScoped<OrganizationService>();
        services.AddScoped<UserService>();
        services.AddScoped<InvitationService>();
        services.AddScoped<ApiKeyService>();
        services.AddScoped<BootstrapService>();
        services.AddSingleton<LedgerKeyring>();
        services.AddSingleton<ITimestamper>(sp =>
            sp.GetRequiredService<IOptions<LedgerOptions>>().Value.TsaUrl is { } url
                ? new HttpTimestamper(url)
                : ActivatorUtilities.CreateInstance<LocalTimestamper>(sp));
        services.AddSingleton<LedgerAppender>();
        services.AddScoped<LedgerReader>();
        services.AddScoped<LedgerKeyRotation>();
        services.AddScoped<LedgerIntegrityCheck>();
        services.AddScoped<AttestationService>();
        services.AddSingleton(sp => new ReelRights.Media.FfmpegMedia());
        services.AddScoped<Jobs.JobQueue>();
        services.AddScoped<Works.WorkService>();
        services.AddScoped<Works.RegistrationService>();
        services.AddScoped<Works.RegistrationNotices>();
        services.AddSingleton<Works.RegistrationIndex>();
        services.AddScoped<Jobs.IJobHandler, Works.FingerprintEpisodeJob>();
        services.AddScoped<Jobs.IJobHandler, Works.CheckRegistrationJob>();
        services.AddOptions<Works.RegistrationOptions>();
        services.AddScoped<Works.CertificateService>();
        services.AddScoped<Works.VerificationService>();
        services.AddScoped<Works.UploadService>();
        services.AddScoped<Monitoring.ILicenseDirectory, Licensing.LicensedChannelDirectory>();
        services.AddScoped<Monitoring.ChannelService>();
        services.AddScoped<Monitoring.ScreeningService>();
        services.AddOptions<Monitoring.MonitoringOptions>();
        services.AddOptions<Monitoring.FetchOptions>().Validate(o =>
        {
            o.Hls.Validate();
            return true;
        }).ValidateOnStart();
        services.AddSingleton<Monitoring.SafeFetcher>();
        services.AddSingleton<Monitoring.Hls.HlsDownloader>();
        services.AddSingleton<Monitoring.MediaSourceFetcher>();
        services.AddScoped<Monitoring.MonitoringService>();
        services.AddScoped<Jobs.IJobHandler, Monitoring.MonitorScanJob>();
        services.AddOptions<Cases.CaseOptions>();
        services.AddSingleton(sp => Cases.Calendar.WorkdayCalendar.Load(sp.GetRequiredService<IOptions<Cases.CaseOptions>>().Value.CalendarFile));
        services.AddScoped<Cases.CaseService>();
        services.AddScoped<Cases.CaseMoves>();
        services.AddScoped<Cases.CaseSealer>();
        services.AddScoped<Cases.Notice.CaseNotices>();
        services.AddScoped<Cases.Notice.NoticeSender>();
        services.AddOptions<Mail.MailOptions>();
        services.AddScoped<Mail.MailQueue>();
        services.AddScoped<Jobs.IJobHandler, Mail.MailSendJob>();
        services.AddSingleton<Mail.OutboxMailTransport>();
        services.AddSingleton<Mail.MailStatus>();
        services.AddSingleton<Mail.SmtpMailTransport>();
        services.AddSingleton<Mail.IMailTransport>(sp => sp.GetRequiredService<IOptions<Mail.MailOptions>>().Value.UsesSmtp
            ? sp.GetRequiredService<Mail.SmtpMailTransport>()
            : sp.GetRequiredService<Mail.OutboxMailTransport>());
        services.AddScoped<Cases.Delivery.CaseWebhooks>();
        services.AddScoped<Jobs.IJobHandler, Cases.Delivery.WebhookDeliveryJob>();
        services.AddScoped<Cases.Mediation.MediationService>();
        services.AddScoped<Cases.Mediation.SettlementAgreements>();
        services.AddScoped<Cases.Mediation.JudicialPackageBuilder>();
        services.TryAddScoped<Cases.Mediation.ISettlementLicensing, Licensing.SettlementLicensing>();
        services.AddScoped<Jobs.IJobHandler, Cases.CaseClockJob>();
        services.AddScoped<Jobs.IJobHandler, Cases.CaseSealJob>();
        services.AddScoped<Jobs.IJobHandler, Cases.MeasureRecheckJob>();
        services.AddScoped<Licensing.ListingService>();
        services.AddScoped<Licensing.DealService>();
        services.AddScoped<Licensing.DealSigning>();
        services.AddScoped<Licensing.LicenseContracts>();
        services.AddScoped<Licensing.LicenseSealer>();
        services.AddScoped<Licensing.LicenseService>();
        services.AddScoped<Jobs.IJobHandler, Licensing.LicenseSealJob>();
        services.AddScoped<Licensing.LicenseChanges>();
        services.AddScoped<Licensing.LicenseAmendments>();
        services.AddScoped<Licensing.LicenseExpiryJob>();
        services.AddScoped<Jobs.IJobHandler>(sp => sp.GetRequiredService<Licensing.LicenseExpiryJob>());
        services.AddScoped<Licensing.Royalties.RoyaltyService>();
        services.AddScoped<Finance.SignalCollector>();
        services.AddScoped<Finance.MarketComparables>();
        services.AddScoped<Finance.ValuationService>();
        services.AddScoped<Jobs.IJobHandler, Finance.ValuationSealJob>();
        services.AddScoped<Licensing.LicenseReclassifyJob>();
        services.AddScoped<Jobs.IJobHandler>(sp => sp.GetRequiredService<Licensing.LicenseReclassifyJob>());
        services.AddScoped<Evidence.EvidenceService>();
        services.AddScoped<Jobs.IJobHandler, Evidence.CaptureEvidenceJob>();
        services.AddOptions<Evidence.ScreenshotOptions>().Validate(o =>
        {
            o.Validate();
            return true;
        }).ValidateOnStart();
        services.AddSingleton<Evidence.PageScreenshotter>();
        services.Configure<Works.UploadStorageOptions>(o => o.Directory = Path.Combine(blobRoot, "uploads"));
        services.AddSingleton<Certificates.ChromiumPdfRenderer>();
        services.AddOptions<Certificates.ChromiumOptions>();
        services.AddOptions<LedgerOptions>();
        services.AddOptions<AccountOptions>();
        services.AddOptions<BootstrapOptions>();
        return services;
    }
}
