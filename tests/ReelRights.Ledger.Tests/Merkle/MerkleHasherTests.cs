using System.Text;
using ReelRights.Ledger.Merkle;
using ReelRights.Ledger.Tests.Support;

namespace ReelRights.Ledger.Tests.Merkle;

public sealed class MerkleHasherTests
{
    /// <summary>The eight leaves of the RFC 6962 reference test tree (Certificate Transparency / transparency-dev).</summary>
    internal static readonly byte[][] ReferenceLeaves =
    [
        [], [0x00], [0x10], Bytes.Hex("2021"), Bytes.Hex("3031"), Bytes.Hex("40414243"),
        Bytes.Hex("5051525354555657"), Bytes.Hex("606162636465666768696a6b6c6d6e6f"),
    ];

    /// <summary>Roots of the reference tree at sizes 1..8.</summary>
    internal static readonly string[] ReferenceRoots =
    [
        "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
        "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
        "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
        "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
        "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
        "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
        "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
        "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328",
    ];

    [Fact]
    public void HashLeaf_EmptyData_IsSha256OfZeroByte()
    {
        // Act
        var hash = MerkleHasher.HashLeaf([]);

        // Assert
        Convert.ToHexStringLower(hash).ShouldBe("6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d");
    }

    [Fact]
    public void EmptyRoot_Always_IsSha256OfEmptyString()
    {
        // Act
        var root = MerkleHasher.EmptyRoot;

        // Assert
        Convert.ToHexStringLower(root.Span).ShouldBe("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    }

    [Fact]
    public void HashChildren_TwoLeaves_PrefixesOneByte()
    {
        // Arrange
        var left = MerkleHasher.HashLeaf([]);
        var right = MerkleHasher.HashLeaf([0x00]);

        // Act
        var node = MerkleHasher.HashChildren(left, right);

        // Assert
        Convert.ToHexStringLower(node).ShouldBe(ReferenceRoots[1]);
    }

    [Fact]
    public void HashChildren_WrongLength_Throws()
    {
        // Act / Assert
        Should.Throw<ArgumentException>(() => MerkleHasher.HashChildren(new byte[31], new byte[32]));
    }

    [Fact]
    public void ComputeRoot_ReferenceLeaves_MatchesKnownRootsAtEverySize()
    {
        // Arrange
        var leafHashes = ReferenceLeaves.Select(l => (ReadOnlyMemory<byte>)MerkleHasher.HashLeaf(l)).ToArray();

        for (var size = 1; size <= leafHashes.Length; size++)
        {
            // Act
            var root = MerkleHasher.ComputeRoot(leafHashes.Take(size));

            // Assert
            Convert.ToHexStringLower(root).ShouldBe(ReferenceRoots[size - 1], $"size {size}");
        }
    }

    [Fact]
    public void ComputeRoot_NoLeaves_ReturnsEmptyRoot()
    {
        // Act
        var root = MerkleHasher.ComputeRoot([]);

        // Assert
        root.ShouldBe(MerkleHasher.EmptyRoot.ToArray());
    }

    [Fact]
    public void ComputeRoot_ManyLeaves_MatchesRecursiveReference()
    {
        // Arrange
        var leaves = Enumerable.Range(0, 77).Select(i => MerkleHasher.HashLeaf(Encoding.UTF8.GetBytes($"leaf {i}"))).ToArray();

        // Act
        var root = MerkleHasher.ComputeRoot(leaves.Select(l => (ReadOnlyMemory<byte>)l));

        // Assert
        root.ShouldBe(RfcReference.Mth(leaves, 0, leaves.Length));
    }
}
