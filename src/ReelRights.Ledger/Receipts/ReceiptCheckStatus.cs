namespace ReelRights.Ledger.Receipts;

/// <summary>Outcome of one receipt check.</summary>
public enum ReceiptCheckStatus
{
    /// <summary>The check ran and passed.</summary>
    Passed,

    /// <summary>The check ran and failed.</summary>
    Failed,

    /// <summary>The check could not run because a check it depends on failed.</summary>
    Skipped,

    /// <summary>Nothing to check: no time-stamp token, or no trusted TSA certificates configured.</summary>
    NotApplicable,
}
