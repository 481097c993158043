namespace ReelRights.Ledger.Merkle;

/// <summary>
/// Supplies hashes of complete subtrees to <see cref="MerkleProofBuilder"/>. A stored log
/// implements this over its leaf-hash table and may cache interior nodes (they are immutable once
/// complete); <see cref="InMemoryMerkleTree"/> is the in-memory implementation.
/// </summary>
public interface IMerkleHashSource
{
    /// <summary>
    /// Returns the hash of each requested complete subtree, in the order requested. Callers only
    /// ask for nodes whose leaves all exist. Batched so a database can answer a whole proof
    /// (O(log n) nodes) in one round trip.
    /// </summary>
    /// <param name="nodes">Complete subtrees to look up.</param>
    /// <param name="cancellationToken">Cancels the lookup.</param>
    /// <returns>One 32-byte hash per requested node, same order.</returns>
    ValueTask<IReadOnlyList<ReadOnlyMemory<byte>>> GetNodeHashesAsync(
        IReadOnlyList<MerkleNodeId> nodes,
        CancellationToken cancellationToken);
}
