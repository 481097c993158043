using Microsoft.EntityFrameworkCore;
using ReelRights.Core.Data;
using ReelRights.Ledger.Merkle;
using ReelRights.Ledger.Receipts;

namespace ReelRights.Core.Ledger;

/// <summary>Everything anyone may read of the log: checkpoints, entries, proofs, receipts, tiles.</summary>
public sealed class LedgerReader(ReelRightsDbContext db)
{
    public const int TileWidth = 256;

    public Task<LedgerCheckpoint?> LatestCheckpointAsync(CancellationToken cancellationToken) =>
        db.LedgerCheckpoints.AsNoTracking().OrderByDescending(c => c.TreeSize).FirstOrDefaultAsync(cancellationToken);

    public async Task<IReadOnlyList<LedgerCheckpoint>> CheckpointsAsync(long? beforeSize, int limit, CancellationToken cancellationToken) =>
        await db.LedgerCheckpoints.AsNoTracking()
            .Where(c => beforeSize == null || c.TreeSize < beforeSize)
            .OrderByDescending(c => c.TreeSize)
            .Take(Math.Clamp(limit, 1, 1000))
            .ToListAsync(cancellationToken);

    public Task<LedgerCheckpoint?> CheckpointAsync(long treeSize, CancellationToken cancellationToken) =>
        db.LedgerCheckpoints.AsNoTracking().FirstOrDefaultAsync(c => c.TreeSize == treeSize, cancellationToken);

    public Task<LedgerEntry?> EntryAsync(long index, CancellationToken cancellationToken) =>
        db.LedgerEntries.AsNoTracking().FirstOrDefaultAsync(e => e.LeafIndex == index, cancellationToken);

    /// <summary>The first entry with this leaf hash (identical records share a hash).</summary>
    public Task<LedgerEntry?> EntryByLeafHashAsync(byte[] leafHash, CancellationToken cancellationToken) =>
        db.LedgerEntries.AsNoTracking().Where(e => e.LeafHash == leafHash).OrderBy(e => e.LeafIndex).FirstOrDefaultAsync(cancellationToken);

    public async Task<IReadOnlyList<LedgerEntry>> EntriesAsync(long start, int count, CancellationToken cancellationToken) =>
        await db.LedgerEntries.AsNoTracking()
            .Where(e => e.LeafIndex >= start && e.LeafIndex < start + count)
            .OrderBy(e => e.LeafIndex)
            .ToListAsync(cancellationToken);

    public async Task<IReadOnlyList<LedgerEntry>> EntriesOfOrganizationAsync(Guid organizationId, string recordType, int limit, CancellationToken cancellationToken) =>
        await db.LedgerEntries.AsNoTracking()
            .Where(e => e.OrganizationId == organizationId && e.RecordType == recordType)
            .OrderByDescending(e => e.LeafIndex)
            .Take(Math.Clamp(limit, 1, 500))
            .ToListAsync(cancellationToken);

    /// <summary>Hashes of complete subtrees at <paramref name="level"/>, from <paramref name="start"/> (for tiles).</summary>
    public async Task<IReadOnlyList<byte[]>> NodeHashesAsync(int level, long start, int count, CancellationToken cancellationToken) =>
        level == 0
        ? await db.LedgerEntries.AsNoTracking()
            .Where(e => e.LeafIndex >= start && e.LeafIndex < start + count)
            .OrderBy(e => e.LeafIndex)
            .Select(e => e.LeafHash)
            .ToListAsync(cancellationToken)
        : await db.LedgerNodes.AsNoTracking()
            .Where(n => n.Level == level && n.NodeIndex >= start && n.NodeIndex < start + count)
            .OrderBy(n => n.NodeIndex)
            .Select(n => n.Hash)
            .ToListAsync(cancellationToken);

    public async Task<IReadOnlyList<ReadOnlyMemory<byte>>> InclusionProofAsync(long index, long treeSize, CancellationToken cancellationToken)
    {
        await RequireSizeAsync(treeSize, cancellationToken);
        return await ProofAgainstAsync(index, treeSize, cancellationToken);
    }

    /// <summary>A proof against a checkpoint the caller already read (no second lookup of the latest one).</summary>
    public Task<IReadOnlyList<ReadOnlyMemory<byte>>> InclusionProofAsync(long index, LedgerCheckpoint checkpoint, CancellationToken cancellationToken) =>
        ProofAgainstAsync(index, checkpoint.TreeSize, cancellationToken);

    private async Task<IReadOnlyList<ReadOnlyMemory<byte>>> ProofAgainstAsync(long index, long treeSize, CancellationToken cancellationToken)
    {
        if (index < 0 || index >= treeSize)
        {
            throw ReelRightsException.Invalid("index-out-of-range", "条目序号超出树的大小。", "The entry index is outside the tree size.");
        }
        return await new MerkleProofBuilder(new DbMerkleHashSource(db)).GetInclusionProofAsync(index, treeSize, cancellationToken);
    }

    public async Task<IReadOnlyList<ReadOnlyMemory<byte>>> ConsistencyProofAsync(long from, long to, CancellationToken cancellationToken)
    {
        await RequireSizeAsync(to, cancellationToken);
        if (from < 1 || from > to)
        {
            throw ReelRightsException.Invalid("size-out-of-range", "需要 1 ≤ from ≤ to ≤ 当前大小。", "Needs 1 ≤ from ≤ to ≤ the current size.");
        }
        return await new MerkleProofBuilder(new DbMerkleHashSource(db)).GetConsistencyProofAsync(from, to, cancellationToken);
    }

    /// <summary>A receipt for an entry against the latest checkpoint.</summary>
    public async Task<Receipt> ReceiptAsync(long index, CancellationToken cancellationToken)
    {
        var entry = await EntryAsync(index, cancellationToken) ?? throw ReelRightsException.NotFound("条目");
        if (!MerkleHasher.HashLeaf(entry.Data).AsSpan().SequenceEqual(entry.LeafHash))
        {
            // Never hand out a receipt for damaged storage; the operator's `ledger check` names the rest.
            throw new ReelRightsException(ErrorKind.Conflict, "ledger-damaged",
                $"条目 {index} 的存储已损坏，无法出具回执。", $"The stored entry {index} is damaged; no receipt can be issued.");
        }
        var checkpoint = await LatestCheckpointAsync(cancellationToken) ?? throw ReelRightsException.NotFound("检查点");
        var proof = await InclusionProofAsync(index, checkpoint, cancellationToken);
        return new Receipt(entry.Data, index, proof, checkpoint.Note, entry.TimestampToken);
    }

    private async Task RequireSizeAsync(long treeSize, CancellationToken cancellationToken)
    {
        var latest = await LatestCheckpointAsync(cancellationToken);
        if (treeSize < 1 || latest is null || treeSize > latest.TreeSize)
        {
            throw ReelRightsException.Invalid("size-out-of-range", "树的大小超出已签名的检查点。", "The tree size is beyond the latest signed checkpoint.");
        }
    }
}
