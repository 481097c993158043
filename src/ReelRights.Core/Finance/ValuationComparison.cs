using System.Globalization;
using ReelRights.Core.Licensing;

namespace ReelRights.Core.Finance;

/// <summary>Two reports of one work side by side: each figure before and after, and whether it changed.</summary>
public sealed record ValuationComparison(string Earlier, string Later, DateTime EarlierAt, DateTime LaterAt, IReadOnlyList<ComparisonRow> Rows)
{
    /// <summary>Compares an earlier report's content with a later one's.</summary>
    public static ValuationComparison Of(ValuationContent a, ValuationContent b)
    {
        string M(long? minor, string currency) => minor is { } m ? LicenseText.Amount(m, currency) : "—";
        string N(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);
        var rows = new List<ComparisonRow>();
        void Row(string zh, string en, string before, string after) => rows.Add(new ComparisonRow(zh, en, before, after, before != after));
        Row("币种", "Currency", a.Parameters.Currency, b.Parameters.Currency);
        Row("年折现率", "Annual discount rate", N((double)a.Parameters.DiscountRatePercent) + "%", N((double)b.Parameters.DiscountRatePercent) + "%");
        Row("预测期（月）", "Horizon (months)", N(a.Parameters.HorizonMonths), N(b.Parameters.HorizonMonths));
        Row("盗版替代率", "Piracy displacement", N((double)a.Parameters.PiracyDisplacementPercent) + "%", N((double)b.Parameters.PiracyDisplacementPercent) + "%");
        Row("估值低值", "Low", M(a.Result.Range.LowMinor, a.Parameters.Currency), M(b.Result.Range.LowMinor, b.Parameters.Currency));
        Row("估值中值", "Central", M(a.Result.Range.CentralMinor, a.Parameters.Currency), M(b.Result.Range.CentralMinor, b.Parameters.Currency));
        Row("估值高值", "High", M(a.Result.Range.HighMinor, a.Parameters.Currency), M(b.Result.Range.HighMinor, b.Parameters.Currency));
        foreach (var (x, y) in new[] { (a.Result.Income, b.Result.Income), (a.Result.Market, b.Result.Market), (a.Result.Cost, b.Result.Cost) })
        {
            var (zh, en) = ValuationCalculator.Name(x.Approach);
            Row($"{zh}中值", $"{char.ToUpperInvariant(en[0])}{en[1..]} approach, central", x.Applied ? M(x.CentralMinor, a.Parameters.Currency) : "未采用 / not applied",
                y.Applied ? M(y.CentralMinor, b.Parameters.Currency) : "未采用 / not applied");
        }
        Row("已登记分集", "Registered episodes", N(a.Signals.Episodes.Registered), N(b.Signals.Episodes.Registered));
        Row("权利链完整度", "Chain of title", $"{a.Signals.ChainOfTitle.Satisfied}/{a.Signals.ChainOfTitle.Applicable}",
            $"{b.Signals.ChainOfTitle.Satisfied}/{b.Signals.ChainOfTitle.Applicable}");
        Row("许可数", "Licenses", N(a.Signals.Licenses.Count), N(b.Signals.Licenses.Count));
        Row("有结算的月份", "Months with statements", N(a.Signals.Royalties.Periods.Count), N(b.Signals.Royalties.Periods.Count));
        Row("已确认分成合计", "Confirmed shares", M(a.Signals.Royalties.Periods.Sum(p => p.ShareMinor), a.Parameters.Currency),
            M(b.Signals.Royalties.Periods.Sum(p => p.ShareMinor), b.Parameters.Currency));
        Row("盗版副本", "Pirated copies", N(a.Signals.Piracy.Copies), N(b.Signals.Piracy.Copies));
        Row("盗版播放量", "Pirated views observed", N(a.Signals.Piracy.ObservedViews), N(b.Signals.Piracy.ObservedViews));
        Row("维权案件", "Cases", N(a.Signals.Disputes.Cases), N(b.Signals.Disputes.Cases));
        return new ValuationComparison(a.Number, b.Number, a.GeneratedAt, b.GeneratedAt, rows);
    }
}
