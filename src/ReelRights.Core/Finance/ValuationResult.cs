namespace ReelRights.Core.Finance;

// What the approaches computed from the signals. Every figure carries the lines that show how it was
// computed, in Chinese and English, so the report is evidence an appraiser can re-do by hand.

/// <summary>The three approaches, the range they indicate, and the labelled piracy line.</summary>
public sealed record ValuationResult(
    ApproachResult Income, IncomeDetail IncomeDetail, ApproachResult Market, MarketDetail MarketDetail, ApproachResult Cost, ValuationRange Range,
    PiracyAdjustment Piracy);

/// <summary>One approach: whether it could be applied (and why not), its low, central and high value, and its working.</summary>
public sealed record ApproachResult(string Approach, bool Applied, long? LowMinor, long? CentralMinor, long? HighMinor, IReadOnlyList<FormulaLine> Lines)
{
    /// <summary>An approach that could not be applied, with the reason as its only line.</summary>
    public static ApproachResult NotApplied(string approach, string zh, string en) => new(approach, false, null, null, null, [new FormulaLine(zh, en)]);
}

/// <summary>One line of working, in both languages.</summary>
public sealed record FormulaLine(string Zh, string En);

/// <summary>The fitted decay and the month-by-month projection behind the income approach.</summary>
public sealed record IncomeDetail(DecayFit? Fit, IReadOnlyList<double> History, IReadOnlyList<string> HistoryPeriods, IReadOnlyList<ProjectedMonth> Projection);

/// <summary>A projected month: the central projected income and its present value.</summary>
public sealed record ProjectedMonth(string Period, long CentralMinor, long PresentValueMinor);

/// <summary>
/// The comparable works behind the market approach, reported only as counts and quartiles: another
/// owner's contracts are never shown, and a figure is given only when enough works from enough
/// organizations stand behind it that none can be read back.
/// </summary>
public sealed record MarketDetail(int Comparables, int Organizations, string EpisodeBand, IReadOnlyList<string> Genres, bool TerritoryFiltered,
    long? Q1PerEpisodeMinor, long? MedianPerEpisodeMinor, long? Q3PerEpisodeMinor, IReadOnlyList<string> OwnComparables);

/// <summary>The indicated range after reconciling the approaches and applying the cost floor.</summary>
public sealed record ValuationRange(long? LowMinor, long? CentralMinor, long? HighMinor, IReadOnlyList<FormulaLine> Lines);

/// <summary>
/// Revenue lost to observed piracy: an explicit assumption, not part of the range. Pirated views the
/// monitor saw × the owner's share per licensed view × the share of pirated views assumed to have
/// displaced a licensed view.
/// </summary>
public sealed record PiracyAdjustment(long PiratedViews, decimal? SharePerViewMinor, decimal DisplacementPercent, long? LostMinor, IReadOnlyList<FormulaLine> Lines);
