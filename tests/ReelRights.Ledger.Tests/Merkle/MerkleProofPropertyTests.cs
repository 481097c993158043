using FsCheck;
using FsCheck.Fluent;
using ReelRights.Ledger.Merkle;
using ReelRights.Ledger.Tests.Support;

namespace ReelRights.Ledger.Tests.Merkle;

/// <summary>
/// FsCheck properties (FsCheck.Xunit.v3 is not on the package mirror, so properties run through
/// Check.One with a throwing config). Tree shapes are random; for each shape every single bit of
/// the proof, the roots and the leaf is flipped in turn.
/// </summary>
public sealed class MerkleProofPropertyTests
{
    private const int MaxSize = 300;
    private static readonly Config Settings = Config.QuickThrowOnFailure.WithMaxTest(100);
    private static readonly InMemoryMerkleTree Tree = BuildTree();

    [Fact]
    public void VerifyInclusion_RandomTreeAndIndex_ValidProofPassesAndAnyBitFlipFails()
    {
        // Arrange
        var shapes =
            from size in Gen.Choose(1, MaxSize)
            from index in Gen.Choose(0, size - 1)
            select (Size: (long)size, Index: (long)index);

        // Act
        var property = Prop.ForAll(shapes.ToArbitrary(), shape =>
        {
            var leaf = Tree.GetLeafHash(shape.Index);
            var root = Tree.GetRoot(shape.Size);
            var proof = Tree.GetInclusionProof(shape.Index, shape.Size);
            bool Verify(ReadOnlyMemory<byte> l, IReadOnlyList<ReadOnlyMemory<byte>> p, ReadOnlyMemory<byte> r) =>
                MerkleProofVerifier.VerifyInclusion(l.Span, shape.Index, shape.Size, p, r.Span);

            return Verify(leaf, proof, root)
                && AllFlips(leaf).All(l => !Verify(l, proof, root))
                && AllFlips(root).All(r => !Verify(leaf, proof, r))
                && AllProofFlips(proof).All(p => !Verify(leaf, p, root));
        });

        // Assert
        Check.One(Settings, property);
    }

    [Fact]
    public void VerifyConsistency_RandomSizes_ValidProofPassesAndAnyBitFlipFails()
    {
        // Arrange
        var shapes =
            from size2 in Gen.Choose(1, MaxSize)
            from size1 in Gen.Choose(1, size2)
            select (Size1: (long)size1, Size2: (long)size2);

        // Act
        var property = Prop.ForAll(shapes.ToArbitrary(), shape =>
        {
            var root1 = Tree.GetRoot(shape.Size1);
            var root2 = Tree.GetRoot(shape.Size2);
            var proof = Tree.GetConsistencyProof(shape.Size1, shape.Size2);
            bool Verify(IReadOnlyList<ReadOnlyMemory<byte>> p, ReadOnlyMemory<byte> r1, ReadOnlyMemory<byte> r2) =>
                MerkleProofVerifier.VerifyConsistency(shape.Size1, shape.Size2, p, r1.Span, r2.Span);

            return Verify(proof, root1, root2)
                && AllFlips(root1).All(r => !Verify(proof, r, root2))
                && AllFlips(root2).All(r => !Verify(proof, root1, r))
                && AllProofFlips(proof).All(p => !Verify(p, root1, root2));
        });

        // Assert
        Check.One(Settings, property);
    }

    [Fact]
    public void VerifyInclusion_ProofForAnotherIndex_Fails()
    {
        // Arrange
        var proof = Tree.GetInclusionProof(5, 20);

        // Act
        var valid = MerkleProofVerifier.VerifyInclusion(Tree.GetLeafHash(5).Span, 4, 20, proof, Tree.GetRoot(20).Span);

        // Assert
        valid.ShouldBeFalse();
    }

    private static IEnumerable<ReadOnlyMemory<byte>> AllFlips(ReadOnlyMemory<byte> hash) =>
        Enumerable.Range(0, hash.Length * 8).Select(bit => (ReadOnlyMemory<byte>)Bytes.FlipBit(hash.Span, bit));

    private static IEnumerable<IReadOnlyList<ReadOnlyMemory<byte>>> AllProofFlips(IReadOnlyList<ReadOnlyMemory<byte>> proof) =>
        from element in Enumerable.Range(0, proof.Count)
        from flipped in AllFlips(proof[element])
        select (IReadOnlyList<ReadOnlyMemory<byte>>)proof.Select((h, i) => i == element ? flipped : h).ToArray();

    private static InMemoryMerkleTree BuildTree()
    {
        var tree = new InMemoryMerkleTree();
        for (var i = 0; i < MaxSize; i++)
        {
            tree.Append(BitConverter.GetBytes(i));
        }

        return tree;
    }
}
