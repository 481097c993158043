namespace ReelRights.Core.Ledger;

public sealed class LedgerOptions
{
    public const string Section = "Ledger";

    /// <summary>Checkpoint origin for a new log; when empty one is generated on first run.</summary>
    public string? Origin { get; set; }

    /// <summary>An external RFC 3161 time-stamping authority; when empty the platform's own TSA signs.</summary>
    public Uri? TsaUrl { get; set; }

    /// <summary>Add an SM2 (国密) signature line to every checkpoint, beside Ed25519.</summary>
    public bool Sm2Signature { get; set; }

    /// <summary>Most entries committed in one transaction (group commit).</summary>
    public int MaxBatch { get; set; } = 1000;
}
