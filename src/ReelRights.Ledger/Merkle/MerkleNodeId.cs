namespace ReelRights.Ledger.Merkle;

/// <summary>
/// Identifies a complete (perfect) subtree of the log: the node at <paramref name="Level"/>
/// (0 = leaves) and position <paramref name="Index"/> within that level, covering leaves
/// [Index · 2^Level, (Index + 1) · 2^Level). Complete subtrees never change once written, which
/// is why a store may cache their hashes forever.
/// </summary>
/// <param name="Level">Height above the leaves; 0 is a leaf hash.</param>
/// <param name="Index">Zero-based position among the nodes of that level.</param>
public readonly record struct MerkleNodeId(int Level, long Index)
{
    /// <summary>Index of the first leaf under this node.</summary>
    public long FirstLeaf => Index << Level;

    /// <summary>Number of leaves under this node (2^Level).</summary>
    public long LeafCount => 1L << Level;
}
