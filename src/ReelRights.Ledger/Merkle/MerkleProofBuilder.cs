namespace ReelRights.Ledger.Merkle;

/// <summary>
/// Builds roots, inclusion proofs (RFC 9162 §2.1.3.1) and consistency proofs (RFC 9162 §2.1.4.1)
/// from any <see cref="IMerkleHashSource"/>. Each call asks the source for its O(log n) complete
/// subtrees in one batch and combines the partial right edge itself.
/// </summary>
public sealed class MerkleProofBuilder
{
    private readonly IMerkleHashSource _source;

    /// <summary>Creates a builder over a hash source.</summary>
    /// <param name="source">Where complete-subtree hashes come from.</param>
    public MerkleProofBuilder(IMerkleHashSource source)
    {
        ArgumentNullException.ThrowIfNull(source);
        _source = source;
    }

    /// <summary>Computes the root of the first <paramref name="size"/> leaves.</summary>
    /// <param name="size">Tree size; 0 gives <see cref="MerkleHasher.EmptyRoot"/>.</param>
    /// <param name="cancellationToken">Cancels the hash lookups.</param>
    /// <returns>The 32-byte root hash.</returns>
    public async ValueTask<ReadOnlyMemory<byte>> GetRootAsync(long size, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(size);
        if (size == 0)
        {
            return MerkleHasher.EmptyRoot;
        }

        var hashes = await ResolveAsync(MerkleProofPlan.ForRoot(size), cancellationToken).ConfigureAwait(false);
        return hashes[0];
    }

    /// <summary>Builds the audit path of leaf <paramref name="index"/> in the tree of <paramref name="size"/> leaves.</summary>
    /// <param name="index">Leaf index, 0 ≤ index &lt; size.</param>
    /// <param name="size">Tree size the proof is against.</param>
    /// <param name="cancellationToken">Cancels the hash lookups.</param>
    /// <returns>Hashes from the leaf's sibling up to a child of the root.</returns>
    public ValueTask<IReadOnlyList<ReadOnlyMemory<byte>>> GetInclusionProofAsync(
        long index,
        long size,
        CancellationToken cancellationToken) =>
        ResolveAsync(MerkleProofPlan.ForInclusion(index, size), cancellationToken);

    /// <summary>Builds the proof that the tree of <paramref name="size1"/> leaves is a prefix of the one of <paramref name="size2"/>.</summary>
    /// <param name="size1">Older size, 0 &lt; size1 ≤ size2.</param>
    /// <param name="size2">Newer size.</param>
    /// <param name="cancellationToken">Cancels the hash lookups.</param>
    /// <returns>The RFC 9162 §2.1.4.1 proof; empty when the sizes are equal.</returns>
    public ValueTask<IReadOnlyList<ReadOnlyMemory<byte>>> GetConsistencyProofAsync(
        long size1,
        long size2,
        CancellationToken cancellationToken) =>
        ResolveAsync(MerkleProofPlan.ForConsistency(size1, size2), cancellationToken);

    private async ValueTask<IReadOnlyList<ReadOnlyMemory<byte>>> ResolveAsync(
        MerkleProofPlan plan,
        CancellationToken cancellationToken)
    {
        if (plan.Nodes.Count == 0)
        {
            return [];
        }

        var hashes = await _source.GetNodeHashesAsync(plan.Nodes, cancellationToken).ConfigureAwait(false);
        return plan.Assemble(hashes);
    }
}
