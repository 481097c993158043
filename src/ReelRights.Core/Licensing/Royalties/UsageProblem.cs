namespace ReelRights.Core.Licensing.Royalties;

/// <summary>What is wrong with reported usage and where: the row (1 is a CSV's header) and the column.</summary>
public sealed record UsageProblem(int Row, string Column, string Zh, string En);
