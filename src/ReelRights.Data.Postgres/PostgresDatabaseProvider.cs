using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using ReelRights.Core.Data;

namespace ReelRights.Data.Postgres;

/// <summary>PostgreSQL, the system of record when several nodes share one database.</summary>
public sealed class PostgresDatabaseProvider : IDatabaseProvider
{
    // Arbitrary constant naming the migration lock among this database's advisory locks.
    private const long MigrationLockKey = 0x5265656C5269;

    private static readonly Lazy<IReadOnlyList<SqlMigration>> LoadedMigrations =
        new(() => SqlMigration.FromResources(typeof(PostgresDatabaseProvider).Assembly, "postgres"));

    public string Name => "Postgres";

    public IReadOnlyList<SqlMigration> Migrations => LoadedMigrations.Value;

    public int RowsPerInsert => 500;

    public string LockLedgerStateSql => "SELECT origin, tree_size FROM ledger_states WHERE id = 1 FOR UPDATE";

    public string CreateHistoryTableSql =>
        "CREATE TABLE IF NOT EXISTS schema_migrations (version integer NOT NULL PRIMARY KEY, name text NOT NULL, checksum text NOT NULL, applied_at text NOT NULL)";

    public object GuidValue(Guid value) => value;

    public void Configure(DbContextOptionsBuilder builder, string connectionString) =>
        builder.UseNpgsql(connectionString);

    public async Task<IAsyncDisposable> LockForMigrationAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        // Several nodes may start at once; a session-level advisory lock lets exactly one migrate.
        await using var cmd = connection.CreateCommand();
        cmd.CommandText = $"SELECT pg_advisory_lock({MigrationLockKey})";
        await cmd.ExecuteNonQueryAsync(cancellationToken);
        return new AdvisoryLock(connection);
    }

    private sealed class AdvisoryLock(DbConnection connection) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await using var cmd = connection.CreateCommand();
            cmd.CommandText = $"SELECT pg_advisory_unlock({MigrationLockKey})";
            await cmd.ExecuteNonQueryAsync();
        }
    }
}
