using Microsoft.EntityFrameworkCore;
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
        var missing = nodes.Where(n => !known.ContainsKey(n)).ToList();
        foreach (var level in missing.GroupBy(n => n.Level))
        {
            var indexes = level.Select(n => n.Index).Distinct().ToList();
            var rows = await db.LedgerNodes.AsNoTracking()
                .Where(n => n.Level == level.Key && indexes.Contains(n.NodeIndex))
                .Select(n => new { n.NodeIndex, n.Hash })
                .ToListAsync(cancellationToken);
            foreach (var row in rows)
            {
                known[new MerkleNodeId(level.Key, row.NodeIndex)] = row.Hash;
            }
        }
        return nodes.Select(n => (ReadOnlyMemory<byte>)(known.TryGetValue(n, out var hash)
            ? hash
            : throw new InvalidOperationException($"Ledger node {n} is missing; the log's storage is damaged."))).ToList();
    }
}
