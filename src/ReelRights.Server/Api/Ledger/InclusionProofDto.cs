namespace ReelRights.Server.Api.Ledger;

public sealed record InclusionProofDto(long Index, long TreeSize, string LeafHash, IReadOnlyList<string> Proof, string Checkpoint);
