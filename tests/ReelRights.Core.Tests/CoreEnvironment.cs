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
    private readonly ServiceProvider services;
    private readonly AsyncServiceScope scope;
    private readonly string blobRoot;

    private CoreEnvironment(TestDatabase database, ServiceProvider services, string blobRoot)
    {
        this.database = database;
        this.services = services;
        this.blobRoot = blobRoot;
        scope = services.CreateAsyncScope();
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
        collection.AddSingleton<ISecretProtector, TestSecretProtector>();
        CoreEnvironment? env = null;
        collection.AddSingleton<TimeProvider>(_ => env!.Time);
        env = new CoreEnvironment(database, collection.BuildServiceProvider(), blobRoot);
        await env.Get<Data.MigrationRunner>().MigrateAsync(CancellationToken.None);
        await env.Get<LedgerKeyring>().EnsureInitializedAsync(env.Get<Data.ReelRightsDbContext>(), CancellationToken.None);
        return env;
    }

    public T Get<T>() where T : notnull => scope.ServiceProvider.GetRequiredService<T>();

    public TestDatabase Database => database;

    /// <summary>A new scope (a new DbContext), as a separate request would have.</summary>
    public AsyncServiceScope NewScope() => services.CreateAsyncScope();

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
