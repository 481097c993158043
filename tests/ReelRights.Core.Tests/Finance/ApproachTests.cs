using ReelRights.Core.Finance;

namespace ReelRights.Core.Tests.Finance;

/// <summary>The income, market and cost approaches and their reconciliation on figures computed by hand.</summary>
public sealed class ApproachTests
{
    private static readonly ValuationParameters Parameters = ValuationParameters.Default;

    private static RoyaltyHistory History(params long[] shares) => new(
        shares.Select((s, i) => new RoyaltyPeriod($"2027-{i + 1:00}", s * 5, s, s, s / 10, [])).ToList(), 0, 0);

    [Fact]
    public void Income_ThreeMonths_DiscountsTheFittedDecayOverTheHorizon()
    {
        // Shares 10,000 / 5,000 / 3,000 CNY: A = 970,070.12 minor, λ = 0.601986, SE = 0.052632; 24 months at 12 %:
        // from the last month's fitted level L = A·e^(−2λ) = 291,021: central Σ L·e^(−λk)·1.12^(−k/12) = 345,194;
        // low (λ+SE) 308,721; high (λ−SE) 388,768 (computed separately).
        var (result, detail) = IncomeApproach.Compute(History(1_000_000, 500_000, 300_000), Parameters);

        result.Applied.ShouldBeTrue();
        (result.LowMinor, result.CentralMinor, result.HighMinor).ShouldBe((308_721L, 345_194L, 388_768L));
        detail.Projection.Count.ShouldBe(24);
        detail.Projection[0].ShouldBe(new ProjectedMonth("2027-04", 159_399, 157_901));
        detail.Projection[^1].Period.ShouldBe("2029-03");
    }

    [Fact]
    public void Income_MissingMonth_CountsAsAMonthOfHistory()
    {
        var history = new RoyaltyHistory([new("2027-01", 0, 1_000_000, 0, 0, []), new("2027-03", 0, 300_000, 0, 0, []), new("2027-04", 0, 200_000, 0, 0, [])], 0, 0);

        var (_, detail) = IncomeApproach.Compute(history, Parameters);

        detail.HistoryPeriods.ShouldBe(["2027-01", "2027-02", "2027-03", "2027-04"]);
        detail.History.ShouldBe([1_000_000d, 0d, 300_000d, 200_000d]);
        detail.Fit!.Skipped.ShouldBe(1);
    }

    [Fact]
    public void Income_TwoMonths_IsNotAppliedAndSaysWhy()
    {
        var (result, _) = IncomeApproach.Compute(History(1_000_000, 500_000), Parameters);

        result.Applied.ShouldBeFalse();
        result.CentralMinor.ShouldBeNull();
        result.Lines.Single().En.ShouldContain("at least 3 months");
    }

    [Fact]
    public void Income_GrowingRevenue_IsProjectedFlatNotGrown()
    {
        var (result, detail) = IncomeApproach.Compute(History(100_000, 200_000, 400_000), Parameters with { HorizonMonths = 1 });

        // Flat at the last month's fitted level (400,000: the series doubles exactly), discounted one month; high equals central.
        detail.Fit!.Lambda.ShouldBe(-Math.Log(2), 1e-9);
        result.CentralMinor.ShouldBe(396_240);
        result.HighMinor.ShouldBe(result.CentralMinor);
        result.Lines.ShouldContain(l => l.En.Contains("growth is not extrapolated"));
    }

    [Fact]
    public void Market_FiveWorksFromThreeOwners_ScalesTheQuartilesPerEpisode()
    {
        var orgs = new[] { Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid() };
        // 10,000 … 50,000 CNY per episode: quartiles 20,000 / 30,000 / 40,000; × 3 episodes.
        var comparables = Enumerable.Range(1, 5).Select(i => new Comparable(Guid.NewGuid(), orgs[i % 3], i == 1 ? "W-OWN" : null, 2, i * 2_000_000L)).ToList();

        var (result, detail) = MarketApproach.Compute(comparables, 3, ["romance"], true, Parameters);

        result.Applied.ShouldBeTrue();
        (result.LowMinor, result.CentralMinor, result.HighMinor).ShouldBe((6_000_000L, 9_000_000L, 12_000_000L));
        (detail.Q1PerEpisodeMinor, detail.MedianPerEpisodeMinor, detail.Q3PerEpisodeMinor).ShouldBe((2_000_000L, 3_000_000L, 4_000_000L));
        detail.OwnComparables.ShouldBe(["W-OWN"]);
    }

    [Theory]
    [InlineData(4, 3)]
    [InlineData(6, 2)]
    public void Market_TooFewWorksOrOwners_IsNotAppliedSoNoContractCanBeReadBack(int works, int owners)
    {
        var orgs = Enumerable.Range(0, owners).Select(_ => Guid.NewGuid()).ToList();
        var comparables = Enumerable.Range(0, works).Select(i => new Comparable(Guid.NewGuid(), orgs[i % owners], null, 2, 1_000_000)).ToList();

        var (result, detail) = MarketApproach.Compute(comparables, 3, ["romance"], true, Parameters);

        result.Applied.ShouldBeFalse();
        detail.MedianPerEpisodeMinor.ShouldBeNull();
        result.Lines.Single().En.ShouldContain("at least 5 from 3");
    }

    [Fact]
    public void Quantile_InterpolatesBetweenOrderStatistics()
    {
        MarketApproach.Quantile([1, 2, 3, 4], 0.25).ShouldBe(1.75);
        MarketApproach.Quantile([1, 2, 3, 4], 0.5).ShouldBe(2.5);
        MarketApproach.Quantile([7], 0.75).ShouldBe(7);
    }

    [Fact]
    public void Cost_InAnotherCurrency_IsNotConverted()
    {
        var cost = ValuationCalculator.Cost(new DeclaredInputs([], 100_000, "USD", null), Parameters);

        cost.Applied.ShouldBeFalse();
        cost.Lines.Single().En.ShouldContain("not converted");
    }

    [Theory]
    [InlineData("CN", 12, 24, 20, "invalid-currency")]
    [InlineData("CNY", 0, 24, 20, "invalid-discount-rate")]
    [InlineData("CNY", 12.345, 24, 20, "invalid-discount-rate")]
    [InlineData("CNY", 12, 0, 20, "invalid-horizon")]
    [InlineData("CNY", 12, 121, 20, "invalid-horizon")]
    [InlineData("CNY", 12, 24, 101, "invalid-displacement")]
    public void Parameters_OutOfRange_AreRefusedWithTheirCode(string currency, double rate, int horizon, double displacement, string code)
    {
        var e = Should.Throw<ReelRightsException>(() => new ValuationParameters(currency, (decimal)rate, horizon, (decimal)displacement).Validate());

        e.Code.ShouldBe(code);
    }
}
