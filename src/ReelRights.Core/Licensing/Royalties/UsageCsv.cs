using System.Globalization;
using System.Text;

namespace ReelRights.Core.Licensing.Royalties;

/// <summary>
/// The usage CSV a licensee uploads. Its header is fixed (names case-insensitive, in this order):
/// <c>period,territory,platform,episode,views,revenue,currency</c>, optionally followed by
/// <c>fx_rate</c>. One row per month (YYYY-MM), ISO 3166-1 territory, platform and episode (blank
/// for the whole work); views a whole number; revenue a decimal with a point; fx_rate the license
/// currency per unit of the row's currency, needed only when they differ.
/// </summary>
public static class UsageCsv
{
    public static readonly string[] Header = ["period", "territory", "platform", "episode", "views", "revenue", "currency"];
    public const string RateColumn = "fx_rate";
    public const int MaxRows = 100_000;

    /// <summary>The rows of the file, or an error listing every cell that could not be read (row and column named).</summary>
    public static IReadOnlyList<UsageRow> Parse(byte[] file)
    {
        string text;
        try
        {
            text = new UTF8Encoding(false, true).GetString(file);
        }
        catch (DecoderFallbackException)
        {
            throw ReelRightsException.Invalid("invalid-usage-csv", "用量文件不是 UTF-8 文本。", "The usage file is not UTF-8 text.");
        }
        var records = Csv.Read(text);
        if (records.Count == 0)
        {
            throw ReelRightsException.Invalid("invalid-usage-csv", "用量文件是空的。", "The usage file is empty.");
        }
        var header = records[0].Fields.Select(f => f.Trim().ToLowerInvariant()).ToList();
        var expected = Header.ToList();
        var hasRate = header.Count == Header.Length + 1 && header[^1] == RateColumn;
        if (hasRate)
        {
            expected.Add(RateColumn);
        }
        for (var i = 0; i < Math.Max(header.Count, expected.Count); i++)
        {
            var got = i < header.Count ? header[i] : "";
            var want = i < expected.Count ? expected[i] : "";
            if (got != want)
            {
                var column = i + 1;
                throw Rejected([new UsageProblem(1, want.Length > 0 ? want : got,
                    $"第 {column} 列表头应为 “{(want.Length > 0 ? want : "（无）")}”，实为 “{(got.Length > 0 ? got : "（无）")}”；表头应为 {string.Join(',', Header)}[,{RateColumn}]。",
                    $"column {column} of the header should be \"{(want.Length > 0 ? want : "(none)")}\", not \"{(got.Length > 0 ? got : "(none)")}\"; the header is {string.Join(',', Header)}[,{RateColumn}].")]);
            }
        }
        if (records.Count - 1 > MaxRows)
        {
            throw ReelRightsException.Invalid("invalid-usage-csv", $"用量文件最多 {MaxRows} 行。", $"A usage file has at most {MaxRows} rows.");
        }
        var rows = new List<UsageRow>();
        var problems = new List<UsageProblem>();
        foreach (var (line, fields) in records.Skip(1))
        {
            if (fields.Count != expected.Count)
            {
                problems.Add(new(line, "*", $"应有 {expected.Count} 列，实有 {fields.Count} 列。", $"{expected.Count} columns expected, {fields.Count} found."));
                continue;
            }
            string Cell(int i) => fields[i].Trim();
            int? episode = null;
            if (Cell(3).Length > 0)
            {
                if (int.TryParse(Cell(3), NumberStyles.None, CultureInfo.InvariantCulture, out var e))
                {
                    episode = e;
                }
                else
                {
                    problems.Add(new(line, "episode", $"分集应为整数编号或留空：{Cell(3)}。", $"The episode is a whole number or blank: {Cell(3)}."));
                }
            }
            if (!long.TryParse(Cell(4), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var views))
            {
                problems.Add(new(line, "views", $"播放量应为整数：{Cell(4)}。", $"Views are a whole number: {Cell(4)}."));
            }
            if (!decimal.TryParse(Cell(5), NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var revenue))
            {
                problems.Add(new(line, "revenue", $"收入应为数字（小数点用 .，不带千分位）：{Cell(5)}。", $"Revenue is a number (a point for decimals, no thousands separators): {Cell(5)}."));
            }
            decimal? rate = null;
            if (hasRate && Cell(7).Length > 0)
            {
                if (decimal.TryParse(Cell(7), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var r))
                {
                    rate = r;
                }
                else
                {
                    problems.Add(new(line, RateColumn, $"汇率应为正数：{Cell(7)}。", $"The rate is a positive number: {Cell(7)}."));
                }
            }
            rows.Add(new UsageRow(line, Cell(0), Cell(1), Cell(2), episode, views, revenue, Cell(6), rate));
        }
        if (problems.Count > 0)
        {
            throw Rejected(problems);
        }
        if (rows.Count == 0)
        {
            throw ReelRightsException.Invalid("invalid-usage-csv", "用量文件只有表头，没有数据行。", "The usage file has a header and no rows.");
        }
        return rows;
    }

    /// <summary>The error for a file or a call with problems: the first in the message, all of them (up to 100) in the details; nothing is applied.</summary>
    public static ReelRightsException Rejected(IReadOnlyList<UsageProblem> problems)
    {
        var first = problems[0];
        var more = problems.Count > 1 ? $"（另有 {problems.Count - 1} 处）" : "";
        var moreEn = problems.Count > 1 ? $" ({problems.Count - 1} more)" : "";
        return new ReelRightsException(ErrorKind.Validation, "invalid-usage",
            $"用量未导入，文件中的任何一行都没有生效。第 {first.Row} 行 {first.Column} 列：{first.Zh}{more}",
            $"No usage was imported; nothing from it was applied. Row {first.Row}, column {first.Column}: {first.En}{moreEn}")
        {
            Details = problems.Take(100).Select(p => (object)new { row = p.Row, column = p.Column, messageZh = p.Zh, messageEn = p.En }).ToList(),
        };
    }
}
