using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using ReelRights.Core.Data;

namespace ReelRights.Data.Sqlite;

/// <summary>The embedded default store: one SQLite file in write-ahead-log mode.</summary>
public sealed class SqliteDatabaseProvider : IDatabaseProvider
{
    private static readonly Lazy<IReadOnlyList<SqlMigration>> LoadedMigrations =
        new(() => SqlMigration.FromResources(typeof(SqliteDatabaseProvider).Assembly, "sqlite"));

    public string Name => "Sqlite";

    public IReadOnlyList<SqlMigration> Migrations => LoadedMigrations.Value;

    public int RowsPerInsert => 1;

    public string LockLedgerStateSql => "SELECT origin, tree_size FROM ledger_states WHERE id = 1";

    public string CreateHistoryTableSql =>
        "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER NOT NULL PRIMARY KEY, name TEXT NOT NULL, checksum TEXT NOT NULL, applied_at TEXT NOT NULL)";

    // EF Core's SQLite provider stores Guids as upper-case TEXT.
    public object GuidValue(Guid value) => value.ToString().ToUpperInvariant();

    public void Configure(DbContextOptionsBuilder builder, string connectionString)
    {
        var csb = new SqliteConnectionStringBuilder(connectionString)
        {
            // Waits for another writer instead of failing with SQLITE_BUSY at once.
            DefaultTimeout = 30,
            ForeignKeys = true,
        };
        builder.UseSqlite(csb.ToString());
    }

    public async Task<IAsyncDisposable> LockForMigrationAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        // WAL lets readers continue while one writer commits; it is a property of the file, so
        // setting it once here is enough. Migrations then serialize on SQLite's own write lock.
        await using var cmd = connection.CreateCommand();
        cmd.CommandText = "PRAGMA journal_mode=WAL;";
        await cmd.ExecuteNonQueryAsync(cancellationToken);
        return NoLock.Instance;
    }

    private sealed class NoLock : IAsyncDisposable
    {
        public static readonly NoLock Instance = new();

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
