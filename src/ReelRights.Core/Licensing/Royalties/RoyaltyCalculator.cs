using System.Globalization;

namespace ReelRights.Core.Licensing.Royalties;

/// <summary>What one month of a license owes, and the formula that says why (zh and en).</summary>
public sealed record RoyaltyFigure(decimal Revenue, decimal Share, decimal CumulativeShare, decimal Owed, string FormulaZh, string FormulaEn)
{
    public long OwedMinor => decimal.ToInt64(Owed * 100m);
}

/// <summary>
/// Royalty arithmetic, all in <see cref="decimal"/> (never floating point), amounts to the cent:
/// <list type="bullet">
/// <item>flat fee: the whole fee falls due in the term's first month; every later month owes 0;</item>
/// <item>revenue share: the month's revenue × the share, rounded to the cent;</item>
/// <item>minimum guarantee plus share: the guarantee falls due in the first month as an advance; each
/// month's share (rounded to the cent) is recouped from it, and only what the cumulative share
/// passes the guarantee by is owed: owed = max(0, C − G) − max(0, C′ − G), with C the cumulative
/// share through this month and C′ through the month before.</item>
/// </list>
/// Rounding is half away from zero, once per month's share; revenue in other currencies is
/// converted row by row at the licensee's rate before summing, unrounded.
/// </summary>
public static class RoyaltyCalculator
{
    /// <summary>
    /// The figure for <paramref name="period"/>, given the price, the term's first month and the
    /// revenue (in the license's currency) of every month from the first through this one.
    /// </summary>
    public static RoyaltyFigure Compute(LicensePrice price, string firstPeriod, string period, IReadOnlyDictionary<string, decimal> revenueByPeriod)
    {
        var revenue = revenueByPeriod.GetValueOrDefault(period);
        var currency = price.Currency;
        string M(decimal amount) => $"{currency} {amount.ToString("N2", CultureInfo.InvariantCulture)}";
        var first = string.CompareOrdinal(period, firstPeriod) == 0;
        switch (price.Model)
        {
            case PriceModel.FlatFee:
            {
                var fee = (price.FlatFeeMinor ?? 0) / 100m;
                return first
                    ? new(revenue, 0, 0, fee, $"一次性许可费 {M(fee)}，于首期（{firstPeriod}）结清；收入 {M(revenue)} 不影响应付。",
                        $"Flat fee {M(fee)}, due in the first month ({firstPeriod}); revenue {M(revenue)} does not change what is owed.")
                    : new(revenue, 0, 0, 0, $"一次性许可费已于首期（{firstPeriod}）结清，本期应付 {M(0)}。",
                        $"The flat fee was due in the first month ({firstPeriod}); this month owes {M(0)}.");
            }
            case PriceModel.RevenueShare:
            {
                var rate = price.SharePercent!.Value;
                var share = ShareOf(revenue, rate);
                var cumulative = revenueByPeriod.Where(p => string.CompareOrdinal(p.Key, period) <= 0).Sum(p => ShareOf(p.Value, rate));
                return new(revenue, share, cumulative, share,
                    $"收入 {M(revenue)} × 分成 {Percent(rate)} = {M(share)}（四舍五入到分）。",
                    $"Revenue {M(revenue)} × {Percent(rate)} share = {M(share)} (rounded to the cent).");
            }
            default:
            {
                var rate = price.SharePercent!.Value;
                var guarantee = (price.MinimumGuaranteeMinor ?? 0) / 100m;
                var share = ShareOf(revenue, rate);
                var before = revenueByPeriod.Where(p => string.CompareOrdinal(p.Key, period) < 0).Sum(p => ShareOf(p.Value, rate));
                var through = before + share;
                var beyond = Math.Max(0, through - guarantee) - Math.Max(0, before - guarantee);
                var owed = (first ? guarantee : 0) + beyond;
                var recouped = Math.Min(through, guarantee);
                var advanceZh = first ? $"首期应付保底 {M(guarantee)}；" : "";
                var advanceEn = first ? $"The minimum guarantee {M(guarantee)} is due in this first month; " : "";
                return new(revenue, share, through, owed,
                    $"{advanceZh}本期分成 = 收入 {M(revenue)} × {Percent(rate)} = {M(share)}；累计分成 {M(through)}，其中 {M(recouped)} 抵扣保底 {M(guarantee)}；" +
                    $"超出保底的部分本期新增 max(0, {M(through)} − {M(guarantee)}) − max(0, {M(before)} − {M(guarantee)}) = {M(beyond)}；本期应付 {M(owed)}。",
                    $"{advanceEn}this month's share = revenue {M(revenue)} × {Percent(rate)} = {M(share)}; cumulative share {M(through)}, of which {M(recouped)} recoups the {M(guarantee)} guarantee; " +
                    $"the share beyond the guarantee grows by max(0, {M(through)} − {M(guarantee)}) − max(0, {M(before)} − {M(guarantee)}) = {M(beyond)}; owed this month {M(owed)}.");
            }
        }
    }

    /// <summary>A month's share of revenue, rounded half away from zero to the cent.</summary>
    public static decimal ShareOf(decimal revenue, decimal percent) => Math.Round(revenue * percent / 100m, 2, MidpointRounding.AwayFromZero);

    /// <summary>The month a date falls in, "2026-11".</summary>
    public static string PeriodOf(DateOnly date) => date.ToString("yyyy-MM", CultureInfo.InvariantCulture);

    private static string Percent(decimal percent) => percent.ToString("0.##", CultureInfo.InvariantCulture) + "%";
}
