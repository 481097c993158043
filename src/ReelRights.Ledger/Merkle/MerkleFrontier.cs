namespace ReelRights.Ledger.Merkle;

/// <summary>
/// The right edge of an RFC 6962 tree: for a tree of n leaves, the hashes of the complete
/// subtrees that together cover [0, n) — one per set bit of n, largest (leftmost) first. That is
/// all an appender needs to extend the tree and compute its root in memory, in O(log n) space,
/// without reading stored nodes (the "compact range" of Trillian and Tessera).
/// </summary>
public sealed class MerkleFrontier
{
    // Largest subtree first; each entry is (level, hash) and levels strictly decrease.
    private readonly List<(int Level, byte[] Hash)> _subtrees = [];

    /// <summary>An empty tree.</summary>
    public MerkleFrontier()
    {
    }

    /// <summary>Number of leaves covered.</summary>
    public long Size { get; private set; }

    /// <summary>The complete subtrees covering [0, n), largest first.</summary>
    public IReadOnlyList<MerkleNodeId> Nodes => FrontierNodes(Size);

    /// <summary>The node ids of the frontier of a tree of <paramref name="size"/> leaves, largest first.</summary>
    /// <param name="size">Tree size.</param>
    public static IReadOnlyList<MerkleNodeId> FrontierNodes(long size)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(size);
        var nodes = new List<MerkleNodeId>();
        long covered = 0;
        for (var level = 62; level >= 0; level--)
        {
            if ((size & (1L << level)) != 0)
            {
                nodes.Add(new MerkleNodeId(level, covered >> level));
                covered += 1L << level;
            }
        }
        return nodes;
    }

    /// <summary>Rebuilds a frontier from its node hashes (for example read back from storage).</summary>
    /// <param name="size">Tree size.</param>
    /// <param name="hashes">The hashes of <see cref="FrontierNodes"/>(<paramref name="size"/>), in that order.</param>
    public static MerkleFrontier FromNodes(long size, IReadOnlyList<ReadOnlyMemory<byte>> hashes)
    {
        ArgumentNullException.ThrowIfNull(hashes);
        var ids = FrontierNodes(size);
        if (ids.Count != hashes.Count)
        {
            throw new ArgumentException($"A tree of {size} leaves has {ids.Count} frontier subtrees, not {hashes.Count}.", nameof(hashes));
        }
        var frontier = new MerkleFrontier { Size = size };
        for (var i = 0; i < ids.Count; i++)
        {
            MerkleHasher.RequireHashSize(hashes[i].Span, nameof(hashes));
            frontier._subtrees.Add((ids[i].Level, hashes[i].ToArray()));
        }
        return frontier;
    }

    /// <summary>A copy that can be extended without changing this one.</summary>
    public MerkleFrontier Clone()
    {
        var copy = new MerkleFrontier { Size = Size };
        copy._subtrees.AddRange(_subtrees);
        return copy;
    }

    /// <summary>
    /// Appends a leaf hash. <paramref name="completed"/> is told about the leaf (level 0) and
    /// every subtree it completes, lowest first, so the caller can store them.
    /// </summary>
    /// <param name="leafHash">32-byte RFC 6962 leaf hash.</param>
    /// <param name="completed">Receives each new complete node and its hash; may be null.</param>
    public void Append(ReadOnlySpan<byte> leafHash, Action<MerkleNodeId, byte[]>? completed = null)
    {
        MerkleHasher.RequireHashSize(leafHash, nameof(leafHash));
        var index = Size;
        var hash = leafHash.ToArray();
        var level = 0;
        completed?.Invoke(new MerkleNodeId(0, index), hash);
        // Like binary addition: equal-sized neighbours merge into their parent.
        while (_subtrees.Count > 0 && _subtrees[^1].Level == level)
        {
            hash = MerkleHasher.HashChildren(_subtrees[^1].Hash, hash);
            _subtrees.RemoveAt(_subtrees.Count - 1);
            level++;
            completed?.Invoke(new MerkleNodeId(level, index >> level), hash);
        }
        _subtrees.Add((level, hash));
        Size = index + 1;
    }

    /// <summary>The tree head: MTH over all leaves (RFC 9162 §2.1.1), folding the subtrees right to left.</summary>
    public byte[] Root()
    {
        if (_subtrees.Count == 0)
        {
            return MerkleHasher.EmptyRoot.ToArray();
        }
        var hash = _subtrees[^1].Hash;
        for (var i = _subtrees.Count - 2; i >= 0; i--)
        {
            hash = MerkleHasher.HashChildren(_subtrees[i].Hash, hash);
        }
        return hash;
    }

    /// <summary>The frontier's subtrees as node id and hash, largest first.</summary>
    public IEnumerable<KeyValuePair<MerkleNodeId, byte[]>> Subtrees()
    {
        long covered = 0;
        foreach (var (level, hash) in _subtrees)
        {
            yield return new(new MerkleNodeId(level, covered >> level), hash);
            covered += 1L << level;
        }
    }
}
