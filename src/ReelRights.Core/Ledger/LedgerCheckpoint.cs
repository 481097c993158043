namespace ReelRights.Core.Ledger;

/// <summary>A signed checkpoint (C2SP signed note) of the tree at one size.</summary>
public sealed class LedgerCheckpoint
{
    public long TreeSize { get; set; }
    public required byte[] RootHash { get; set; }
    public required string Note { get; set; }
    public DateTime CreatedAt { get; set; }
}
