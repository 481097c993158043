using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using ReelRights.Core.Data;
using ReelRights.Data.Postgres;
using ReelRights.Data.Sqlite;

namespace ReelRights.Testing;

/// <summary>
/// A fresh, empty database on one provider, dropped on dispose. Each test makes its own, so no
/// test depends on rows another created. PostgreSQL comes from <c>REELRIGHTS_TEST_POSTGRES</c>,
/// which ./test.sh sets after starting a server on loopback; without it the test fails loudly.
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    public const string PostgresVariable = "REELRIGHTS_TEST_POSTGRES";

    private readonly string? sqliteDirectory;
    private readonly string? postgresAdmin;
    private readonly string? postgresName;

    private TestDatabase(IDatabaseProvider provider, string connectionString, string? sqliteDirectory, string? postgresAdmin, string? postgresName)
    {
        Provider = provider;
        ConnectionString = connectionString;
        this.sqliteDirectory = sqliteDirectory;
        this.postgresAdmin = postgresAdmin;
        this.postgresName = postgresName;
    }

    public IDatabaseProvider Provider { get; }
    public string ConnectionString { get; }
    public string ProviderName => Provider.Name;

    public static async Task<TestDatabase> CreateAsync(string provider)
    {
        switch (provider)
        {
            case "Sqlite":
                var dir = Directory.CreateTempSubdirectory("rr-sqlite-").FullName;
                return new TestDatabase(new SqliteDatabaseProvider(), $"Data Source={Path.Combine(dir, "test.db")}", dir, null, null);
            case "Postgres":
                var admin = Environment.GetEnvironmentVariable(PostgresVariable);
                if (string.IsNullOrWhiteSpace(admin))
                {
                    throw new InvalidOperationException(
                        $"{PostgresVariable} is not set: PostgreSQL tests need a server. Run ./test.sh, which starts one on 127.0.0.1.");
                }
                var name = "rr_test_" + Guid.NewGuid().ToString("N");
                await using (var conn = new NpgsqlConnection(admin))
                {
                    await conn.OpenAsync();
                    await using var cmd = new NpgsqlCommand($"CREATE DATABASE {name}", conn);
                    await cmd.ExecuteNonQueryAsync();
                }
                var csb = new NpgsqlConnectionStringBuilder(admin) { Database = name };
                return new TestDatabase(new PostgresDatabaseProvider(), csb.ToString(), null, admin, name);
            default:
                throw new ArgumentOutOfRangeException(nameof(provider), provider, "Sqlite or Postgres");
        }
    }

    /// <summary>A context on this database (not yet migrated).</summary>
    public ReelRightsDbContext NewContext()
    {
        var builder = new DbContextOptionsBuilder<ReelRightsDbContext>();
        Provider.Configure(builder, ConnectionString);
        return new ReelRightsDbContext(builder.Options);
    }

    /// <summary>A context on this database with every migration applied.</summary>
    public async Task<ReelRightsDbContext> NewMigratedContextAsync(TimeProvider? time = null)
    {
        var db = NewContext();
        await new MigrationRunner(db, Provider, time ?? TimeProvider.System, NullLogger<MigrationRunner>.Instance)
            .MigrateAsync(CancellationToken.None);
        return db;
    }

    public async ValueTask DisposeAsync()
    {
        if (sqliteDirectory is not null)
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try
            {
                Directory.Delete(sqliteDirectory, recursive: true);
            }
            catch (IOException)
            {
                // A temp folder left behind is harmless.
            }
        }
        if (postgresAdmin is not null)
        {
            NpgsqlConnection.ClearAllPools();
            await using var conn = new NpgsqlConnection(postgresAdmin);
            await conn.OpenAsync();
            await using var cmd = new NpgsqlCommand($"DROP DATABASE IF EXISTS {postgresName} WITH (FORCE)", conn);
            await cmd.ExecuteNonQueryAsync();
        }
    }
}
