using ReelRights.Core.Finance;

namespace ReelRights.Server.Api.Finance;

/// <summary>What an owner declares for valuation.</summary>
public sealed record ProfileRequest(IReadOnlyList<string>? Genres = null, long? ProductionCostMinor = null, string? ProductionCostCurrency = null, DateOnly? FirstPublishedOn = null);

/// <summary>A work's valuation profile.</summary>
public sealed record ProfileDto(Guid WorkId, IReadOnlyList<string> Genres, long? ProductionCostMinor, string? ProductionCostCurrency, DateOnly? FirstPublishedOn, DateTime? UpdatedAt)
{
    public static ProfileDto From(ValuationProfile p) =>
        new(p.WorkId, WorkGenres.Of(p), p.ProductionCostMinor, p.ProductionCostCurrency, p.FirstPublishedOn, p.UpdatedAt == default ? null : p.UpdatedAt);
}

/// <summary>The parameters of a run; each left out takes its default (CNY, 12 %, 24 months, 20 %).</summary>
public sealed record ValuationRequest(string? Currency = null, decimal? DiscountRatePercent = null, int? HorizonMonths = null, decimal? PiracyDisplacementPercent = null)
{
    public ValuationParameters ToParameters()
    {
        var d = ValuationParameters.Default;
        return new ValuationParameters(Currency ?? d.Currency, DiscountRatePercent ?? d.DiscountRatePercent, HorizonMonths ?? d.HorizonMonths,
            PiracyDisplacementPercent ?? d.PiracyDisplacementPercent);
    }
}

/// <summary>A report in a list: its number, range and seal.</summary>
public sealed record ValuationSummaryDto(string Number, Guid WorkId, string Currency, long? LowMinor, long? CentralMinor, long? HighMinor, string ContentSha256,
    string? PdfSha256, string? PdfSm3, DateTime CreatedAt, long? LedgerIndex, string? Receipt)
{
    public static ValuationSummaryDto From(ValuationReport r) =>
        new(r.Number, r.WorkId, r.Currency, r.LowMinor, r.CentralMinor, r.HighMinor, r.ContentSha256, r.PdfSha256, r.PdfSm3, r.CreatedAt, r.LedgerIndex,
            r.LedgerIndex is { } i ? $"/api/ledger/receipts/{i}" : null);
}

/// <summary>A report with its whole content.</summary>
public sealed record ValuationReportDto(ValuationSummaryDto Report, ValuationContent Content)
{
    public static ValuationReportDto From(ValuationReportView v) => new(ValuationSummaryDto.From(v.Report), v.Content);
}
