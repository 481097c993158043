namespace ReelRights.Core.Finance;

/// <summary>What an owner declares for valuation: genre tags, production cost and currency, first publication.</summary>
public sealed record ProfileInput(IReadOnlyList<string>? Genres = null, long? ProductionCostMinor = null, string? ProductionCostCurrency = null, DateOnly? FirstPublishedOn = null);
