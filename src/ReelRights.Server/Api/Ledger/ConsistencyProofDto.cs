namespace ReelRights.Server.Api.Ledger;

public sealed record ConsistencyProofDto(long From, long To, IReadOnlyList<string> Proof);
