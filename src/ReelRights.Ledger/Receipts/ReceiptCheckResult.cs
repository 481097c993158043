namespace ReelRights.Ledger.Receipts;

/// <summary>The outcome of one check.</summary>
/// <param name="Check">Which check.</param>
/// <param name="Status">Its outcome.</param>
/// <param name="Detail">What was found, in English (e.g. the leaf hash, or why it failed).</param>
public sealed record ReceiptCheckResult(ReceiptCheck Check, ReceiptCheckStatus Status, string Detail)
{
    /// <summary>"中文 / English" name of the check.</summary>
    public string Label => ReceiptCheckNames.Label(Check);
}
