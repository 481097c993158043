using System.Globalization;
using System.Text.RegularExpressions;

namespace ReelRights.Core.Licensing.Royalties;

/// <summary>
/// Checks reported usage against its license: the month within the term, the territory and
/// platform within its scope, the month already begun, the episode registered and licensed, no negative views or revenue,
/// a rate for every row in another currency, no row twice, and no month whose statement both sides
/// already confirmed. Every problem is collected with its row and column.
/// </summary>
public static partial class UsageRules
{
    /// <summary>What a row is checked against.</summary>
    public sealed record Scope(LicenseTerms Terms, DateOnly End, IReadOnlySet<int> RegisteredEpisodes, IReadOnlySet<string> ClosedPeriods, string CurrentPeriod);

    public static IReadOnlyList<UsageProblem> Check(IReadOnlyList<UsageRow> rows, Scope scope)
    {
        var problems = new List<UsageProblem>();
        var territories = scope.Terms.TerritoryCodes();
        var currency = scope.Terms.Price.Currency;
        var first = RoyaltyCalculator.PeriodOf(scope.Terms.Start);
        var last = RoyaltyCalculator.PeriodOf(scope.End);
        var seen = new Dictionary<string, int>();
        foreach (var row in rows)
        {
            void Problem(string column, string zh, string en) => problems.Add(new(row.Row, column, zh, en));
            var period = (row.Period ?? "").Trim();
            if (!PeriodPattern().IsMatch(period))
            {
                Problem("period", $"期间应为 YYYY-MM 格式的月份：{period}。", $"The period is a month as YYYY-MM: {period}.");
            }
            else if (string.CompareOrdinal(period, first) < 0 || string.CompareOrdinal(period, last) > 0)
            {
                Problem("period", $"期间 {period} 不在许可期限内（{first} 至 {last}）。", $"The period {period} is outside the license term ({first} to {last}).");
            }
            else if (string.CompareOrdinal(period, scope.CurrentPeriod) > 0)
            {
                Problem("period", $"{period} 尚未到来，不能报送用量。", $"{period} has not begun; usage cannot be reported for it.");
            }
            else if (scope.ClosedPeriods.Contains(period))
            {
                Problem("period", $"{period} 的结算单双方已确认，不能再报该月用量。", $"Both sides confirmed the statement for {period}; that month takes no more usage.");
            }
            var territory = (row.Territory ?? "").Trim().ToUpperInvariant();
            if (!territories.Contains(territory))
            {
                Problem("territory", $"地区 {territory} 不在许可地区内（应为许可覆盖的 ISO 3166-1 代码）。", $"The territory {territory} is not licensed (give an ISO 3166-1 code the license covers).");
            }
            var platform = (row.Platform ?? "").Trim();
            if (platform.Length is 0 or > 200)
            {
                Problem("platform", "请填写平台名称（最多 200 字）。", "Give the platform's name (at most 200 characters).");
            }
            else if (scope.Terms.Platforms.Count > 0 && !scope.Terms.Platforms.Contains(platform, StringComparer.OrdinalIgnoreCase))
            {
                Problem("platform", $"平台 {platform} 不在许可平台内：{string.Join("、", scope.Terms.Platforms)}。", $"The platform {platform} is not licensed: {string.Join(", ", scope.Terms.Platforms)}.");
            }
            if (row.Episode is { } episode)
            {
                if (!scope.RegisteredEpisodes.Contains(episode))
                {
                    Problem("episode", $"作品没有第 {episode} 集。", $"The work has no episode {episode}.");
                }
                else if (scope.Terms.Episodes is { } licensed && !licensed.Contains(episode))
                {
                    Problem("episode", $"第 {episode} 集不在许可分集内。", $"Episode {episode} is not licensed.");
                }
            }
            if (row.Views is null)
            {
                Problem("views", "缺少播放量。", "Views are missing.");
            }
            else if (row.Views < 0)
            {
                Problem("views", $"播放量不能为负数：{row.Views}。", $"Views cannot be negative: {row.Views}.");
            }
            if (row.Revenue is null)
            {
                Problem("revenue", "缺少收入。", "Revenue is missing.");
            }
            else if (row.Revenue < 0)
            {
                Problem("revenue", $"收入不能为负数：{row.Revenue.Value.ToString(CultureInfo.InvariantCulture)}；退款请在后续月份少报。", $"Revenue cannot be negative: {row.Revenue.Value.ToString(CultureInfo.InvariantCulture)}.");
            }
            else if (decimal.Round(row.Revenue.Value, 4) != row.Revenue || row.Revenue > 1_000_000_000_000m)
            {
                Problem("revenue", "收入最多四位小数、不超过一万亿。", "Revenue has at most four decimals and is below one trillion.");
            }
            var rowCurrency = (row.Currency ?? "").Trim().ToUpperInvariant();
            if (rowCurrency.Length != 3 || !rowCurrency.All(char.IsAsciiLetterUpper))
            {
                Problem("currency", $"币种应为 ISO 4217 三位字母代码：{row.Currency}。", $"The currency is an ISO 4217 code: {row.Currency}.");
            }
            else if (rowCurrency != currency && row.FxRate is not > 0)
            {
                Problem(UsageCsv.RateColumn, $"该行币种 {rowCurrency} 与许可币种 {currency} 不同，须给出汇率（1 {rowCurrency} = ? {currency}）。",
                    $"The row is in {rowCurrency}, the license in {currency}: give the rate (1 {rowCurrency} = ? {currency}).");
            }
            else if (rowCurrency == currency && row.FxRate is { } rate && rate != 1)
            {
                Problem(UsageCsv.RateColumn, "与许可币种相同的行不需要汇率（应为空或 1）。", "A row in the license's currency takes no rate (blank or 1).");
            }
            var key = Key(period, territory, platform, row.Episode);
            if (seen.TryGetValue(key, out var earlier))
            {
                Problem("*", $"与第 {earlier} 行重复（同一月份、地区、平台、分集）。", $"Repeats row {earlier} (same month, territory, platform and episode).");
            }
            else
            {
                seen[key] = row.Row;
            }
        }
        return problems;
    }

    /// <summary>What identifies a row: a later report of the same key replaces the earlier one.</summary>
    public static string Key(string period, string territory, string platform, int? episode) =>
        string.Join('\u001f', period, territory.ToUpperInvariant(), platform.Trim().ToLowerInvariant(), episode?.ToString(CultureInfo.InvariantCulture) ?? "");

    [GeneratedRegex(@"^\d{4}-(0[1-9]|1[0-2])$")]
    public static partial Regex PeriodPattern();
}
