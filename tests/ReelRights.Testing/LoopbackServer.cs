using System.Net.Http.Headers;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using ReelRights.Core.Accounts;
using ReelRights.Server;

namespace ReelRights.Testing;

/// <summary>
/// The real server (Kestrel, the real pipeline and limits) on 127.0.0.1 with a free port, on a
/// fresh database of the given provider and its own data folder. Intent methods set up tenants
/// through the same services the API uses.
/// </summary>
public sealed class LoopbackServer : IAsyncDisposable
{
    public const string OperatorEmail = "operator@reelrights.test";
    public const string Password = "correct horse battery";

    private readonly WebApplication app;
    private readonly TestDatabase database;
    private readonly string dataDirectory;

    private LoopbackServer(WebApplication app, TestDatabase database, string dataDirectory, Uri baseAddress, string? setupToken)
    {
        SetupToken = setupToken;
        this.app = app;
        this.database = database;
        this.dataDirectory = dataDirectory;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    /// <summary>The first-run setup token, when no operator account was configured.</summary>
    public string? SetupToken { get; }
    public IServiceProvider Services => app.Services;
    public string ProviderName => database.ProviderName;
    public string ConnectionString => database.ConnectionString;
    public string DataDirectory => dataDirectory;

    /// <summary>Environment for a <c>reelrights</c> process that should act on this server's database and keys.</summary>
    public Dictionary<string, string> CliEnvironment() => new()
    {
        ["REELRIGHTS_Database__Provider"] = database.ProviderName,
        ["REELRIGHTS_Database__ConnectionString"] = database.ConnectionString,
        ["REELRIGHTS_ReelRights__DataDirectory"] = dataDirectory,
    };

    public static async Task<LoopbackServer> StartAsync(string provider, IDictionary<string, string?>? settings = null)
    {
        var database = await TestDatabase.CreateAsync(provider);
        var dataDirectory = Directory.CreateTempSubdirectory("rr-server-").FullName;
        var config = new Dictionary<string, string?>
        {
            ["ReelRights:DataDirectory"] = dataDirectory,
            ["Database:Provider"] = database.ProviderName,
            ["Database:ConnectionString"] = database.ConnectionString,
            // Far below production cost: the tests exercise the logic, not the KDF's strength.
            ["Accounts:Pbkdf2Iterations"] = "1000",
            ["Bootstrap:OperatorEmail"] = OperatorEmail,
            ["Bootstrap:OperatorPassword"] = Password,
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            config[key] = value;
        }
        var app = ServerApp.Build(["--urls=http://127.0.0.1:0"], b => b.Configuration.AddInMemoryCollection(config));
        var bootstrap = await ServerApp.InitializeAsync(app.Services, CancellationToken.None);
        await app.StartAsync();
        return new LoopbackServer(app, database, dataDirectory, new Uri(app.Urls.First()), bootstrap.SetupToken);
    }

    public HttpClient CreateClient(string? apiKey = null)
    {
        var client = new HttpClient { BaseAddress = BaseAddress };
        if (apiKey is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
        }
        return client;
    }

    /// <summary>Creates an organization with an admin user (password <see cref="Password"/>) and an API key holding every permission the admin has.</summary>
    public async Task<TestTenant> CreateTenantAsync(string name, OrganizationKind kind = OrganizationKind.RightsHolder)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var sp = scope.ServiceProvider;
        var org = await sp.GetRequiredService<OrganizationService>()
            .CreateAsync(Actor.System(Guid.Empty, OrganizationKind.Operator), name, kind, CancellationToken.None);
        var email = $"admin-{Guid.NewGuid():N}@{kind.ToString().ToLowerInvariant()}.test";
        var user = await sp.GetRequiredService<UserService>()
            .CreateAsync(Actor.System(org.Id, kind), org.Id, email, name + " admin", Password, true, CancellationToken.None);
        var permissions = Permissions.ForUser(kind, isAdmin: true);
        var key = await sp.GetRequiredService<ApiKeyService>()
            .CreateAsync(new Actor(org.Id, kind, user.Id, null, permissions), "test key", permissions, CancellationToken.None);
        return new TestTenant(org, user, key.Secret);
    }

    /// <summary>Creates another key for a tenant with only the given permissions.</summary>
    public async Task<IssuedApiKey> CreateKeyAsync(TestTenant tenant, params string[] permissions)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var all = Permissions.ForUser(tenant.Organization.Kind, isAdmin: true);
        return await scope.ServiceProvider.GetRequiredService<ApiKeyService>()
            .CreateAsync(new Actor(tenant.Organization.Id, tenant.Organization.Kind, tenant.Admin.Id, null, all), "limited", permissions, CancellationToken.None);
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
        await database.DisposeAsync();
        try
        {
            Directory.Delete(dataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A temp folder left behind is harmless.
        }
    }
}
