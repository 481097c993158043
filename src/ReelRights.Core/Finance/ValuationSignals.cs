namespace ReelRights.Core.Finance;

// The records a valuation is computed from. Each signal names the platform records it came from
// (SourceRecord), so an appraiser can check every figure against a sealed leaf. Amounts are minor
// units of the report's currency.

/// <summary>Every signal of a work at the moment a report was run.</summary>
public sealed record ValuationSignals(
    WorkSummary Work,
    EpisodeSignal Episodes,
    ChainOfTitleSignal ChainOfTitle,
    AigcSignal Aigc,
    IReadOnlyList<LicenseSignal> Licenses,
    IReadOnlyList<TerritoryCoverage> Territories,
    RoyaltyHistory Royalties,
    PiracySignal Piracy,
    DisputeSignal Disputes,
    AgeSignal Age,
    DeclaredInputs Declared);

/// <summary>A platform record a figure came from: its kind, its number or code, and its ledger leaf when sealed.</summary>
public sealed record SourceRecord(string Kind, string Reference, long? LedgerIndex = null);

/// <summary>The work valued.</summary>
public sealed record WorkSummary(string Code, string Title, string Type, string Owner);

/// <summary>Registered episodes and their running time.</summary>
public sealed record EpisodeSignal(int Registered, double Minutes, IReadOnlyList<SourceRecord> Sources);

/// <summary>One check of the chain of title: whether it applies to this work, whether it is met, and the records that meet it.</summary>
public sealed record ChainItem(string Code, string Zh, string En, bool Applicable, bool Satisfied, IReadOnlyList<SourceRecord> Sources);

/// <summary>The chain-of-title checklist and how much of it is met.</summary>
public sealed record ChainOfTitleSignal(int Satisfied, int Applicable, IReadOnlyList<ChainItem> Items)
{
    /// <summary>Share of applicable checks met, 0 to 1.</summary>
    public double Completeness => Applicable == 0 ? 0 : Math.Round((double)Satisfied / Applicable, 4);
}

/// <summary>What the owner declared about AI use, and how many registered episodes carry an implicit AIGC label saying AI made them.</summary>
public sealed record AigcSignal(bool DeclaredUsesAi, IReadOnlyList<string> Tools, int EpisodesLabelledAi, int Episodes);

/// <summary>One license of the work and what it has earned the owner in the report's currency.</summary>
public sealed record LicenseSignal(
    string Code, string Licensee, string Rights, IReadOnlyList<string> Territories, DateOnly Start, DateOnly End, string Exclusivity, string State,
    string Currency, long ContractedMinor, long ReportedRevenueMinor, long IncomeMinor, int ConfirmedStatements, bool InReportCurrency, long? GrantLedgerIndex);

/// <summary>A territory the work is licensed in today, with how many licenses in force cover it and whether one is exclusive.</summary>
public sealed record TerritoryCoverage(string Code, int Licenses, bool Exclusive);

/// <summary>Confirmed royalty statements per month, and statements left out (not confirmed by both sides, or in another currency).</summary>
public sealed record RoyaltyHistory(IReadOnlyList<RoyaltyPeriod> Periods, int UnconfirmedStatements, int OtherCurrencyStatements);

/// <summary>
/// One month of confirmed statements: the licensees' reported revenue, the owner's share of it before any
/// guarantee is recouped, what was owed (fees and guarantees included), and the views reported.
/// </summary>
public sealed record RoyaltyPeriod(string Period, long RevenueMinor, long ShareMinor, long OwedMinor, long Views, IReadOnlyList<SourceRecord> Sources);

/// <summary>Monitored unlicensed copies of the work.</summary>
public sealed record PiracySignal(
    int Copies, int Platforms, double CopiedMinutes, long ObservedViews, int CopiesWithViews, IReadOnlyList<PlatformPiracy> ByPlatform,
    IReadOnlyList<PiracyWeek> Weeks);

/// <summary>Unlicensed copies found on one platform (host).</summary>
public sealed record PlatformPiracy(string Platform, int Copies, double CopiedMinutes, long ObservedViews);

/// <summary>Copies first found in one ISO week (China time), per platform.</summary>
public sealed record PiracyWeek(string Week, IReadOnlyList<PlatformCount> ByPlatform)
{
    /// <summary>Copies found that week on every platform.</summary>
    public int Copies => ByPlatform.Sum(p => p.Copies);
}

/// <summary>A platform and a count.</summary>
public sealed record PlatformCount(string Platform, int Copies);

/// <summary>Enforcement cases about the work and how they ended.</summary>
public sealed record DisputeSignal(int Cases, int Open, int Settled, int Withdrawn, int Failed, IReadOnlyList<SourceRecord> Sources);

/// <summary>The work's age: from the declared first publication, else from its first sealed registration.</summary>
public sealed record AgeSignal(DateOnly? Since, string Basis, int? Days);

/// <summary>What the owner declared for valuation (never verified by the platform); the genres include the tags of the work's listings.</summary>
public sealed record DeclaredInputs(IReadOnlyList<string> Genres, long? ProductionCostMinor, string? ProductionCostCurrency, DateOnly? FirstPublishedOn);
