using ReelRights.Server.Api.Monitoring;
using ReelRights.Server.Api.Cases;
using ReelRights.Server.Api.Notifications;
using ReelRights.Server.Api.Works;
using ReelRights.Core.Works;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;
using ReelRights.Core;
using ReelRights.Core.Accounts;
using ReelRights.Core.Data;
using ReelRights.Server.Api;
using ReelRights.Server.Api.Accounts;
using ReelRights.Server.Api.Ledger;
using ReelRights.Core.Ledger;
using ReelRights.Server.Auth;
using ReelRights.Server.Hosting;
using ReelRights.Server.Web;

namespace ReelRights.Server;

/// <summary>Builds and runs the one ASP.NET Core host: API, web UI and (later) workers.</summary>
public static class ServerApp
{
    /// <summary>Builds the app; <paramref name="configure"/> lets tests and the CLI adjust the builder.</summary>
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args,
            ApplicationName = typeof(ServerApp).Assembly.GetName().Name,
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.Configuration.AddEnvironmentVariables("REELRIGHTS_");
        configure?.Invoke(builder);

        var options = builder.Configuration.GetSection(ReelRightsOptions.Section).Get<ReelRightsOptions>() ?? new ReelRightsOptions();
        builder.Services.AddOptions<ReelRightsOptions>().Bind(builder.Configuration.GetSection(ReelRightsOptions.Section))
            .ValidateDataAnnotations().ValidateOnStart();
        var dataDir = options.FullDataDirectory;
        Directory.CreateDirectory(dataDir);
        var dbOptions = builder.Configuration.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>() ?? new DatabaseOptions();
        var (provider, connectionString) = DatabaseSetup.Resolve(dbOptions, dataDir);

        if (string.IsNullOrEmpty(builder.Configuration["urls"]) && string.IsNullOrEmpty(builder.Configuration["ASPNETCORE_URLS"]))
        {
            builder.WebHost.UseUrls(ReelRightsOptions.DefaultUrl);
        }
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.Limits.MaxRequestBodySize = options.MaxRequestBodyBytes;
            // Kestrel answers a request line over its limit with an empty 414; it gets more room so
            // RequestTargetLimit can refuse long targets with a problem body instead.
            k.Limits.MaxRequestLineSize = RequestTargetLimit.KestrelLineLimit;
        });
        // Logs go to stderr so stdout stays clean for what commands print (JSON, the URL).
        builder.Logging.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        builder.Logging.AddSimpleConsole(o =>
        {
            o.SingleLine = true;
            o.TimestampFormat = "HH:mm:ss ";
            o.UseUtcTimestamp = true;
        });
        // Our RequestLogging writes one line per request; the framework's own lines would repeat it.
        builder.Logging.AddFilter("Microsoft.EntityFrameworkCore", LogLevel.Warning);
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);

        builder.Services.AddReelRightsCore(provider, connectionString, Path.Combine(dataDir, "blobs"));
        builder.Services.Configure<AccountOptions>(builder.Configuration.GetSection(AccountOptions.Section));
        builder.Services.Configure<BootstrapOptions>(builder.Configuration.GetSection(BootstrapOptions.Section));
        builder.Services.Configure<LedgerOptions>(builder.Configuration.GetSection(LedgerOptions.Section));
        builder.Services.Configure<RegistrationOptions>(builder.Configuration.GetSection("Registration"));
        builder.Services.Configure<JobOptions>(builder.Configuration.GetSection(JobOptions.Section));
        builder.Services.Configure<ReelRights.Core.Mail.MailOptions>(builder.Configuration.GetSection(ReelRights.Core.Mail.MailOptions.Section));
        builder.Services.PostConfigure<ReelRights.Core.Mail.MailOptions>(o => o.OutboxDirectory ??= Path.Combine(dataDir, "outbox"));
        builder.Services.Configure<ReelRights.Core.Cases.CaseOptions>(builder.Configuration.GetSection(ReelRights.Core.Cases.CaseOptions.Section));
        builder.Services.Configure<ReelRights.Core.Monitoring.MonitoringOptions>(builder.Configuration.GetSection("Monitoring"));
        builder.Services.Configure<ReelRights.Core.Monitoring.FetchOptions>(builder.Configuration.GetSection("Monitoring:Fetch"));
        builder.Services.Configure<ReelRights.Core.Certificates.ChromiumOptions>(builder.Configuration.GetSection(ReelRights.Core.Certificates.ChromiumOptions.Section));
        builder.Services.Configure<ReelRights.Core.Evidence.ScreenshotOptions>(builder.Configuration.GetSection(ReelRights.Core.Evidence.ScreenshotOptions.Section));
        builder.Services.AddHostedService<JobWorker>();
        builder.Services.AddSingleton<ISecretProtector, DataProtectionSecretProtector>();
        builder.Services.AddDataProtection()
            .SetApplicationName("ReelRights")
            .PersistKeysToFileSystem(new DirectoryInfo(Path.Combine(dataDir, "keys")));
        builder.Services.AddReelRightsProblems();
        builder.Services.AddReelRightsAuth();
        builder.Services.AddApiDocs();
        builder.Services.AddWebUi();
        builder.Services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database");

        var app = builder.Build();
        app.UseMiddleware<RequestLogging>();
        app.UseExceptionHandler();
        app.UseMiddleware<RequestTargetLimit>();
        // The API and the tlog-tiles tree are read by programs: their errors are problem+json.
        app.UseWhen(IsMachineReadable, api => api.UseStatusCodePages());
        app.UseWhen(c => !IsMachineReadable(c), web => web.UseStatusCodePagesWithReExecute("/status/{0}"));
        // Routing after the status-code pages, so a re-executed request is routed to /status/{code}.
        app.UseRouting();
        app.UseAuthentication();
        app.UseAuthorization();

        app.MapApiDocs();
        app.MapHealthChecks("/healthz").AllowAnonymous();
        var api = app.MapGroup("/api").RequireAuthorization().MapAccountsApi();
        app.MapLedgerApi(api);
        api.MapWorksApi(app);
        api.MapMonitoringApi();
        api.MapNotificationsApi();
        api.MapCasesApi(app);
        api.MapMediationApi(app);
        api.MapWebhookApi();
        ReelRights.Server.Api.Licensing.LicensingApi.MapLicensingApi(api);
        ReelRights.Server.Api.Licensing.RoyaltiesApi.MapRoyaltiesApi(api);
        ReelRights.Server.Api.Licensing.AmendmentsApi.MapAmendmentsApi(api);
        ReelRights.Server.Api.Finance.ValuationApi.MapValuationApi(api);
        app.MapTileApi();
        app.MapWebUi();
        return app;
    }

    private static bool IsMachineReadable(HttpContext context) =>
        context.Request.Path.StartsWithSegments("/api") || context.Request.Path.StartsWithSegments("/ledger");

    /// <summary>Brings the database schema up to date and makes sure the ledger has its keys.</summary>
    public static async Task MigrateAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<MigrationRunner>().MigrateAsync(cancellationToken);
        await services.GetRequiredService<LedgerKeyring>()
            .EnsureInitializedAsync(scope.ServiceProvider.GetRequiredService<ReelRightsDbContext>(), cancellationToken);
    }

    /// <summary>Applies migrations and makes sure an operator can sign in (or a setup link exists).</summary>
    public static async Task<BootstrapResult> InitializeAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        await MigrateAsync(services, cancellationToken);
        await using var scope = services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<BootstrapService>().EnsureOperatorAsync(cancellationToken);
    }

    /// <summary>Initializes, starts, prints where the platform is and waits for shutdown.</summary>
    public static async Task<int> RunAsync(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        await using var app = Build(args, configure);
        var bootstrap = await InitializeAsync(app.Services, CancellationToken.None);
        await app.StartAsync();
        var url = app.Urls.FirstOrDefault() ?? ReelRightsOptions.DefaultUrl;
        var options = app.Services.GetRequiredService<IOptions<ReelRightsOptions>>().Value;
        Console.WriteLine($"ReelRights 短剧版权服务平台 已启动 / is running at {url}");
        Console.WriteLine($"数据目录 / data directory: {options.FullDataDirectory}");
        if (bootstrap.SetupToken is { } token)
        {
            Console.WriteLine($"首次使用：打开此一次性链接创建运营方管理员 / First run: open this one-time link to create the operator account:");
            Console.WriteLine($"  {url}/invite/{token}");
        }
        await app.WaitForShutdownAsync();
        return 0;
    }
}
