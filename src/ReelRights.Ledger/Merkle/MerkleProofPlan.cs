namespace ReelRights.Ledger.Merkle;

/// <summary>
/// Works out which subtree hashes a root, inclusion proof or consistency proof is made of, without
/// touching any hash, so the same plan serves the in-memory tree and a stored log. Iterative
/// (no recursion), so tree sizes up to 2^62 are fine.
/// </summary>
internal sealed class MerkleProofPlan
{
    private readonly List<SubtreeRange> _ranges;

    private MerkleProofPlan(List<SubtreeRange> ranges)
    {
        _ranges = ranges;
        var nodes = new List<MerkleNodeId>();
        NodeCounts = new int[ranges.Count];
        for (var i = 0; i < ranges.Count; i++)
        {
            var before = nodes.Count;
            ranges[i].AppendNodes(nodes);
            NodeCounts[i] = nodes.Count - before;
        }

        Nodes = nodes;
    }

    /// <summary>All complete subtrees whose hashes are needed, in plan order.</summary>
    public IReadOnlyList<MerkleNodeId> Nodes { get; }

    private int[] NodeCounts { get; }

    /// <summary>Plan for MTH(D[0:size]) (RFC 9162 §2.1.1); size must be positive.</summary>
    public static MerkleProofPlan ForRoot(long size)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(size);
        return new MerkleProofPlan([new SubtreeRange(0, size)]);
    }

    /// <summary>Plan for PATH(index, D[0:size]) (RFC 9162 §2.1.3.1), leaf sibling first.</summary>
    public static MerkleProofPlan ForInclusion(long index, long size)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, size);
        var ranges = new List<SubtreeRange>();
        AppendPath(index, fromLevel: 0, size, ranges);
        return new MerkleProofPlan(ranges);
    }

    /// <summary>
    /// Plan for PROOF(size1, D[0:size2]) (RFC 9162 §2.1.4.1). The recursive SUBPROOF ends at the
    /// complete subtree [size1 − 2^k, size1) with k = trailing zeros of size1; the rest of the
    /// proof is that node's audit path in the size2 tree. The node itself is omitted when it is the
    /// whole old tree (size1 a power of two), because the verifier already holds that root.
    /// </summary>
    public static MerkleProofPlan ForConsistency(long size1, long size2)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(size1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(size1, size2);
        var ranges = new List<SubtreeRange>();
        if (size1 == size2)
        {
            return new MerkleProofPlan(ranges);
        }

        var level = (int)long.TrailingZeroCount(size1);
        if ((size1 & (size1 - 1)) != 0)
        {
            ranges.Add(new SubtreeRange(size1 - (1L << level), size1));
        }

        AppendPath(size1 - 1, level, size2, ranges);
        return new MerkleProofPlan(ranges);
    }

    /// <summary>Folds fetched node hashes (same order as <see cref="Nodes"/>) into one hash per range.</summary>
    public IReadOnlyList<ReadOnlyMemory<byte>> Assemble(IReadOnlyList<ReadOnlyMemory<byte>> nodeHashes)
    {
        if (nodeHashes.Count != Nodes.Count)
        {
            throw new InvalidOperationException(
                $"The hash source returned {nodeHashes.Count} hashes for {Nodes.Count} nodes.");
        }

        for (var i = 0; i < nodeHashes.Count; i++)
        {
            MerkleHasher.RequireHashSize(nodeHashes[i].Span, nameof(nodeHashes));
        }

        var result = new ReadOnlyMemory<byte>[_ranges.Count];
        var offset = 0;
        for (var i = 0; i < _ranges.Count; i++)
        {
            result[i] = FoldRight(nodeHashes, offset, NodeCounts[i]);
            offset += NodeCounts[i];
        }

        return result;
    }

    // Sibling subtrees from fromLevel up to the root of the size-leaf tree, bottom-up. A sibling
    // wholly past the end does not exist at this level (its parent is the partial right edge); a
    // sibling straddling the end is the "ephemeral" node of RFC 9162 §2.1.3, hashed as a range.
    private static void AppendPath(long leaf, int fromLevel, long size, List<SubtreeRange> ranges)
    {
        var last = size - 1;
        for (var level = fromLevel; (last >> level) != 0; level++)
        {
            var sibling = (leaf >> level) ^ 1;
            if (sibling > (last >> level))
            {
                continue;
            }

            var begin = sibling << level;
            var end = begin + Math.Min(1L << level, size - begin);
            ranges.Add(new SubtreeRange(begin, end));
        }
    }

    // The subtrees of a range have strictly decreasing sizes, and RFC 9162 §2.1.1 splits at the
    // largest power of two, so the hash nests to the right: H(a, H(b, c)).
    private static ReadOnlyMemory<byte> FoldRight(IReadOnlyList<ReadOnlyMemory<byte>> hashes, int offset, int count)
    {
        var accumulator = hashes[offset + count - 1].ToArray();
        for (var i = offset + count - 2; i >= offset; i--)
        {
            MerkleHasher.HashChildren(hashes[i].Span, accumulator, accumulator);
        }

        return accumulator;
    }
}
