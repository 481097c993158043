using ReelRights.Core.Licensing;

namespace ReelRights.Core.Finance;

/// <summary>
/// The market approach (市场法): licence income per episode of comparable licensed works on the platform
/// (a shared genre tag, the same episode-count band, a license in an overlapping territory), scaled by the
/// work's own episodes: low at the first quartile, central at the median, high at the third quartile.
/// It is applied only with at least <see cref="MinimumWorks"/> comparables from <see cref="MinimumOrganizations"/>
/// organizations, so no single owner's contract can be read back from the figures.
/// </summary>
public static class MarketApproach
{
    /// <summary>Fewest comparable works.</summary>
    public const int MinimumWorks = 5;

    /// <summary>Fewest distinct owners among them.</summary>
    public const int MinimumOrganizations = 3;

    /// <summary>The band of an episode count: 1–30, 31–60, 61–100 or 101+.</summary>
    public static string Band(int episodes) => episodes switch
    {
        <= 30 => "1-30",
        <= 60 => "31-60",
        <= 100 => "61-100",
        _ => "101+",
    };

    /// <summary>Computes the approach over the comparables found.</summary>
    public static (ApproachResult Result, MarketDetail Detail) Compute(IReadOnlyList<Comparable> comparables, int episodes, IReadOnlyList<string> genres,
        bool territoryFiltered, ValuationParameters p)
    {
        var band = Band(episodes);
        var organizations = comparables.Select(c => c.OrganizationId).Distinct().Count();
        var own = comparables.Where(c => c.OwnCode is not null).Select(c => c.OwnCode!).Order(StringComparer.Ordinal).ToList();
        var empty = new MarketDetail(comparables.Count, organizations, band, genres, territoryFiltered, null, null, null, own);
        if (genres.Count == 0)
        {
            return (ApproachResult.NotApplied("market", "未声明题材标签，无法寻找可比作品；市场法未采用。",
                "No genre tags are declared, so no comparable works can be found. The market approach is not applied."), empty);
        }
        if (episodes == 0)
        {
            return (ApproachResult.NotApplied("market", "作品尚无已登记的分集；市场法未采用。", "The work has no registered episodes. The market approach is not applied."), empty);
        }
        if (comparables.Count < MinimumWorks || organizations < MinimumOrganizations)
        {
            return (ApproachResult.NotApplied("market",
                    $"找到 {comparables.Count} 部可比作品，来自 {organizations} 个组织；至少需要 {MinimumWorks} 部、来自 {MinimumOrganizations} 个组织，才不会暴露任何一方的合同。市场法未采用。",
                    $"{comparables.Count} comparable works from {organizations} organizations were found; at least {MinimumWorks} from {MinimumOrganizations} are needed so that no one's contract is exposed. The market approach is not applied."),
                empty);
        }
        var perEpisode = comparables.Select(c => c.PerEpisode).Order().ToList();
        var (q1, median, q3) = (Quantile(perEpisode, 0.25), Quantile(perEpisode, 0.5), Quantile(perEpisode, 0.75));
        string M(double minor) => LicenseText.Amount(IncomeApproach.Round(minor), p.Currency);
        var tags = string.Join(", ", genres);
        var lines = new List<FormulaLine>
        {
            new($"可比作品：与本作共享至少一个题材标签（{tags}），分集数同在 {band} 区间，{(territoryFiltered ? "且有许可地区与本作重叠" : "本作尚无许可，未按地区筛选")}；共 {comparables.Count} 部，来自 {organizations} 个组织。",
                $"Comparables: works sharing at least one genre tag ({tags}), in the same {band} episode band, {(territoryFiltered ? "with a license in a territory overlapping this work's" : "not filtered by territory since this work has no license yet")}; {comparables.Count} works from {organizations} organizations."),
            new("每部可比作品的指标 = 其每份许可首 12 个月的许可收入（已确认结算单应付合计，且不低于合同固定费用或保底）之和 ÷ 已登记分集数。",
                "Each comparable's figure = the sum over its licenses of the licence income in each license's first 12 months (the confirmed statements' amounts owed, and not less than the contracted fee or guarantee) ÷ its registered episodes."),
            new($"每集许可收入：下四分位 {M(q1)}，中位数 {M(median)}，上四分位 {M(q3)}（线性插值分位数）。",
                $"Licence income per episode: first quartile {M(q1)}, median {M(median)}, third quartile {M(q3)} (linearly interpolated quantiles)."),
            new($"× 本作 {episodes} 集：低值 {M(q1 * episodes)}，中值 {M(median * episodes)}，高值 {M(q3 * episodes)}。",
                $"× this work's {episodes} episodes: low {M(q1 * episodes)}, central {M(median * episodes)}, high {M(q3 * episodes)}."),
            new("其他组织的作品不具名，仅以统计量出现。", "Other organizations' works are not named; they appear only in these statistics."),
        };
        var detail = empty with
        {
            Q1PerEpisodeMinor = IncomeApproach.Round(q1), MedianPerEpisodeMinor = IncomeApproach.Round(median), Q3PerEpisodeMinor = IncomeApproach.Round(q3),
        };
        return (new ApproachResult("market", true, IncomeApproach.Round(q1 * episodes), IncomeApproach.Round(median * episodes), IncomeApproach.Round(q3 * episodes), lines),
            detail);
    }

    /// <summary>The q-quantile of sorted values, interpolated linearly between order statistics (Hyndman and Fan's type 7, the spreadsheet default).</summary>
    public static double Quantile(IReadOnlyList<double> sorted, double q)
    {
        var h = (sorted.Count - 1) * q;
        var lower = (int)Math.Floor(h);
        var upper = Math.Min(lower + 1, sorted.Count - 1);
        return sorted[lower] + (h - lower) * (sorted[upper] - sorted[lower]);
    }
}
