namespace ReelRights.Ledger.Merkle;

/// <summary>
/// Leaves [Begin, End) whose RFC 9162 §2.1.1 hash a proof needs. Begin is always aligned to the
/// next power of two at or above the width, as every subtree of the left-balanced tree is, so the
/// range splits into complete subtrees of strictly decreasing size.
/// </summary>
internal readonly record struct SubtreeRange(long Begin, long End)
{
    /// <summary>Appends the complete subtrees that make up this range, left to right.</summary>
    public void AppendNodes(List<MerkleNodeId> nodes)
    {
        var begin = Begin;
        while (begin < End)
        {
            var widthLevel = 63 - long.LeadingZeroCount(End - begin);
            var alignLevel = begin == 0 ? 62 : (int)long.TrailingZeroCount(begin);
            var level = (int)Math.Min(widthLevel, alignLevel);
            nodes.Add(new MerkleNodeId(level, begin >> level));
            begin += 1L << level;
        }
    }
}
