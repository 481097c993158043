using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using ReelRights.Core.Data;
using ReelRights.Ledger.Merkle;

namespace ReelRights.Core.Ledger;

/// <summary>
/// Complete-subtree hashes: level 0 (leaf hashes) from <c>ledger_entries</c>, higher levels from
/// <c>ledger_nodes</c>, one round trip per proof. Complete subtrees never change, so every hash
/// read is kept for the life of this source.
/// </summary>
internal sealed class DbMerkleHashSource(ReelRightsDbContext db) : IMerkleHashSource
{
    private readonly Dictionary<MerkleNodeId, byte[]> known = [];

    public async ValueTask<IReadOnlyList<ReadOnlyMemory<byte>>> GetNodeHashesAsync(IReadOnlyList<MerkleNodeId> nodes, CancellationToken cancellationToken)
    {
        var missing = nodes.Where(n => !known.ContainsKey(n)).Distinct().ToList();
        if (missing.Count > 0)
        {
            await LoadAsync(missing, cancellationToken);
        }
        return nodes.Select(n => (ReadOnlyMemory<byte>)(known.TryGetValue(n, out var hash)
            ? hash
            : throw new InvalidOperationException($"Ledger node {n} is missing; the log's storage is damaged."))).ToList();
    }

    /// <summary>
    /// One round trip for a whole proof (about log2 n primary-key lookups): a proof must cost
    /// well under a millisecond even at 10^7 entries.
    /// </summary>
    private static string BuildQuery(System.Data.Common.DbCommand cmd, List<MerkleNodeId> missing)
    {
        var leaves = missing.Where(n => n.Level == 0).ToList();
        var inner = missing.Where(n => n.Level > 0).ToList();
        var sql = new StringBuilder();
        if (leaves.Count > 0)
        {
            sql.Append("SELECT 0, leaf_index, leaf_hash FROM ledger_entries WHERE leaf_index IN (");
            for (var i = 0; i < leaves.Count; i++)
            {
                sql.Append(CultureInfo.InvariantCulture, $"{(i == 0 ? "" : ", ")}@e{i}");
                cmd.AddParameter($"@e{i}", leaves[i].Index);
            }
            sql.Append(')');
        }
        if (inner.Count > 0)
        {
            sql.Append(leaves.Count > 0 ? " UNION ALL " : "").Append("SELECT level, node_index, hash FROM ledger_nodes WHERE ");
            for (var i = 0; i < inner.Count; i++)
            {
                sql.Append(CultureInfo.InvariantCulture, $"{(i == 0 ? "" : " OR ")}(level = @l{i} AND node_index = @i{i})");
                cmd.AddParameter($"@l{i}", inner[i].Level);
                cmd.AddParameter($"@i{i}", inner[i].Index);
            }
        }
        return sql.ToString();
    }

    private async Task LoadAsync(List<MerkleNodeId> missing, CancellationToken cancellationToken)
    {
        var connection = db.Database.GetDbConnection();
        var opened = connection.State != System.Data.ConnectionState.Open;
        if (opened)
        {
            await connection.OpenAsync(cancellationToken);
        }
        try
        {
            await using var cmd = connection.CreateCommand();
            cmd.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
            cmd.CommandText = BuildQuery(cmd, missing);
            await using var reader = await cmd.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                known[new MerkleNodeId(Convert.ToInt32(reader.GetValue(0), CultureInfo.InvariantCulture), Convert.ToInt64(reader.GetValue(1), CultureInfo.InvariantCulture))]
                    = (byte[])reader.GetValue(2);
            }
        }
        finally
        {
            if (opened)
            {
                await connection.CloseAsync();
            }
        }
    }
}
