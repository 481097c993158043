using System.Data.Common;
using System.Text;
using ReelRights.Core.Data;

namespace ReelRights.Core.Ledger;

/// <summary>
/// Writes a batch's rows with multi-row INSERTs on the transaction's connection: EF Core's
/// change tracking costs more than the database itself at thousands of appends a second.
/// Column values are bound exactly as EF Core stores them, so EF reads them back unchanged.
/// </summary>
internal sealed class LedgerBatchWriter(DbConnection connection, DbTransaction transaction, IDatabaseProvider provider)
{
    // Well under SQLite's 32,766 and PostgreSQL's 65,535 bound-parameter limits.
    private const int MaxParametersPerStatement = 4000;

    /// <summary>Locks the log's state row (a no-op under SQLite's single writer) and reads origin and size.</summary>
    public async Task<(string Origin, long TreeSize)> LockStateAsync()
    {
        await using var cmd = connection.CreateCommand();
        cmd.Transaction = transaction;
        cmd.CommandText = provider.LockLedgerStateSql;
        await using var reader = await cmd.ExecuteReaderAsync();
        if (!await reader.ReadAsync())
        {
            throw new InvalidOperationException("The ledger has not been initialized.");
        }
        return (reader.GetString(reader.GetOrdinal("origin")), reader.GetInt64(reader.GetOrdinal("tree_size")));
    }

    /// <summary>Inserts entry rows (into <paramref name="table"/>: the benchmark's baseline uses a copy of the table).</summary>
    public Task InsertEntriesAsync(IReadOnlyList<LedgerEntry> entries, string table = "ledger_entries") =>
        InsertAsync(table, ["leaf_index", "leaf_hash", "data", "record_type", "organization_id", "timestamp_token", "created_at"],
            entries.Select(e => new object?[]
            {
                e.LeafIndex, e.LeafHash, e.Data, e.RecordType,
                e.OrganizationId is { } org ? provider.GuidValue(org) : null, e.TimestampToken, e.CreatedAt,
            }).ToList());

    public Task InsertNodesAsync(IEnumerable<LedgerNode> nodes) =>
        InsertAsync("ledger_nodes", ["level", "node_index", "hash"],
            nodes.Select(n => new object?[] { n.Level, n.NodeIndex, n.Hash }).ToList());

    public async Task InsertCheckpointAndSetSizeAsync(LedgerCheckpoint checkpoint)
    {
        await InsertAsync("ledger_checkpoints", ["tree_size", "root_hash", "note", "created_at"],
            [[checkpoint.TreeSize, checkpoint.RootHash, checkpoint.Note, checkpoint.CreatedAt]]);
        await using var cmd = connection.CreateCommand();
        cmd.Transaction = transaction;
        cmd.CommandText = "UPDATE ledger_states SET tree_size = @size WHERE id = 1";
        cmd.AddParameter("@size", checkpoint.TreeSize);
        await cmd.ExecuteNonQueryAsync();
    }

    private async Task InsertAsync(string table, string[] columns, IReadOnlyList<object?[]> rows)
    {
        var perStatement = Math.Clamp(provider.RowsPerInsert, 1, MaxParametersPerStatement / columns.Length);
        DbCommand? full = null;
        try
        {
            for (var start = 0; start < rows.Count; start += perStatement)
            {
                var count = Math.Min(perStatement, rows.Count - start);
                // Full-size chunks share one prepared command; only the values change.
                var cmd = count == perStatement ? full ??= Prepare(table, columns, count) : Prepare(table, columns, count);
                try
                {
                    for (var r = 0; r < count; r++)
                    {
                        for (var c = 0; c < columns.Length; c++)
                        {
                            cmd.Parameters[r * columns.Length + c].Value = rows[start + r][c] ?? DBNull.Value;
                        }
                    }
                    await cmd.ExecuteNonQueryAsync();
                }
                finally
                {
                    if (cmd != full)
                    {
                        await cmd.DisposeAsync();
                    }
                }
            }
        }
        finally
        {
            if (full is not null)
            {
                await full.DisposeAsync();
            }
        }
    }

    private DbCommand Prepare(string table, string[] columns, int count)
    {
        var cmd = connection.CreateCommand();
        cmd.Transaction = transaction;
        var sql = new StringBuilder($"INSERT INTO {table} ({string.Join(", ", columns)}) VALUES ");
        for (var r = 0; r < count; r++)
        {
            sql.Append(r == 0 ? "(" : ", (");
            for (var c = 0; c < columns.Length; c++)
            {
                var name = $"@p{r}_{c}";
                sql.Append(c == 0 ? name : ", " + name);
                cmd.AddParameter(name, DBNull.Value);
            }
            sql.Append(')');
        }
        cmd.CommandText = sql.ToString();
        return cmd;
    }
}
