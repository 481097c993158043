using System.Globalization;
using System.Net;
using System.Text;

namespace ReelRights.Core.Licensing.Royalties;

/// <summary>
/// A statement as one self-contained bilingual HTML page (no script, no external resource, every
/// value encoded), printed to PDF for the accounts of both sides: the figures, the formula in
/// words, the usage rows, confirmations and payments, and the content SHA-256 both sides confirmed.
/// </summary>
public static class RoyaltyStatementHtml
{
    public static string Render(RoyaltyStatementView view)
    {
        var s = view.Statement;
        string M(long minor) => E(LicenseText.Amount(minor, s.Currency));
        string D(decimal amount) => E($"{s.Currency} {amount.ToString("N2", CultureInfo.InvariantCulture)}");
        string T(DateTime? t) => t is { } v ? E(new DateTimeOffset(v, TimeSpan.Zero).ToOffset(LicensingClock.China).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) + " (UTC+8)") : "未确认 <span class=\"en\">not yet</span>";
        var h = new StringBuilder(8 * 1024);
        h.Append("<!DOCTYPE html>\n<html lang=\"zh-Hans\">\n<head>\n<meta charset=\"utf-8\">\n");
        h.Append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n");
        h.Append("<title>版税结算单 Royalty statement ").Append(E(s.Number)).Append("</title>\n");
        h.Append("<style>body{font-family:'Noto Sans CJK SC','Noto Sans',sans-serif;margin:24px;color:#111;font-size:13px}h1{font-size:20px}")
            .Append("h2{font-size:15px;margin-top:18px}table{border-collapse:collapse;width:100%}td,th{border:1px solid #999;padding:4px;text-align:left;vertical-align:top}")
            .Append("td.n{text-align:right}.en{color:#555}code{font-size:11px;word-break:break-all}</style>\n</head>\n<body>\n");
        h.Append("<h1>版税结算单 <span class=\"en\">Royalty statement</span> ").Append(E(s.Number)).Append("</h1>\n");
        h.Append("<table>\n");
        Row(h, "许可", "License", E(view.License.Code));
        Row(h, "作品", "Work", "《" + E(view.WorkTitle) + "》");
        Row(h, "许可方", "Licensor", E(view.LicensorName));
        Row(h, "被许可方", "Licensee", E(view.LicenseeName));
        Row(h, "结算期间", "Period", E(s.Period));
        Row(h, "播放量", "Views", s.Views.ToString("N0", CultureInfo.InvariantCulture));
        Row(h, "收入（折合许可币种）", "Revenue (in the license's currency)", D(s.Revenue));
        Row(h, "本期分成", "Share this month", D(s.Share));
        Row(h, "累计分成", "Cumulative share", D(s.CumulativeShare));
        Row(h, "本期应付", "Owed this month", "<b>" + M(s.OwedMinor) + "</b>");
        Row(h, "已付", "Paid", M(view.PaidMinor));
        Row(h, "未付", "Outstanding", M(view.OutstandingMinor));
        Row(h, "计算方法", "Formula", E(s.FormulaZh) + "<br><span class=\"en\">" + E(s.FormulaEn) + "</span>");
        Row(h, "许可方确认", "Licensor confirmed", T(s.LicensorConfirmedAt));
        Row(h, "被许可方确认", "Licensee confirmed", T(s.LicenseeConfirmedAt));
        Row(h, "内容 SHA-256", "Content SHA-256", "<code>" + E(s.ContentSha256) + "</code>");
        if (s.LedgerIndex is { } index)
        {
            Row(h, "账本序号", "Ledger index", index.ToString(CultureInfo.InvariantCulture));
        }
        h.Append("</table>\n<h2>用量明细 <span class=\"en\">Usage</span></h2>\n<table>\n<tr><th>地区 <span class=\"en\">Territory</span></th><th>平台 <span class=\"en\">Platform</span></th>")
            .Append("<th>分集 <span class=\"en\">Episode</span></th><th>播放量 <span class=\"en\">Views</span></th><th>收入 <span class=\"en\">Revenue</span></th><th>汇率 <span class=\"en\">Rate</span></th><th>折合 <span class=\"en\">Converted</span></th></tr>\n");
        foreach (var l in view.Lines)
        {
            h.Append("<tr><td>").Append(E(l.Territory)).Append("</td><td>").Append(E(l.Platform)).Append("</td><td>")
                .Append(l.Episode is { } e ? e.ToString(CultureInfo.InvariantCulture) : "全部 <span class=\"en\">all</span>")
                .Append("</td><td class=\"n\">").Append(l.Views.ToString("N0", CultureInfo.InvariantCulture))
                .Append("</td><td class=\"n\">").Append(E($"{l.Currency} {l.Revenue.ToString("N2", CultureInfo.InvariantCulture)}"))
                .Append("</td><td class=\"n\">").Append(l.FxRate is { } r ? E(r.ToString(CultureInfo.InvariantCulture)) : "")
                .Append("</td><td class=\"n\">").Append(D(l.RevenueInLicenseCurrency)).Append("</td></tr>\n");
        }
        if (view.Lines.Count == 0)
        {
            h.Append("<tr><td colspan=\"7\">本月没有报送用量 <span class=\"en\">No usage reported for this month</span></td></tr>\n");
        }
        h.Append("</table>\n");
        if (view.Payments.Count > 0)
        {
            h.Append("<h2>付款 <span class=\"en\">Payments</span></h2>\n<table>\n<tr><th>日期 <span class=\"en\">Paid on</span></th><th>金额 <span class=\"en\">Amount</span></th><th>凭证 <span class=\"en\">Reference</span></th></tr>\n");
            foreach (var p in view.Payments)
            {
                h.Append("<tr><td>").Append(p.PaidOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)).Append("</td><td class=\"n\">").Append(M(p.AmountMinor))
                    .Append("</td><td>").Append(E(p.Reference)).Append("</td></tr>\n");
            }
            h.Append("</table>\n");
        }
        h.Append("<p class=\"en\">金额以十进制计算，每月分成四舍五入到分。Amounts are decimal; each month's share is rounded half away from zero to the cent.</p>\n</body>\n</html>\n");
        return h.ToString();
    }

    private static void Row(StringBuilder h, string zh, string en, string valueHtml) =>
        h.Append("<tr><th>").Append(zh).Append(" <span class=\"en\">").Append(en).Append("</span></th><td>").Append(valueHtml).Append("</td></tr>\n");

    private static string E(string? text) => WebUtility.HtmlEncode(text ?? "");
}
