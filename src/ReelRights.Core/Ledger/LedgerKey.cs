namespace ReelRights.Core.Ledger;

/// <summary>A checkpoint signing key. Retired keys stay listed so old receipts still verify.</summary>
public sealed class LedgerKey
{
    public Guid Id { get; set; }
    public required string Name { get; set; }
    /// <summary><c>ed25519</c> or <c>sm2</c>.</summary>
    public required string Algorithm { get; set; }
    public required string VerifierKey { get; set; }
    public required string ProtectedSignerKey { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? RetiredAt { get; set; }
}
