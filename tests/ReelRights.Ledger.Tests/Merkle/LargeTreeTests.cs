using ReelRights.Ledger.Merkle;

namespace ReelRights.Ledger.Tests.Merkle;

/// <summary>
/// Proofs for trees far too large to store: every leaf is the same hash, so the complete subtree
/// at each level has one known hash and the source answers any (level, index) in O(1).
/// </summary>
public sealed class LargeTreeTests
{
    private static readonly UniformSource Source = new();

    [Theory]
    [InlineData(0L, long.MaxValue)]
    [InlineData(long.MaxValue - 1, long.MaxValue)]
    [InlineData(4_611_686_018_427_387_904L, 4_611_686_018_427_387_905L)]
    [InlineData(123_456_789_012L, 987_654_321_098_765L)]
    public async Task GetInclusionProofAsync_HugeTree_VerifiesAgainstRoot(long index, long size)
    {
        // Arrange
        var builder = new MerkleProofBuilder(Source);
        var ct = TestContext.Current.CancellationToken;
        var root = await builder.GetRootAsync(size, ct);

        // Act
        var proof = await builder.GetInclusionProofAsync(index, size, ct);

        // Assert
        MerkleProofVerifier.VerifyInclusion(Source.Level(0), index, size, proof, root.Span).ShouldBeTrue();
        proof.Count.ShouldBeLessThanOrEqualTo(63);
    }

    [Theory]
    [InlineData(1L, long.MaxValue)]
    [InlineData(6L, long.MaxValue - 3)]
    [InlineData(987_654_321_097L, 987_654_321_098_765L)]
    public async Task GetConsistencyProofAsync_HugeTree_VerifiesBetweenRoots(long size1, long size2)
    {
        // Arrange
        var builder = new MerkleProofBuilder(Source);
        var ct = TestContext.Current.CancellationToken;
        var root1 = await builder.GetRootAsync(size1, ct);
        var root2 = await builder.GetRootAsync(size2, ct);

        // Act
        var proof = await builder.GetConsistencyProofAsync(size1, size2, ct);

        // Assert
        MerkleProofVerifier.VerifyConsistency(size1, size2, proof, root1.Span, root2.Span).ShouldBeTrue();
    }

    private sealed class UniformSource : IMerkleHashSource
    {
        private readonly byte[][] _levels = new byte[64][];

        public UniformSource()
        {
            _levels[0] = MerkleHasher.HashLeaf("same"u8);
            for (var i = 1; i < _levels.Length; i++)
            {
                _levels[i] = MerkleHasher.HashChildren(_levels[i - 1], _levels[i - 1]);
            }
        }

        public byte[] Level(int level) => _levels[level];

        public ValueTask<IReadOnlyList<ReadOnlyMemory<byte>>> GetNodeHashesAsync(
            IReadOnlyList<MerkleNodeId> nodes,
            CancellationToken cancellationToken) =>
            ValueTask.FromResult<IReadOnlyList<ReadOnlyMemory<byte>>>(
                nodes.Select(n => (ReadOnlyMemory<byte>)_levels[n.Level]).ToArray());
    }
}
