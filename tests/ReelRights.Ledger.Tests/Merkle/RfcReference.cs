using ReelRights.Ledger.Merkle;

namespace ReelRights.Ledger.Tests.Merkle;

/// <summary>
/// A literal, recursive transcription of RFC 9162 §2.1.1 (MTH), §2.1.3.1 (PATH) and §2.1.4.1
/// (PROOF/SUBPROOF), used only to cross-check the iterative production code on small trees.
/// </summary>
internal static class RfcReference
{
    public static byte[] Mth(IReadOnlyList<byte[]> leafHashes, int begin, int end)
    {
        var n = end - begin;
        if (n == 1)
        {
            return leafHashes[begin];
        }

        var k = LargestPowerOfTwoBelow(n);
        return MerkleHasher.HashChildren(Mth(leafHashes, begin, begin + k), Mth(leafHashes, begin + k, end));
    }

    public static List<byte[]> Path(IReadOnlyList<byte[]> leaves, int m, int begin, int end)
    {
        var n = end - begin;
        if (n == 1)
        {
            return [];
        }

        var k = LargestPowerOfTwoBelow(n);
        if (m < k)
        {
            var path = Path(leaves, m, begin, begin + k);
            path.Add(Mth(leaves, begin + k, end));
            return path;
        }

        var right = Path(leaves, m - k, begin + k, end);
        right.Add(Mth(leaves, begin, begin + k));
        return right;
    }

    public static List<byte[]> Subproof(IReadOnlyList<byte[]> leaves, int m, int begin, int end, bool b)
    {
        var n = end - begin;
        if (m == n)
        {
            return b ? [] : [Mth(leaves, begin, end)];
        }

        var k = LargestPowerOfTwoBelow(n);
        if (m <= k)
        {
            var proof = Subproof(leaves, m, begin, begin + k, b);
            proof.Add(Mth(leaves, begin + k, end));
            return proof;
        }

        var rest = Subproof(leaves, m - k, begin + k, end, false);
        rest.Add(Mth(leaves, begin, begin + k));
        return rest;
    }

    private static int LargestPowerOfTwoBelow(int n)
    {
        var k = 1;
        while (k * 2 < n)
        {
            k *= 2;
        }

        return k;
    }
}
