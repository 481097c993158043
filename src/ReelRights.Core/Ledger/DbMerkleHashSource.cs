using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using ReelRights.Core.Data;
using ReelRights.Ledger.Merkle;

namespace ReelRights.Core.Ledger;

/// <summary>
/// Complete-subtree hashes from <c>ledger_nodes</c>, one query per tree level asked for. Complete
/// subtrees never change, so every hash read is kept in <paramref name="cache"/> (which may also
/// hold the batch being appended, not yet committed): the proofs of one batch share most nodes.
/// </summary>
internal sealed class DbMerkleHashSource(ReelRightsDbContext db, Dictionary<MerkleNodeId, byte[]>? cache = null) : IMerkleHashSource
{
    private readonly Dictionary<MerkleNodeId, byte[]> known = cache ?? [];

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
            var sql = new StringBuilder("SELECT level, node_index, hash FROM ledger_nodes WHERE ");
            for (var i = 0; i < missing.Count; i++)
            {
                sql.Append(CultureInfo.InvariantCulture, $"{(i == 0 ? "" : " OR ")}(level = @l{i} AND node_index = @i{i})");
                cmd.AddParameter($"@l{i}", missing[i].Level);
                cmd.AddParameter($"@i{i}", missing[i].Index);
            }
            cmd.CommandText = sql.ToString();
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
