namespace ReelRights.Core.Finance;

/// <summary>
/// An exponential decay y(t) = A·e^(−λt) fitted to a work's monthly revenue by ordinary least squares on
/// ln y (the log-linear fit, so every figure can be checked by hand with a spreadsheet). Months with no
/// revenue carry no information about the rate and are left out of the fit, and said to be.
/// </summary>
/// <param name="A">Fitted revenue at month 0 (the first month of history), minor units.</param>
/// <param name="Lambda">Fitted monthly decay rate λ; negative when revenue grew.</param>
/// <param name="LambdaStandardError">Standard error of λ from the regression's residuals.</param>
/// <param name="RSquared">Share of the variance of ln y the line explains.</param>
/// <param name="Points">Months used in the fit.</param>
/// <param name="Skipped">Months of history left out because they earned nothing.</param>
public sealed record DecayFit(double A, double Lambda, double LambdaStandardError, double RSquared, int Points, int Skipped)
{
    /// <summary>The fewest months with revenue a fit needs: two points always lie on a line, so three give the first residual.</summary>
    public const int MinimumPoints = 3;

    /// <summary>Months for revenue to halve at the fitted rate; null when it does not decay.</summary>
    public double? HalfLifeMonths => Lambda > 0 ? Math.Log(2) / Lambda : null;

    /// <summary>The fitted revenue at month <paramref name="t"/> for a given rate.</summary>
    public double At(double t, double lambda) => A * Math.Exp(-lambda * t);

    /// <summary>Fits the series (value per month, month 0 first); null when fewer than <see cref="MinimumPoints"/> months earned anything.</summary>
    public static DecayFit? Fit(IReadOnlyList<double> monthly)
    {
        var points = monthly.Select((y, t) => (T: (double)t, Y: y)).Where(p => p.Y > 0 && double.IsFinite(p.Y)).Select(p => (p.T, L: Math.Log(p.Y))).ToList();
        if (points.Count < MinimumPoints)
        {
            return null;
        }
        var n = points.Count;
        var meanT = points.Average(p => p.T);
        var meanL = points.Average(p => p.L);
        var sxx = points.Sum(p => (p.T - meanT) * (p.T - meanT));
        var sxy = points.Sum(p => (p.T - meanT) * (p.L - meanL));
        var slope = sxy / sxx;
        var intercept = meanL - slope * meanT;
        var residuals = points.Sum(p => Math.Pow(p.L - (intercept + slope * p.T), 2));
        var total = points.Sum(p => (p.L - meanL) * (p.L - meanL));
        var standardError = Math.Sqrt(residuals / (n - 2) / sxx);
        var rSquared = total == 0 ? 1 : 1 - residuals / total;
        return new DecayFit(Math.Exp(intercept), -slope, standardError, rSquared, n, monthly.Count - n);
    }
}
