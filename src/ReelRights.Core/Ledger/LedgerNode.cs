namespace ReelRights.Core.Ledger;

/// <summary>The hash of a complete subtree: level 0 are leaf hashes, level k covers 2^k leaves.</summary>
public sealed class LedgerNode
{
    public int Level { get; set; }
    public long NodeIndex { get; set; }
    public required byte[] Hash { get; set; }
}
