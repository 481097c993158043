namespace ReelRights.Server.Api.Ledger;

/// <summary>Keys to pin: checkpoint verifier keys (retired ones too) and the TSA certificate.</summary>
public sealed record LedgerKeysDto(string Origin, IReadOnlyList<LedgerKeyDto> Keys, string TsaCertificatePem);
