using ReelRights.Ledger.Notes;
using ReelRights.Ledger.Records;

namespace ReelRights.Ledger.Receipts;

/// <summary>Every check's outcome, plus what was learned from a valid receipt.</summary>
public sealed record ReceiptVerificationResult
{
    /// <summary>All checks in the order they ran.</summary>
    public required IReadOnlyList<ReceiptCheckResult> Checks { get; init; }

    /// <summary>The parsed record, if it parsed.</summary>
    public LedgerRecord? Record { get; init; }

    /// <summary>The checkpoint body, if it parsed.</summary>
    public Checkpoint? Checkpoint { get; init; }

    /// <summary>The RFC 6962 leaf hash of the leaf data.</summary>
    public required ReadOnlyMemory<byte> LeafHash { get; init; }

    /// <summary>genTime of the time-stamp token, if one was present and decoded.</summary>
    public DateTimeOffset? Timestamp { get; init; }

    /// <summary>True when no check failed.</summary>
    public bool IsValid => Checks.All(c => c.Status is ReceiptCheckStatus.Passed or ReceiptCheckStatus.NotApplicable);

    /// <summary>The first failing check, or null when valid.</summary>
    public ReceiptCheck? FirstFailure => Checks.FirstOrDefault(c => c.Status == ReceiptCheckStatus.Failed)?.Check;

    /// <summary>"包含证明未通过 / inclusion proof failed: …" for the first failure, or null when valid.</summary>
    public string? FailureMessage
    {
        get
        {
            var failed = Checks.FirstOrDefault(c => c.Status == ReceiptCheckStatus.Failed);
            return failed is null
                ? null
                : $"{ReceiptCheckNames.Chinese(failed.Check)}未通过 / {ReceiptCheckNames.English(failed.Check)} failed: {failed.Detail}";
        }
    }
}
