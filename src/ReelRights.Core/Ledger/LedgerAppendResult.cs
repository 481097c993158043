using ReelRights.Ledger.Receipts;

namespace ReelRights.Core.Ledger;

/// <summary>An entry durably appended: its index and a receipt that verifies offline.</summary>
public sealed record LedgerAppendResult(long LeafIndex, Receipt Receipt);
