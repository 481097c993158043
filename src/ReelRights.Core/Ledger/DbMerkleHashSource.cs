using Microsoft.EntityFrameworkCore;
using ReelRights.Core.Data;
using ReelRights.Ledger.Merkle;

namespace ReelRights.Core.Ledger;

/// <summary>
/// Complete-subtree hashes from <c>ledger_nodes</c>, one query per tree level asked for, with
/// optional hashes not yet committed (the batch being appended).
/// </summary>
internal sealed class DbMerkleHashSource(ReelRightsDbContext db, IReadOnlyDictionary<MerkleNodeId, byte[]>? pending = null) : IMerkleHashSource
{
    public async ValueTask<IReadOnlyList<ReadOnlyMemory<byte>>> GetNodeHashesAsync(IReadOnlyList<MerkleNodeId> nodes, CancellationToken cancellationToken)
    {
        var found = new Dictionary<MerkleNodeId, byte[]>();
        var missing = nodes.Where(n => pending is null || !pending.ContainsKey(n)).ToList();
        foreach (var level in missing.GroupBy(n => n.Level))
        {
            var indexes = level.Select(n => n.Index).Distinct().ToList();
            var rows = await db.LedgerNodes.AsNoTracking()
                .Where(n => n.Level == level.Key && indexes.Contains(n.NodeIndex))
                .Select(n => new { n.NodeIndex, n.Hash })
                .ToListAsync(cancellationToken);
            foreach (var row in rows)
            {
                found[new MerkleNodeId(level.Key, row.NodeIndex)] = row.Hash;
            }
        }
        return nodes.Select(n => (ReadOnlyMemory<byte>)(pending is not null && pending.TryGetValue(n, out var p) ? p
            : found.TryGetValue(n, out var f) ? f
            : throw new InvalidOperationException($"Ledger node {n} is missing; the log's storage is damaged."))).ToList();
    }
}
