namespace ReelRights.Core.Ledger;

/// <summary>The log's identity and size: one row, locked by every append batch.</summary>
public sealed class LedgerState
{
    public const int SingletonId = 1;

    public int Id { get; set; } = SingletonId;
    /// <summary>The C2SP checkpoint origin line: unique to this deployment's log.</summary>
    public required string Origin { get; set; }
    public long TreeSize { get; set; }
    /// <summary>The time-stamping authority's certificate and key (PKCS#12), encrypted at rest.</summary>
    public required string TsaProtectedPfx { get; set; }
    public required byte[] TsaCertificate { get; set; }
    public DateTime CreatedAt { get; set; }
}
