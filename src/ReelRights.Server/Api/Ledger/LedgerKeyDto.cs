namespace ReelRights.Server.Api.Ledger;

public sealed record LedgerKeyDto(string Algorithm, string VerifierKey, DateTime CreatedAt, DateTime? RetiredAt);
