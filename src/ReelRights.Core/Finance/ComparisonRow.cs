namespace ReelRights.Core.Finance;

/// <summary>One figure in two reports.</summary>
public sealed record ComparisonRow(string Zh, string En, string Before, string After, bool Changed);
