using ReelRights.Core.Ledger;

namespace ReelRights.Server.Api.Ledger;

public sealed record CheckpointDto(long TreeSize, string RootHash, string Note, DateTime CreatedAt)
{
    public static CheckpointDto From(LedgerCheckpoint c) => new(c.TreeSize, Convert.ToBase64String(c.RootHash), c.Note, c.CreatedAt);
}
