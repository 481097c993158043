using ReelRights.Core.Finance;

namespace ReelRights.Core.Tests.Finance;

/// <summary>The log-linear decay fit against series whose answers are known: exact exponentials, and noisy series computed by hand.</summary>
public sealed class DecayFitTests
{
    [Fact]
    public void Fit_ExactExponential_RecoversAmplitudeAndRate()
    {
        var series = Enumerable.Range(0, 6).Select(t => 1000 * Math.Exp(-0.3 * t)).ToList();

        var fit = DecayFit.Fit(series).ShouldNotBeNull();

        fit.A.ShouldBe(1000, 1e-6);
        fit.Lambda.ShouldBe(0.3, 1e-9);
        fit.LambdaStandardError.ShouldBe(0, 1e-9);
        fit.RSquared.ShouldBe(1, 1e-12);
        fit.HalfLifeMonths!.Value.ShouldBe(Math.Log(2) / 0.3, 1e-9);
    }

    [Fact]
    public void Fit_NoisySeries_MatchesTheHandComputation()
    {
        // ln y = 4.6052, 3.9120, 3.4012, 2.9957 at t = 0..3: slope −0.53391, intercept 4.52936 (computed separately).
        var fit = DecayFit.Fit([100, 50, 30, 20]).ShouldNotBeNull();

        fit.A.ShouldBe(92.70307, 1e-4);
        fit.Lambda.ShouldBe(0.5339139, 1e-6);
        fit.LambdaStandardError.ShouldBe(0.0458109, 1e-6);
        fit.RSquared.ShouldBe(0.98549, 1e-4);
        fit.Points.ShouldBe(4);
    }

    [Fact]
    public void Fit_MonthWithoutIncome_IsLeftOutNotTakenAsZero()
    {
        var fit = DecayFit.Fit([100, 0, 30, 20]).ShouldNotBeNull();

        fit.Points.ShouldBe(3);
        fit.Skipped.ShouldBe(1);
        fit.Lambda.ShouldBe(0.5458375, 1e-6);
    }

    [Fact]
    public void Fit_FewerThanThreeEarningMonths_GivesNoFit()
    {
        DecayFit.Fit([100, 50]).ShouldBeNull();
        DecayFit.Fit([100, 0, 0, 50]).ShouldBeNull();
    }

    [Fact]
    public void Fit_GrowingSeries_HasNegativeRateAndNoHalfLife()
    {
        var fit = DecayFit.Fit([10, 20, 40, 80]).ShouldNotBeNull();

        fit.Lambda.ShouldBe(-Math.Log(2), 1e-9);
        fit.HalfLifeMonths.ShouldBeNull();
    }
}
