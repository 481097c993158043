using ReelRights.Core.Licensing.Royalties;

namespace ReelRights.Server.Api.Licensing;

/// <summary>One row of usage: month (YYYY-MM), ISO 3166-1 territory, platform, episode (null for the whole work), views, revenue, currency, and the rate to the license's currency when it differs.</summary>
public sealed record UsageRowDto(string? Period = null, string? Territory = null, string? Platform = null, int? Episode = null, long? Views = null, decimal? Revenue = null, string? Currency = null, decimal? FxRate = null);

public sealed record UsageRequest(IReadOnlyList<UsageRowDto>? Rows);

public sealed record UsageImportDto(Guid Id, string Source, string? FileName, string Sha256, int Rows, DateTime At)
{
    public static UsageImportDto From(UsageImport i) => new(i.Id, i.Source, i.FileName, i.Sha256, i.Rows, i.At);
}

public sealed record StatementRequest(string? Period);

public sealed record ConfirmStatementRequest(string? ContentSha256);

public sealed record PaymentRequest(long AmountMinor, DateOnly PaidOn, string? Reference);

public sealed record UsageLineDto(string Period, string Territory, string Platform, int? Episode, long Views, decimal Revenue, string Currency, decimal? FxRate, decimal RevenueInLicenseCurrency)
{
    public static UsageLineDto From(UsageLine l) => new(l.Period, l.Territory, l.Platform, l.Episode, l.Views, l.Revenue, l.Currency, l.FxRate, l.RevenueInLicenseCurrency);
}

public sealed record PaymentDto(Guid Id, long AmountMinor, DateOnly PaidOn, string Reference, Guid RecordedBy, DateTime At, long? LedgerIndex)
{
    public static PaymentDto From(RoyaltyPayment p) => new(p.Id, p.AmountMinor, p.PaidOn, p.Reference, p.OrganizationId, p.At, p.LedgerIndex);
}

/// <summary>A statement with its figures, its formula, what both sides confirmed and what was paid.</summary>
public sealed record StatementDto(string Number, string License, string Period, string Currency, long Views, decimal Revenue, decimal Share, decimal CumulativeShare,
    long OwedMinor, long PaidMinor, long OutstandingMinor, string FormulaZh, string FormulaEn, string ContentSha256, DateTime? LicensorConfirmedAt,
    DateTime? LicenseeConfirmedAt, bool Confirmed, long? LedgerIndex, IReadOnlyList<UsageLineDto>? Usage, IReadOnlyList<PaymentDto>? Payments,
    ObservedViews? Observed = null)
{
    public static StatementDto From(RoyaltyStatementView v) =>
        From(v.Statement, v.License.Code, v.PaidMinor, v.Lines.Select(UsageLineDto.From).ToList(), v.Payments.Select(PaymentDto.From).ToList()) with { Observed = v.Observed };

    public static StatementDto From(RoyaltyStatement s, string license, long? paidMinor = null, IReadOnlyList<UsageLineDto>? usage = null, IReadOnlyList<PaymentDto>? payments = null) =>
        new(s.Number, license, s.Period, s.Currency, s.Views, s.Revenue, s.Share, s.CumulativeShare, s.OwedMinor, paidMinor ?? 0, Math.Max(0, s.OwedMinor - (paidMinor ?? 0)),
            s.FormulaZh, s.FormulaEn, s.ContentSha256, s.LicensorConfirmedAt, s.LicenseeConfirmedAt, s.Confirmed, s.LedgerIndex, usage, payments);
}
