namespace ReelRights.Core.Ledger;

/// <summary>The outcome of <see cref="LedgerIntegrityCheck"/>: counts when intact, the first broken part when not.</summary>
public sealed record LedgerIntegrityResult(bool Intact, long Entries, long Nodes, int Checkpoints, string? ProblemZh, string? ProblemEn);
