namespace ReelRights.Core.Licensing.Royalties;

/// <summary>One row of usage as reported, before it is checked against the license (<see cref="UsageRules"/>).</summary>
public sealed record UsageRow(int Row, string? Period, string? Territory, string? Platform, int? Episode, long? Views, decimal? Revenue, string? Currency, decimal? FxRate = null);
