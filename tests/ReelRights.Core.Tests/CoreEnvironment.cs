using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ReelRights.Core;
using ReelRights.Core.Accounts;
using ReelRights.Core.Ledger;
using ReelRights.Testing;

namespace ReelRights.Core.Tests;

/// <summary>Core services on a fresh, migrated database of one provider, with a hand-moved clock.</summary>
internal sealed class CoreEnvironment : IAsyncDisposable
{
    private readonly TestDatabase database;
    private readonly string blobRoot;
    private Func<ServiceProvider> build = null!;
    private ServiceProvider services = null!;
    private AsyncServiceScope scope;

    private CoreEnvironment(TestDatabase database, string blobRoot)
    {
        this.database = database;
        this.blobRoot = blobRoot;
    }

    public ManualTimeProvider Time { get; } = new();

    public static async Task<CoreEnvironment> CreateAsync(string provider, Action<AccountOptions>? accounts = null, Action<BootstrapOptions>? bootstrap = null,
        Action<LedgerOptions>? ledger = null)
    {
        var database = await TestDatabase.CreateAsync(provider);
        var blobRoot = Directory.CreateTempSubdirectory("rr-core-blobs-").FullName;
        var collection = new ServiceCollection();
        collection.AddLogging(b => b.SetMinimumLevel(LogLevel.Warning));
        collection.AddReelRightsCore(database.Provider, database.ConnectionString, blobRoot);
        collection.Configure<AccountOptions>(o =>
        {
            o.Pbkdf2Iterations = 1000;
            accounts?.Invoke(o);
        });
        collection.Configure<BootstrapOptions>(o => bootstrap?.Invoke(o));
        collection.Configure<LedgerOptions>(o => ledger?.Invoke(o));
        // One key for the environment's life, as a server keeps its data-protection keys across restarts.
        collection.AddSingleton<ISecretProtector>(new TestSecretProtector());
        var env = new CoreEnvironment(database, blobRoot);
        collection.AddSingleton<TimeProvider>(_ => env.Time);
        env.build = collection.BuildServiceProvider;
        env.services = env.build();
        env.scope = env.services.CreateAsyncScope();
        await env.Get<Data.MigrationRunner>().MigrateAsync(CancellationToken.None);
        await env.Get<LedgerKeyring>().EnsureInitializedAsync(env.Get<Data.ReelRightsDbContext>(), CancellationToken.None);
        return env;
    }

    /// <summary>
    /// A process restart: every service (and whatever it held in memory) is dropped and built again
    /// on the same database and blob folder; the clock keeps its time.
    /// </summary>
    public async Task RestartAsync()
    {
        await scope.DisposeAsync();
        await services.DisposeAsync();
        services = build();
        scope = services.CreateAsyncScope();
    }

    public T Get<T>() where T : notnull => scope.ServiceProvider.GetRequiredService<T>();

    public TestDatabase Database => database;

    /// <summary>A new scope (a new DbContext), as a separate request would have.</summary>
    public AsyncServiceScope NewScope() => services.CreateAsyncScope();

    /// <summary>Claims and runs every due job of the given kinds, each in its own scope, as a worker would.</summary>
    public async Task RunDueJobsAsync(params string[] kinds)
    {
        while (true)
        {
            await using var scope = NewScope();
            var queue = scope.ServiceProvider.GetRequiredService<ReelRights.Core.Jobs.JobQueue>();
            var job = await queue.ClaimAsync("test-worker", kinds, CancellationToken.None);
            if (job is null)
            {
                return;
            }
            var handler = scope.ServiceProvider.GetServices<ReelRights.Core.Jobs.IJobHandler>().Single(h => h.Kind == job.Kind);
            await handler.RunAsync(job, _ => Task.CompletedTask, CancellationToken.None);
            await queue.CompleteAsync(job.Id, "test-worker", CancellationToken.None);
        }
    }

    public async Task<(Organization Org, Actor Admin)> CreateOrgAsync(string name, OrganizationKind kind = OrganizationKind.RightsHolder)
    {
        var org = await Get<OrganizationService>().CreateAsync(Actor.System(Guid.Empty, OrganizationKind.Operator), name, kind, CancellationToken.None);
        var user = await Get<UserService>().CreateAsync(Actor.System(org.Id, kind), org.Id, $"admin@{Guid.NewGuid():N}.test", "Admin", "admin password 1", true, CancellationToken.None);
        return (org, new Actor(org.Id, kind, user.Id, null, Permissions.ForUser(kind, true)));
    }

    public async ValueTask DisposeAsync()
    {
        await scope.DisposeAsync();
        await services.DisposeAsync();
        await database.DisposeAsync();
        Directory.Delete(blobRoot, recursive: true);
    }
}
