using FsCheck;
using FsCheck.Fluent;
using ReelRights.Ledger.Merkle;

namespace ReelRights.Ledger.Tests.Merkle;

public sealed class MerkleFrontierTests
{
    private const int MaxSize = 600;
    private static readonly Config Settings = Config.QuickThrowOnFailure.WithMaxTest(100);
    private static readonly InMemoryMerkleTree Tree = BuildTree();

    [Fact]
    public void Root_EveryPrefixOfARandomTree_EqualsTheReferenceTreeRoot()
    {
        // Arrange
        var frontier = new MerkleFrontier();

        // Act / Assert: after each append the frontier's root is MTH of that prefix.
        frontier.Root().ShouldBe(MerkleHasher.EmptyRoot.ToArray());
        for (long i = 0; i < MaxSize; i++)
        {
            frontier.Append(Tree.GetLeafHash(i).Span);
            frontier.Size.ShouldBe(i + 1);
            frontier.Root().ShouldBe(Tree.GetRoot(i + 1).ToArray(), $"size {i + 1}");
        }
    }

    [Fact]
    public async Task Append_ReportsEveryCompletedSubtree_WithTheReferenceHash()
    {
        // Arrange
        var frontier = new MerkleFrontier();
        var reported = new List<(MerkleNodeId Id, byte[] Hash)>();

        // Act
        for (long i = 0; i < 64; i++)
        {
            frontier.Append(Tree.GetLeafHash(i).Span, (id, hash) => reported.Add((id, hash)));
        }

        // Assert: 64 leaves complete 32 + 16 + 8 + 4 + 2 + 1 parents.
        reported.Count.ShouldBe(64 + 63);
        reported.Select(r => r.Id).Distinct().Count().ShouldBe(reported.Count);
        var expected = await Tree.GetNodeHashesAsync(reported.Select(r => r.Id).ToList(), CancellationToken.None);
        for (var i = 0; i < reported.Count; i++)
        {
            reported[i].Hash.ShouldBe(expected[i].ToArray(), reported[i].Id.ToString());
        }
    }

    [Fact]
    public void FromNodes_RandomSize_RebuildsAFrontierThatContinuesLikeTheOriginal()
    {
        // Arrange
        var shapes =
            from size in Gen.Choose(0, MaxSize - 50)
            from more in Gen.Choose(1, 50)
            select (Size: (long)size, More: (long)more);

        // Act
        var property = Prop.ForAll(shapes.ToArbitrary(), shape =>
        {
            var ids = MerkleFrontier.FrontierNodes(shape.Size);
            var hashes = Tree.GetNodeHashesAsync(ids, CancellationToken.None).AsTask().GetAwaiter().GetResult();
            var frontier = MerkleFrontier.FromNodes(shape.Size, hashes);
            var rootNow = frontier.Root().AsSpan().SequenceEqual(Tree.GetRoot(shape.Size).Span);
            for (var i = shape.Size; i < shape.Size + shape.More; i++)
            {
                frontier.Append(Tree.GetLeafHash(i).Span);
            }
            return rootNow && frontier.Root().AsSpan().SequenceEqual(Tree.GetRoot(shape.Size + shape.More).Span)
                && ids.Sum(n => n.LeafCount) == shape.Size;
        });

        // Assert
        Check.One(Settings, property);
    }

    [Fact]
    public void Clone_AppendingToTheCopy_LeavesTheOriginalUnchanged()
    {
        // Arrange
        var frontier = new MerkleFrontier();
        for (long i = 0; i < 5; i++)
        {
            frontier.Append(Tree.GetLeafHash(i).Span);
        }

        // Act
        var copy = frontier.Clone();
        copy.Append(Tree.GetLeafHash(5).Span);

        // Assert
        frontier.Size.ShouldBe(5);
        frontier.Root().ShouldBe(Tree.GetRoot(5).ToArray());
        copy.Root().ShouldBe(Tree.GetRoot(6).ToArray());
    }

    [Fact]
    public void FromNodes_WrongNumberOfHashes_Throws()
    {
        // 6 = 4 + 2 has two frontier subtrees.
        Should.Throw<ArgumentException>(() => MerkleFrontier.FromNodes(6, [Tree.GetLeafHash(0)]));
    }

    [Fact]
    public void FrontierNodes_Size13_IsEightFourOne()
    {
        MerkleFrontier.FrontierNodes(13).ShouldBe([new MerkleNodeId(3, 0), new MerkleNodeId(2, 2), new MerkleNodeId(0, 12)]);
    }

    private static InMemoryMerkleTree BuildTree()
    {
        var tree = new InMemoryMerkleTree();
        var random = new Random(7);
        for (var i = 0; i < MaxSize; i++)
        {
            var leaf = new byte[random.Next(0, 40)];
            random.NextBytes(leaf);
            tree.Append(leaf);
        }
        return tree;
    }
}
