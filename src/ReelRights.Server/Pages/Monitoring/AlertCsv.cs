using System.Globalization;
using System.Text;
using ReelRights.Core;

namespace ReelRights.Server.Pages.Monitoring;

/// <summary>
/// The alerts list as CSV (RFC 4180): CRLF between records, fields with a comma, quote or line
/// break quoted with quotes doubled, and a UTF-8 byte order mark, without which Excel reads the
/// file in the system code page and garbles the Chinese.
/// </summary>
public static class AlertCsv
{
    /// <summary>Writes the rows; <paramref name="label"/> picks the page's language for the class and state names.</summary>
    public static byte[] Write(IEnumerable<AlertRow> rows, Func<(string Zh, string En), string> label)
    {
        var csv = new StringBuilder();
        Line(csv, ["作品编码 / Work code", "作品 / Work", "分集编码 / Episode code", "来源地址 / Source URL", "类别 / Class", "相似度 / Score",
            "匹配方式 / Modality", "匹配片段（副本秒 ↔ 登记秒）/ Matched seconds (copy ↔ reference)",
            "被复制时长（秒）/ Copied seconds", "对应登记分集的秒 / Registered seconds copied", "首次发现 / First seen (UTC)",
            "最近发现 / Last seen (UTC)", "发现次数 / Times seen", "忽略理由 / Dismissed reason", "证据包 / Evidence",
            "证据包 SHA-256 / Bundle SHA-256", "账本序号 / Ledger index", "监测任务 / Task"]);
        foreach (var row in rows)
        {
            var hit = row.Hit;
            var bundle = row.Bundles.FirstOrDefault();
            Line(csv, [
                row.Work?.Code, row.Work?.Title, row.Episode?.Code, hit.Source,
                label(MonitoringLabels.For(hit.Class)),
                hit.Score.ToString("0.000", CultureInfo.InvariantCulture),
                label(MonitoringLabels.Modality(hit.Modality)),
                string.Join("; ", row.Segments.Select(s => string.Create(CultureInfo.InvariantCulture,
                    $"{s.QueryStart:0.0}–{s.QueryEnd:0.0} ↔ {s.ReferenceStart:0.0}–{s.ReferenceEnd:0.0}"))),
                row.Copied.Seconds.ToString("0.0", CultureInfo.InvariantCulture),
                row.ReferenceText,
                Time(hit.FirstSeenAt), Time(hit.LastSeenAt),
                hit.TimesSeen.ToString(CultureInfo.InvariantCulture),
                hit.DismissedReason,
                bundle is null ? null : label(MonitoringLabels.For(bundle.State)),
                row.SealedBundle?.BundleSha256,
                row.SealedBundle?.LeafIndex?.ToString(CultureInfo.InvariantCulture),
                row.TaskName,
            ]);
        }
        return Csv.ToFile(csv);
    }

    /// <summary>One field, as <see cref="Csv.Field"/> writes it.</summary>
    public static string Field(string? value) => Csv.Field(value);

    private static void Line(StringBuilder csv, IEnumerable<string?> fields) => Csv.Line(csv, fields);

    private static string Time(DateTime time) => time.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
}
