namespace ReelRights.Server.Api.Ledger;

public sealed record AttestRequest(string Title, string Sha256, string? Sm3 = null);
