using System.Globalization;
using ReelRights.Core.Licensing;

namespace ReelRights.Core.Finance;

/// <summary>
/// The income approach (收益法): the present value of the owner's future licence income, projected
/// from the work's own confirmed monthly royalty shares along a fitted exponential decay (micro-dramas
/// earn most in their first weeks), discounted monthly at the user's annual rate. The range comes from
/// the uncertainty of the decay rate: low at λ + one standard error, high at λ − one (never below 0).
/// </summary>
public static class IncomeApproach
{
    /// <summary>Computes the approach from the confirmed royalty history.</summary>
    public static (ApproachResult Result, IncomeDetail Detail) Compute(RoyaltyHistory history, ValuationParameters p)
    {
        var (periods, monthly) = Monthly(history);
        var fit = DecayFit.Fit(monthly);
        if (fit is null)
        {
            var earning = monthly.Count(m => m > 0);
            return (ApproachResult.NotApplied("income",
                    $"收益法需要至少 {DecayFit.MinimumPoints} 个月有分成收入的已确认结算单，现有 {earning} 个月；未采用。",
                    $"The income approach needs confirmed statements with revenue-share income in at least {DecayFit.MinimumPoints} months; there are {earning}. Not applied."),
                new IncomeDetail(null, monthly, periods, []));
        }
        // Every projection starts from the fitted level of the last month of history; only the rate varies.
        var level = fit.At(monthly.Count - 1, fit.Lambda);
        var central = Math.Max(fit.Lambda, 0);
        var low = central + fit.LambdaStandardError;
        var high = Math.Max(fit.Lambda - fit.LambdaStandardError, 0);
        var rate = (double)p.DiscountRatePercent / 100;
        var last = periods[^1];
        var projection = new List<ProjectedMonth>();
        double pvCentral = 0, pvLow = 0, pvHigh = 0;
        for (var k = 1; k <= p.HorizonMonths; k++)
        {
            var discount = Math.Pow(1 + rate, -k / 12.0);
            pvCentral += level * Math.Exp(-central * k) * discount;
            pvLow += level * Math.Exp(-low * k) * discount;
            pvHigh += level * Math.Exp(-high * k) * discount;
            projection.Add(new ProjectedMonth(AddMonths(last, k), Round(level * Math.Exp(-central * k)), Round(level * Math.Exp(-central * k) * discount)));
        }
        string M(double minor) => LicenseText.Amount(Round(minor), p.Currency);
        string F(double x, string format = "0.0000") => x.ToString(format, CultureInfo.InvariantCulture);
        var lines = new List<FormulaLine>
        {
            new($"历史：{periods[0]} 至 {last} 共 {monthly.Count} 个月的已确认分成（许可方分成，未扣保底）；其中 {fit.Skipped} 个月无收入，不参与拟合。",
                $"History: confirmed revenue shares (the owner's share, before any guarantee is recouped) for the {monthly.Count} months {periods[0]} to {last}; {fit.Skipped} months without income are left out of the fit."),
            new($"拟合 ln y = ln A − λt（最小二乘，t 为月序号，首月 t = 0）：A = {M(fit.A)}，λ = {F(fit.Lambda)}，λ 标准误 = {F(fit.LambdaStandardError)}，R² = {F(fit.RSquared, "0.000")}，{fit.Points} 个点。",
                $"Fit ln y = ln A − λt (least squares, t the month number, 0 for the first): A = {M(fit.A)}, λ = {F(fit.Lambda)}, standard error of λ = {F(fit.LambdaStandardError)}, R² = {F(fit.RSquared, "0.000")}, {fit.Points} points."),
            fit.HalfLifeMonths is { } half
                ? new($"按拟合衰减率，收入每 {F(half, "0.0")} 个月减半。", $"At the fitted rate, income halves every {F(half, "0.0")} months.")
                : new("拟合显示收入未衰减；不外推增长，按 λ = 0（收入持平）预测。", "The fit shows no decay; growth is not extrapolated, and income is projected flat (λ = 0)."),
            new($"预测期 {p.HorizonMonths} 个月（{AddMonths(last, 1)} 至 {AddMonths(last, p.HorizonMonths)}），从末月拟合水平 L = A·e^(−λ·{monthly.Count - 1}) = {M(level)} 出发：第 k 月收入 = L·e^(−λ′k)，折现系数 = (1 + {F((double)p.DiscountRatePercent, "0.##")}%)^(−k/12)。",
                $"Horizon {p.HorizonMonths} months ({AddMonths(last, 1)} to {AddMonths(last, p.HorizonMonths)}), starting from the fitted level of the last month L = A·e^(−λ·{monthly.Count - 1}) = {M(level)}: month k earns L·e^(−λ′k), discounted by (1 + {F((double)p.DiscountRatePercent, "0.##")}%)^(−k/12)."),
            new($"中值：λ′ = {F(central)}，现值合计 {M(pvCentral)}；低值：λ′ = λ + 标准误 = {F(low)}，{M(pvLow)}；高值：λ′ = λ − 标准误 = {F(high)}（不低于 0），{M(pvHigh)}。",
                $"Central: λ′ = {F(central)}, present value {M(pvCentral)}; low: λ′ = λ + standard error = {F(low)}, {M(pvLow)}; high: λ′ = λ − standard error = {F(high)} (not below 0), {M(pvHigh)}."),
            new("假设：现有许可与收入走势延续；已付保底视为对这些分成的预付，不另计。",
                "Assumes the present licensing and its trend continue; a guarantee already paid is treated as an advance on these shares, not counted again."),
        };
        return (new ApproachResult("income", true, Round(pvLow), Round(pvCentral), Round(pvHigh), lines), new IncomeDetail(fit, monthly, periods, projection));
    }

    /// <summary>Every month from the first confirmed period to the last, months without a statement as 0.</summary>
    private static (List<string> Periods, List<double> Monthly) Monthly(RoyaltyHistory history)
    {
        var byPeriod = history.Periods.ToDictionary(x => x.Period, x => (double)x.ShareMinor, StringComparer.Ordinal);
        if (byPeriod.Count == 0)
        {
            return ([], []);
        }
        var periods = new List<string>();
        for (var period = history.Periods[0].Period; string.CompareOrdinal(period, history.Periods[^1].Period) <= 0; period = AddMonths(period, 1))
        {
            periods.Add(period);
        }
        return (periods, periods.Select(x => byPeriod.GetValueOrDefault(x)).ToList());
    }

    /// <summary>The month <paramref name="months"/> after a "yyyy-MM" period.</summary>
    public static string AddMonths(string period, int months) =>
        DateOnly.ParseExact(period + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture).AddMonths(months).ToString("yyyy-MM", CultureInfo.InvariantCulture);

    internal static long Round(double minor) => (long)Math.Round(minor, MidpointRounding.AwayFromZero);
}
