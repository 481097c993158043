using System.Globalization;
using ReelRights.Core.Licensing;

namespace ReelRights.Core.Finance;

/// <summary>
/// Puts the approaches together: the income and market approaches each indicate a range; the range of
/// the report spans both (central at their mean), and the declared production cost (成本法) is its floor.
/// The piracy line is computed beside the range, as a labelled assumption, and never added to it.
/// </summary>
public static class ValuationCalculator
{
    /// <summary>Every approach, the range and the piracy line from the signals and comparables.</summary>
    public static ValuationResult Compute(ValuationSignals signals, IReadOnlyList<Comparable> comparables, ValuationParameters p)
    {
        var (income, incomeDetail) = IncomeApproach.Compute(signals.Royalties, p);
        var (market, marketDetail) = MarketApproach.Compute(comparables, signals.Episodes.Registered, signals.Declared.Genres, signals.Territories.Count > 0, p);
        var cost = Cost(signals.Declared, p);
        return new ValuationResult(income, incomeDetail, market, marketDetail, cost, Reconcile(income, market, cost, p), Piracy(signals, p));
    }

    /// <summary>The cost approach: the production cost the owner declared, in the report's currency.</summary>
    public static ApproachResult Cost(DeclaredInputs declared, ValuationParameters p)
    {
        if (declared.ProductionCostMinor is not { } minor)
        {
            return ApproachResult.NotApplied("cost", "权利人未申报制作成本；成本法未采用。", "The owner declared no production cost. The cost approach is not applied.");
        }
        if (declared.ProductionCostCurrency != p.Currency)
        {
            return ApproachResult.NotApplied("cost", $"申报的制作成本币种为 {declared.ProductionCostCurrency}，与报告币种 {p.Currency} 不同；不作换算，成本法未采用。",
                $"The declared production cost is in {declared.ProductionCostCurrency}, not the report's {p.Currency}; it is not converted, and the cost approach is not applied.");
        }
        var amount = LicenseText.Amount(minor, p.Currency);
        return new ApproachResult("cost", true, minor, minor, minor,
        [
            new FormulaLine($"权利人申报的制作成本 {amount}（申报值，平台未核实），作为估值下限。",
                $"Production cost declared by the owner: {amount} (declared, not verified by the platform), used as the floor."),
        ]);
    }

    private static ValuationRange Reconcile(ApproachResult income, ApproachResult market, ApproachResult cost, ValuationParameters p)
    {
        string M(long minor) => LicenseText.Amount(minor, p.Currency);
        var applied = new[] { income, market }.Where(a => a.Applied).ToList();
        var lines = new List<FormulaLine>();
        if (applied.Count == 0 && !cost.Applied)
        {
            lines.Add(new FormulaLine("收益法、市场法、成本法均无法采用，本报告不给出估值区间；上述信号仍可供评估师参考。",
                "None of the income, market and cost approaches could be applied, so this report indicates no range; the signals above remain for the appraiser."));
            return new ValuationRange(null, null, null, lines);
        }
        long low, central, high;
        if (applied.Count == 0)
        {
            (low, central, high) = (cost.LowMinor!.Value, cost.CentralMinor!.Value, cost.HighMinor!.Value);
            lines.Add(new FormulaLine($"仅成本法可用：区间为申报成本 {M(central)}。", $"Only the cost approach applies: the range is the declared cost, {M(central)}."));
            return new ValuationRange(low, central, high, lines);
        }
        low = applied.Min(a => a.LowMinor!.Value);
        high = applied.Max(a => a.HighMinor!.Value);
        central = IncomeApproach.Round(applied.Average(a => (double)a.CentralMinor!.Value));
        var names = string.Join("、", applied.Select(a => Name(a.Approach).Zh));
        var namesEn = string.Join(" and ", applied.Select(a => Name(a.Approach).En));
        lines.Add(new FormulaLine($"采用{names}：低值取各法低值之最小 {M(low)}，高值取各法高值之最大 {M(high)}，中值取各法中值之平均 {M(central)}。",
            $"Using the {namesEn} approach{(applied.Count > 1 ? "es" : "")}: low is the smallest low, {M(low)}; high the largest high, {M(high)}; central the mean of the centrals, {M(central)}."));
        if (cost.Applied)
        {
            var floor = cost.CentralMinor!.Value;
            if (low < floor || central < floor || high < floor)
            {
                lines.Add(new FormulaLine($"低于申报成本 {M(floor)} 的值提升至该成本（成本法作为下限）。", $"Values below the declared cost {M(floor)} are raised to it (the cost approach is the floor)."));
            }
            (low, central, high) = (Math.Max(low, floor), Math.Max(central, floor), Math.Max(high, floor));
        }
        return new ValuationRange(low, central, high, lines);
    }

    private static PiracyAdjustment Piracy(ValuationSignals signals, ValuationParameters p)
    {
        var views = signals.Piracy.ObservedViews;
        var reportedViews = signals.Royalties.Periods.Sum(x => x.Views);
        var share = signals.Royalties.Periods.Sum(x => x.ShareMinor);
        var displacement = p.PiracyDisplacementPercent;
        if (views == 0 || reportedViews == 0)
        {
            return new PiracyAdjustment(views, null, displacement, null,
            [
                views == 0
                    ? new FormulaLine("监测未观察到盗版副本的播放量，未计算盗版损失。", "Monitoring observed no views on pirated copies, so no loss to piracy is computed.")
                    : new FormulaLine("被许可方未报告播放量，无法得出每次播放的分成，未计算盗版损失。", "Licensees reported no views, so there is no share per view and no loss to piracy is computed."),
            ]);
        }
        var perView = decimal.Round((decimal)share / reportedViews, 4, MidpointRounding.AwayFromZero);
        var lost = decimal.ToInt64(decimal.Round(views * perView * displacement / 100m, 0, MidpointRounding.AwayFromZero));
        var perViewText = $"{p.Currency} {(perView / 100m).ToString("0.######", CultureInfo.InvariantCulture)}";
        var rate = displacement.ToString("0.##", CultureInfo.InvariantCulture);
        return new PiracyAdjustment(views, perView, displacement, lost,
        [
            new FormulaLine($"每次授权播放的许可方分成 = 已确认分成合计 {LicenseText.Amount(share, p.Currency)} ÷ 报告播放量 {reportedViews:N0} = {perViewText}。",
                $"The owner's share per licensed view = confirmed shares {LicenseText.Amount(share, p.Currency)} ÷ reported views {reportedViews:N0} = {perViewText}."),
            new FormulaLine($"假设（可调整）：观察到的盗版播放中有 {rate}% 本会成为授权播放。",
                $"Assumption (adjustable): {rate}% of the pirated views observed would otherwise have been licensed views."),
            new FormulaLine($"因已观察到的盗版而损失的收入 ≈ 盗版播放量 {views:N0} × {perViewText} × {rate}% = {LicenseText.Amount(lost, p.Currency)}；仅供参考，不计入估值区间。",
                $"Revenue lost to the piracy observed ≈ pirated views {views:N0} × {perViewText} × {rate}% = {LicenseText.Amount(lost, p.Currency)}; for reference, not part of the range."),
        ]);
    }

    /// <summary>An approach's name in both languages.</summary>
    public static (string Zh, string En) Name(string approach) => approach switch
    {
        "income" => ("收益法", "income"),
        "market" => ("市场法", "market"),
        _ => ("成本法", "cost"),
    };
}
