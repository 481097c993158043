using System.Text;
using ReelRights.Ledger.Merkle;

namespace ReelRights.Ledger.Tests.Merkle;

public sealed class InMemoryMerkleTreeTests
{
    private const int MaxSize = 40;

    private static readonly byte[][] LeafHashes =
        Enumerable.Range(0, MaxSize).Select(i => MerkleHasher.HashLeaf(Encoding.UTF8.GetBytes($"entry {i}"))).ToArray();

    [Fact]
    public void GetRoot_EverySizeUpToMax_MatchesRfcMth()
    {
        // Arrange
        var tree = Build(MaxSize);

        for (var size = 1; size <= MaxSize; size++)
        {
            // Act
            var root = tree.GetRoot(size);

            // Assert
            root.ToArray().ShouldBe(RfcReference.Mth(LeafHashes, 0, size), $"size {size}");
        }
    }

    [Fact]
    public void GetRoot_SizeZero_ReturnsEmptyRoot()
    {
        // Arrange
        var tree = Build(3);

        // Act
        var root = tree.GetRoot(0);

        // Assert
        root.ToArray().ShouldBe(MerkleHasher.EmptyRoot.ToArray());
    }

    [Fact]
    public void GetInclusionProof_EveryIndexAndSize_MatchesRfcPath()
    {
        // Arrange
        var tree = Build(MaxSize);

        for (var size = 1; size <= MaxSize; size++)
        {
            for (var index = 0; index < size; index++)
            {
                // Act
                var proof = tree.GetInclusionProof(index, size);

                // Assert
                proof.Select(h => h.ToArray()).ShouldBe(RfcReference.Path(LeafHashes, index, 0, size), $"index {index} size {size}");
            }
        }
    }

    [Fact]
    public void GetConsistencyProof_EverySizePair_MatchesRfcSubproof()
    {
        // Arrange
        var tree = Build(MaxSize);

        for (var size2 = 1; size2 <= MaxSize; size2++)
        {
            for (var size1 = 1; size1 <= size2; size1++)
            {
                // Act
                var proof = tree.GetConsistencyProof(size1, size2);

                // Assert
                proof.Select(h => h.ToArray()).ShouldBe(RfcReference.Subproof(LeafHashes, size1, 0, size2, true), $"{size1}->{size2}");
            }
        }
    }

    [Fact]
    public void GetInclusionProof_ReferenceTree_MatchesTransparencyDevVector()
    {
        // Arrange: inclusion/1/happy-path.json is leaf 0 of the 8-leaf reference tree.
        var tree = new InMemoryMerkleTree();
        foreach (var leaf in MerkleHasherTests.ReferenceLeaves)
        {
            tree.Append(leaf);
        }

        // Act
        var proof = tree.GetInclusionProof(0, 8).Select(h => Convert.ToBase64String(h.Span));

        // Assert
        proof.ShouldBe(
        [
            "lqKW0iTyhcZ77pPDD4owkVfw2qNdxbh+QQt4YwoJz8c=",
            "Xwg/ChozygdqlSeYMlgNs+DvRYS9/x9UyKNg9Q3jAx4=",
            "a0eq8p7jwq+a+Im8H7klTavTEXfxYjLdaqsDXKOb9uQ=",
        ]);
    }

    [Fact]
    public void Append_ReturnsConsecutiveIndices()
    {
        // Arrange
        var tree = new InMemoryMerkleTree();

        // Act
        var first = tree.Append([1]);
        var second = tree.AppendLeafHash(MerkleHasher.HashLeaf([2]));

        // Assert
        (first, second, tree.Size).ShouldBe((0L, 1L, 2L));
        tree.GetLeafHash(1).ToArray().ShouldBe(MerkleHasher.HashLeaf([2]));
    }

    [Fact]
    public void GetInclusionProof_IndexNotBelowSize_Throws()
    {
        // Arrange
        var tree = Build(4);

        // Act / Assert
        Should.Throw<ArgumentOutOfRangeException>(() => tree.GetInclusionProof(4, 4));
        Should.Throw<ArgumentOutOfRangeException>(() => tree.GetInclusionProof(0, 5));
    }

    [Fact]
    public void GetConsistencyProof_FromEmptyTree_Throws()
    {
        // Arrange
        var tree = Build(4);

        // Act / Assert
        Should.Throw<ArgumentOutOfRangeException>(() => tree.GetConsistencyProof(0, 4));
        Should.Throw<ArgumentOutOfRangeException>(() => tree.GetConsistencyProof(3, 2));
    }

    [Fact]
    public async Task MerkleProofBuilder_OverInMemorySource_MatchesSynchronousResults()
    {
        // Arrange
        var tree = Build(MaxSize);
        var builder = new MerkleProofBuilder(tree);
        var ct = TestContext.Current.CancellationToken;

        // Act
        var root = await builder.GetRootAsync(29, ct);
        var inclusion = await builder.GetInclusionProofAsync(17, 29, ct);
        var consistency = await builder.GetConsistencyProofAsync(13, 29, ct);

        // Assert
        root.ToArray().ShouldBe(tree.GetRoot(29).ToArray());
        inclusion.Select(h => h.ToArray()).ShouldBe(tree.GetInclusionProof(17, 29).Select(h => h.ToArray()));
        consistency.Select(h => h.ToArray()).ShouldBe(tree.GetConsistencyProof(13, 29).Select(h => h.ToArray()));
    }

    private static InMemoryMerkleTree Build(int size)
    {
        var tree = new InMemoryMerkleTree();
        foreach (var hash in LeafHashes.Take(size))
        {
            tree.AppendLeafHash(hash);
        }

        return tree;
    }
}
