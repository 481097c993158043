using System.Data.Common;
using Microsoft.EntityFrameworkCore;

namespace ReelRights.Core.Data;

/// <summary>One storage engine: how to configure EF Core for it and which migrations build its schema.</summary>
public interface IDatabaseProvider
{
    /// <summary>Name used in configuration (<c>Database:Provider</c>).</summary>
    string Name { get; }

    void Configure(DbContextOptionsBuilder builder, string connectionString);

    IReadOnlyList<SqlMigration> Migrations { get; }

    /// <summary>SQL for the bookkeeping table of applied migrations.</summary>
    string CreateHistoryTableSql { get; }

    /// <summary>
    /// Reads the ledger's state row (origin and tree_size only: the row also holds the protected
    /// TSA key, too large to read on every commit) so that no other transaction can append until
    /// this one ends (PostgreSQL: <c>FOR UPDATE</c>; SQLite transactions already hold the one write lock).
    /// </summary>
    string LockLedgerStateSql { get; }

    /// <summary>
    /// Rows per INSERT statement for bulk writes. SQLite runs in process, so one prepared
    /// single-row statement re-executed is fastest (binding hundreds of named parameters in one
    /// statement costs more than the row writes); PostgreSQL saves round trips with many rows.
    /// </summary>
    int RowsPerInsert { get; }

    /// <summary>A Guid as this provider's EF Core mapping stores it (for hand-written commands).</summary>
    object GuidValue(Guid value);

    /// <summary>Takes whatever lock keeps two processes from migrating at once; disposed to release it.</summary>
    Task<IAsyncDisposable> LockForMigrationAsync(DbConnection connection, CancellationToken cancellationToken);
}
