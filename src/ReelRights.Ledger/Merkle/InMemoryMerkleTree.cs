namespace ReelRights.Ledger.Merkle;

/// <summary>
/// An append-only RFC 6962 tree held in memory with every complete interior node cached, so
/// roots and proofs at any past size cost O(log n). Useful for tests, tools and as a reference
/// for stored implementations of <see cref="IMerkleHashSource"/>. Not thread-safe.
/// </summary>
public sealed class InMemoryMerkleTree : IMerkleHashSource
{
    // _levels[k] holds the hashes of the complete subtrees of height k, left to right.
    private readonly List<HashList> _levels = [new HashList()];

    /// <summary>Number of leaves appended so far.</summary>
    public long Size => _levels[0].Count;

    /// <summary>Appends a leaf by its data (hashed with <see cref="MerkleHasher.HashLeaf"/>).</summary>
    /// <param name="leafData">Entry bytes.</param>
    /// <returns>The new leaf's index.</returns>
    public long Append(ReadOnlySpan<byte> leafData) => AppendLeafHash(MerkleHasher.HashLeaf(leafData));

    /// <summary>Appends a leaf by its already computed leaf hash.</summary>
    /// <param name="leafHash">32-byte RFC 6962 leaf hash.</param>
    /// <returns>The new leaf's index.</returns>
    public long AppendLeafHash(ReadOnlySpan<byte> leafHash)
    {
        MerkleHasher.RequireHashSize(leafHash, nameof(leafHash));
        var index = Size;
        _levels[0].Add(leafHash);

        // Every time a level gains its second child of a pair, the parent becomes complete.
        Span<byte> parent = stackalloc byte[MerkleHasher.HashSize];
        for (var level = 0; _levels[level].Count % 2 == 0; level++)
        {
            var count = _levels[level].Count;
            MerkleHasher.HashChildren(_levels[level][count - 2], _levels[level][count - 1], parent);
            if (_levels.Count == level + 1)
            {
                _levels.Add(new HashList());
            }

            _levels[level + 1].Add(parent);
        }

        return index;
    }

    /// <summary>Returns the leaf hash at <paramref name="index"/>.</summary>
    /// <param name="index">Leaf index.</param>
    /// <returns>A copy of the 32-byte hash.</returns>
    public ReadOnlyMemory<byte> GetLeafHash(long index) => _levels[0][index].ToArray();

    /// <summary>Returns the root at the current size.</summary>
    /// <returns>The 32-byte root hash.</returns>
    public ReadOnlyMemory<byte> GetRoot() => GetRoot(Size);

    /// <summary>Returns the root the tree had when it held <paramref name="size"/> leaves.</summary>
    /// <param name="size">0 ≤ size ≤ <see cref="Size"/>.</param>
    /// <returns>The 32-byte root hash.</returns>
    public ReadOnlyMemory<byte> GetRoot(long size)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(size);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(size, Size);
        return size == 0 ? MerkleHasher.EmptyRoot : Resolve(MerkleProofPlan.ForRoot(size))[0];
    }

    /// <summary>Builds the inclusion proof of leaf <paramref name="index"/> at tree size <paramref name="size"/>.</summary>
    /// <param name="index">Leaf index, below <paramref name="size"/>.</param>
    /// <param name="size">Tree size, at most <see cref="Size"/>.</param>
    /// <returns>The RFC 9162 §2.1.3.1 audit path.</returns>
    public IReadOnlyList<ReadOnlyMemory<byte>> GetInclusionProof(long index, long size)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(size, Size);
        return Resolve(MerkleProofPlan.ForInclusion(index, size));
    }

    /// <summary>Builds the consistency proof between two sizes of this tree.</summary>
    /// <param name="size1">Older size, 0 &lt; size1 ≤ size2.</param>
    /// <param name="size2">Newer size, at most <see cref="Size"/>.</param>
    /// <returns>The RFC 9162 §2.1.4.1 proof.</returns>
    public IReadOnlyList<ReadOnlyMemory<byte>> GetConsistencyProof(long size1, long size2)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(size2, Size);
        return Resolve(MerkleProofPlan.ForConsistency(size1, size2));
    }

    /// <inheritdoc />
    public ValueTask<IReadOnlyList<ReadOnlyMemory<byte>>> GetNodeHashesAsync(
        IReadOnlyList<MerkleNodeId> nodes,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(nodes);
        cancellationToken.ThrowIfCancellationRequested();
        return ValueTask.FromResult(Lookup(nodes));
    }

    private IReadOnlyList<ReadOnlyMemory<byte>> Resolve(MerkleProofPlan plan) => plan.Assemble(Lookup(plan.Nodes));

    private IReadOnlyList<ReadOnlyMemory<byte>> Lookup(IReadOnlyList<MerkleNodeId> nodes)
    {
        var result = new ReadOnlyMemory<byte>[nodes.Count];
        for (var i = 0; i < nodes.Count; i++)
        {
            var node = nodes[i];
            if (node.Level < 0 || node.Level >= _levels.Count || node.Index < 0 || node.Index >= _levels[node.Level].Count)
            {
                throw new ArgumentOutOfRangeException(nameof(nodes), node, "No complete subtree at that position yet.");
            }

            result[i] = _levels[node.Level][node.Index].ToArray();
        }

        return result;
    }
}
