using FsCheck;
using FsCheck.Fluent;
using ReelRights.Core.Licensing;
using ReelRights.Core.Licensing.Royalties;

namespace ReelRights.Core.Tests.Licensing.Royalties;

/// <summary>What each price model owes month by month, in decimal arithmetic, with the formula on the statement.</summary>
public sealed class RoyaltyCalculatorTests
{
    private static Dictionary<string, decimal> Revenue(params (string Period, decimal Amount)[] months) => months.ToDictionary(m => m.Period, m => m.Amount);

    [Fact]
    public void FlatFee_FallsDueInTheFirstMonth_AndNeverAgain()
    {
        var price = new LicensePrice(PriceModel.FlatFee, "CNY", 80_000_00);
        var revenue = Revenue(("2027-01", 1_000_000m), ("2027-02", 5m));

        var first = RoyaltyCalculator.Compute(price, "2027-01", "2027-01", revenue);
        var second = RoyaltyCalculator.Compute(price, "2027-01", "2027-02", revenue);

        first.OwedMinor.ShouldBe(80_000_00);
        first.FormulaZh.ShouldContain("CNY 80,000.00");
        second.OwedMinor.ShouldBe(0);
        second.FormulaEn.ShouldContain("was due in the first month (2027-01)");
    }

    [Theory]
    [InlineData("1234.565", "12.5", 154_32)] // 154.320625
    [InlineData("0.10", "5", 1)] // 0.005 rounds half away from zero to 0.01
    [InlineData("0.09", "5", 0)] // 0.0045
    [InlineData("99999999.99", "33.33", 33_330_000_00)] // 33,329,999.9966667: no binary floating point drift
    public void RevenueShare_IsTheMonthsRevenueTimesTheShare_RoundedToTheCent(string revenue, string percent, long expectedMinor)
    {
        var price = new LicensePrice(PriceModel.RevenueShare, "USD", SharePercent: decimal.Parse(percent, System.Globalization.CultureInfo.InvariantCulture));
        var amount = decimal.Parse(revenue, System.Globalization.CultureInfo.InvariantCulture);

        var figure = RoyaltyCalculator.Compute(price, "2027-01", "2027-03", Revenue(("2027-03", amount)));

        figure.OwedMinor.ShouldBe(expectedMinor);
        figure.FormulaEn.ShouldContain($"× {percent}% share");
    }

    [Fact]
    public void MinimumGuarantee_IsAnAdvance_RecoupedFromTheShare_BeforeAnyMoreIsOwed()
    {
        var price = new LicensePrice(PriceModel.MinimumGuaranteePlusShare, "CNY", SharePercent: 30m, MinimumGuaranteeMinor: 10_000_00);
        var revenue = Revenue(("2027-01", 20_000m), ("2027-02", 20_000m), ("2027-03", 10_000m), ("2027-04", 0m));

        var owed = new[] { "2027-01", "2027-02", "2027-03", "2027-04" }.Select(p => RoyaltyCalculator.Compute(price, "2027-01", p, revenue)).ToList();

        // Shares 6,000 / 6,000 / 3,000 / 0: cumulative 6,000 (recouping), 12,000 (2,000 beyond), 15,000 (3,000 more), 15,000.
        owed.Select(f => f.OwedMinor).ShouldBe([10_000_00, 2_000_00, 3_000_00, 0]);
        owed.Select(f => f.CumulativeShare).ShouldBe([6_000m, 12_000m, 15_000m, 15_000m]);
        owed[0].FormulaZh.ShouldContain("首期应付保底 CNY 10,000.00");
        owed[1].FormulaEn.ShouldContain("max(0, CNY 12,000.00 − CNY 10,000.00) − max(0, CNY 6,000.00 − CNY 10,000.00) = CNY 2,000.00");
    }

    [Fact]
    public void MinimumGuarantee_OverAnyMonths_OwesTheGuaranteePlusWhatTheShareExceedsItBy()
    {
        var months = Gen.ArrayOf(Gen.Choose(0, 5_000_000)).Where(a => a.Length is > 0 and <= 24);
        Prop.ForAll(months.ToArbitrary(), Gen.Choose(1, 10_000).ToArbitrary(), Gen.Choose(1, 10_000_000).ToArbitrary(), (cents, basisPoints, guaranteeMinor) =>
        {
            var percent = basisPoints / 100m;
            var price = new LicensePrice(PriceModel.MinimumGuaranteePlusShare, "CNY", SharePercent: percent, MinimumGuaranteeMinor: guaranteeMinor);
            var periods = cents.Select((_, i) => new DateOnly(2027, 1, 1).AddMonths(i).ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture)).ToList();
            var revenue = periods.Zip(cents).ToDictionary(p => p.First, p => p.Second / 100m);
            var total = periods.Sum(p => RoyaltyCalculator.Compute(price, periods[0], p, revenue).Owed);
            var shares = revenue.Values.Sum(r => Math.Round(r * percent / 100m, 2, MidpointRounding.AwayFromZero));
            var guarantee = guaranteeMinor / 100m;
            return total == guarantee + Math.Max(0, shares - guarantee) && periods.All(p => RoyaltyCalculator.Compute(price, periods[0], p, revenue).Owed >= 0);
        }).QuickCheckThrowOnFailure();
    }
}
