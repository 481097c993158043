namespace ReelRights.Server.Api.Ledger;

/// <summary>A sealed attestation and the receipt that proves it offline (<c>reelrights verify</c>).</summary>
public sealed record AttestationDto(long Index, string LeafHash, string Receipt);
