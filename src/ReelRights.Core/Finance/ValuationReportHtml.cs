using System.Globalization;
using System.Net;
using System.Text;
using ReelRights.Core.Licensing;

namespace ReelRights.Core.Finance;

/// <summary>
/// A valuation report as bilingual HTML: the range, each approach with its working, the piracy line,
/// and every signal with the records it came from. <see cref="Body"/> is shown inside the web page;
/// <see cref="Render"/> wraps it into the self-contained page (no script, no external resource) that is
/// printed to the sealed PDF.
/// </summary>
public static class ValuationReportHtml
{
    /// <summary>Styles of the report, scoped to its container.</summary>
    public const string Styles =
        ".vr{font-family:'Noto Sans CJK SC','Noto Sans',sans-serif;color:#111;font-size:13px}.vr h2{font-size:15px;margin-top:20px}.vr h3{font-size:13px;margin:12px 0 4px}" +
        ".vr table{border-collapse:collapse;width:100%;margin:4px 0}.vr td,.vr th{border:1px solid #bbb;padding:3px 5px;text-align:left;vertical-align:top}" +
        ".vr td.n{text-align:right;white-space:nowrap}.vr .en{color:#555}.vr .note{border:1px solid #d68910;background:#fef5e7;padding:6px 8px;margin:8px 0}" +
        ".vr .range{display:flex;gap:12px;margin:8px 0}.vr .range div{flex:1;border:1px solid #bbb;padding:8px;text-align:center}.vr .range b{display:block;font-size:18px}" +
        ".vr .na{color:#888}.vr ul{margin:4px 0;padding-left:20px}.vr b.chip{display:inline-block;font-weight:normal;border:1px solid #999;border-radius:3px;padding:1px 5px;margin:2px;font-size:11px}" +
        ".vr b.chip.x{background:#2471a3;color:#fff;border-color:#2471a3}.vr .src{font-size:11px;color:#555}.vr svg.chart{width:100%;max-width:680px;height:auto}";

    /// <summary>The whole page, for the PDF.</summary>
    public static string Render(ValuationContent c)
    {
        var h = new StringBuilder(32 * 1024);
        h.Append("<!DOCTYPE html>\n<html lang=\"zh-Hans\">\n<head>\n<meta charset=\"utf-8\">\n");
        h.Append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n");
        h.Append("<title>估值报告 Valuation report ").Append(E(c.Number)).Append("</title>\n<style>body{margin:24px}").Append(Styles).Append("</style>\n</head>\n<body>\n");
        h.Append("<h1 style=\"font-family:'Noto Sans CJK SC',sans-serif;font-size:20px\">估值报告 <span style=\"color:#555\">Valuation report</span> ").Append(E(c.Number)).Append("</h1>\n");
        h.Append(Body(c));
        h.Append("<p style=\"font-size:11px;color:#555\">本报告的内容摘要与本 PDF 的摘要记录在平台账本上；可用 <code>reelrights valuation verify</code> 离线核验。")
            .Append(" The digests of this report's content and of this PDF are on the platform's ledger; check them offline with <code>reelrights valuation verify</code>.</p>\n");
        return h.Append("</body>\n</html>\n").ToString();
    }

    /// <summary>The report's body, every value encoded.</summary>
    public static string Body(ValuationContent c)
    {
        var cur = c.Parameters.Currency;
        string M(long? minor) => minor is { } m ? E(LicenseText.Amount(m, cur)) : "<span class=\"na\">—</span>";
        var s = c.Signals;
        var r = c.Result;
        var h = new StringBuilder(32 * 1024);
        h.Append("<div class=\"vr\">\n");
        h.Append("<table>");
        Row(h, "作品", "Work", "《" + E(s.Work.Title) + "》 " + E(s.Work.Code));
        Row(h, "权利人", "Owner", E(s.Work.Owner));
        Row(h, "生成时间", "Generated", E(Time(c.GeneratedAt)));
        Row(h, "参数", "Parameters", E($"{cur} · 年折现率 {N(c.Parameters.DiscountRatePercent)}% · 预测 {c.Parameters.HorizonMonths} 个月 · 盗版替代率 {N(c.Parameters.PiracyDisplacementPercent)}%")
            + " <span class=\"en\">" + E($"{cur} · discount {N(c.Parameters.DiscountRatePercent)}% a year · horizon {c.Parameters.HorizonMonths} months · piracy displacement {N(c.Parameters.PiracyDisplacementPercent)}%") + "</span>");
        h.Append("</table>\n");
        h.Append("<p class=\"note\" id=\"disclaimer\">").Append(E(ValuationContent.Disclaimer.Zh)).Append("<br><span class=\"en\">").Append(E(ValuationContent.Disclaimer.En)).Append("</span></p>\n");

        h.Append("<h2>估值区间 <span class=\"en\">Indicated range</span></h2>\n<div class=\"range\" id=\"range\">");
        h.Append("<div>低值 <span class=\"en\">Low</span><b id=\"range-low\">").Append(M(r.Range.LowMinor)).Append("</b></div>");
        h.Append("<div>中值 <span class=\"en\">Central</span><b id=\"range-central\">").Append(M(r.Range.CentralMinor)).Append("</b></div>");
        h.Append("<div>高值 <span class=\"en\">High</span><b id=\"range-high\">").Append(M(r.Range.HighMinor)).Append("</b></div></div>\n");
        Lines(h, r.Range.Lines);

        foreach (var (approach, zh, en) in new[] { (r.Income, "收益法", "Income approach"), (r.Market, "市场法", "Market approach"), (r.Cost, "成本法", "Cost approach") })
        {
            h.Append("<h2 id=\"approach-").Append(approach.Approach).Append("\">").Append(zh).Append(" <span class=\"en\">").Append(en).Append("</span>")
                .Append(approach.Applied ? $"：{M(approach.LowMinor)} – {M(approach.HighMinor)}（中值 {M(approach.CentralMinor)}）" : " <span class=\"na\">未采用 not applied</span>").Append("</h2>\n");
            Lines(h, approach.Lines);
            if (approach.Approach == "income")
            {
                h.Append(ValuationCharts.Income(r.IncomeDetail, cur)).Append('\n');
            }
        }

        h.Append("<h2 id=\"piracy-line\">盗版损失（假设）<span class=\"en\">Revenue lost to observed piracy (an assumption)</span>：").Append(M(r.Piracy.LostMinor)).Append("</h2>\n");
        Lines(h, r.Piracy.Lines);

        h.Append("<h2>估值信号 <span class=\"en\">Signals</span></h2>\n");
        h.Append("<h3>分集 <span class=\"en\">Episodes</span></h3><p>已登记 <span class=\"en\">registered</span> <b id=\"signal-episodes\">").Append(s.Episodes.Registered)
            .Append("</b> 集，共 ").Append(N(s.Episodes.Minutes)).Append(" 分钟 <span class=\"en\">minutes</span></p>");
        Sources(h, s.Episodes.Sources);

        h.Append("<h3>权利链 <span class=\"en\">Chain of title</span>：<span id=\"signal-chain\">").Append(s.ChainOfTitle.Satisfied).Append('/').Append(s.ChainOfTitle.Applicable).Append("</span></h3><table>");
        foreach (var item in s.ChainOfTitle.Items)
        {
            var mark = !item.Applicable ? "<span class=\"na\">不适用 n/a</span>" : item.Satisfied ? "✔ 具备 present" : "✘ 缺失 missing";
            h.Append("<tr><td>").Append(E(item.Zh)).Append(" <span class=\"en\">").Append(E(item.En)).Append("</span></td><td>").Append(mark).Append("</td><td class=\"src\">")
                .Append(string.Join("<br>", item.Sources.Select(Source))).Append("</td></tr>");
        }
        h.Append("</table>\n");

        h.Append("<h3>AIGC</h3><p>").Append(s.Aigc.DeclaredUsesAi ? "声明使用了 AI" : "声明未使用 AI").Append(" <span class=\"en\">")
            .Append(s.Aigc.DeclaredUsesAi ? "declared to use AI" : "declared not to use AI").Append("</span>")
            .Append(s.Aigc.Tools.Count > 0 ? "（" + E(string.Join(", ", s.Aigc.Tools)) + "）" : "")
            .Append("；").Append(s.Aigc.EpisodesLabelledAi).Append('/').Append(s.Aigc.Episodes).Append(" 集带有 AI 生成的隐式标识 <span class=\"en\">episodes carry an implicit AI-generated label</span></p>\n");

        h.Append("<h3>许可 <span class=\"en\">Licenses</span></h3>");
        if (s.Licenses.Count == 0)
        {
            h.Append("<p class=\"na\">暂无许可 No licenses</p>");
        }
        else
        {
            h.Append("<table id=\"licenses\"><tr><th>许可 License</th><th>被许可方 Licensee</th><th>权利 Rights</th><th>地区 Territories</th><th>期限 Term</th><th>独占性 Exclusivity</th>")
                .Append("<th>合同金额 Contracted</th><th>报告收入 Reported revenue</th><th>许可方收入 Income</th></tr>");
            foreach (var l in s.Licenses)
            {
                string A(long minor) => E(LicenseText.Amount(minor, l.Currency));
                h.Append("<tr><td>").Append(E(l.Code)).Append(l.GrantLedgerIndex is { } leaf ? $"<br><span class=\"src\">leaf {leaf}</span>" : "").Append("</td><td>").Append(E(l.Licensee))
                    .Append("</td><td>").Append(E(l.Rights)).Append("</td><td>").Append(E(Territories(l.Territories))).Append("</td><td>")
                    .Append(E($"{l.Start:yyyy-MM-dd} – {l.End:yyyy-MM-dd}")).Append("<br>").Append(E(l.State)).Append("</td><td>").Append(E(l.Exclusivity))
                    .Append("</td><td class=\"n\">").Append(A(l.ContractedMinor)).Append("</td><td class=\"n\">").Append(A(l.ReportedRevenueMinor))
                    .Append("</td><td class=\"n\">").Append(A(l.IncomeMinor)).Append(l.InReportCurrency ? "" : "<br><span class=\"na\">非报告币种，未计入 not in the report's currency</span>").Append("</td></tr>");
            }
            h.Append("</table>");
        }
        h.Append("<p class=\"chips\" id=\"territories\">当前许可地区 <span class=\"en\">Licensed today</span>：");
        h.Append(s.Territories.Count == 0 ? "<span class=\"na\">无 none</span>" : string.Join("", s.Territories.Select(t =>
            $"<b class=\"chip{(t.Exclusive ? " x" : "")}\" title=\"{t.Licenses} license(s)\">{E(t.Code)}×{t.Licenses}</b>")));
        h.Append(" <span class=\"en\">（深色为独占 dark = exclusive）</span></p>\n");

        h.Append("<h3>版税历史 <span class=\"en\">Royalty history</span></h3>");
        if (s.Royalties.Periods.Count > 0)
        {
            h.Append("<table id=\"royalties\"><tr><th>月份 Month</th><th>报告收入 Revenue</th><th>分成 Share</th><th>应付 Owed</th><th>播放量 Views</th><th>来源 Records</th></tr>");
            foreach (var p in s.Royalties.Periods)
            {
                h.Append("<tr><td>").Append(E(p.Period)).Append("</td><td class=\"n\">").Append(M(p.RevenueMinor)).Append("</td><td class=\"n\">").Append(M(p.ShareMinor))
                    .Append("</td><td class=\"n\">").Append(M(p.OwedMinor)).Append("</td><td class=\"n\">").Append(p.Views.ToString("N0", CultureInfo.InvariantCulture))
                    .Append("</td><td class=\"src\">").Append(string.Join("<br>", p.Sources.Select(Source))).Append("</td></tr>");
            }
            h.Append("</table>");
        }
        h.Append("<p class=\"src\">仅计入双方确认的结算单；未确认 ").Append(s.Royalties.UnconfirmedStatements).Append(" 份，其他币种 ").Append(s.Royalties.OtherCurrencyStatements)
            .Append(" 份未计入。<span class=\"en\">Only statements both sides confirmed count; ").Append(s.Royalties.UnconfirmedStatements).Append(" unconfirmed and ")
            .Append(s.Royalties.OtherCurrencyStatements).Append(" in other currencies are left out.</span></p>\n");

        h.Append("<h3>盗版监测 <span class=\"en\">Monitored piracy</span></h3><p id=\"signal-piracy\">").Append(s.Piracy.Copies).Append(" 个副本 copies · ")
            .Append(s.Piracy.Platforms).Append(" 个平台 platforms · ").Append(N(s.Piracy.CopiedMinutes)).Append(" 分钟被复制 minutes copied · 观察到的播放量 views observed ")
            .Append(s.Piracy.ObservedViews.ToString("N0", CultureInfo.InvariantCulture)).Append("（").Append(s.Piracy.CopiesWithViews).Append(" 个副本有播放数据 copies with a view count）</p>");
        if (s.Piracy.ByPlatform.Count > 0)
        {
            h.Append("<table id=\"piracy-platforms\"><tr><th>平台 Platform</th><th>副本 Copies</th><th>复制分钟 Minutes</th><th>播放量 Views</th></tr>");
            foreach (var p in s.Piracy.ByPlatform)
            {
                h.Append("<tr><td>").Append(E(p.Platform)).Append("</td><td class=\"n\">").Append(p.Copies).Append("</td><td class=\"n\">").Append(N(p.CopiedMinutes))
                    .Append("</td><td class=\"n\">").Append(p.ObservedViews.ToString("N0", CultureInfo.InvariantCulture)).Append("</td></tr>");
            }
            h.Append("</table>");
        }
        h.Append(ValuationCharts.Piracy(s.Piracy)).Append('\n');

        h.Append("<h3>维权 <span class=\"en\">Disputes</span></h3><p>").Append(s.Disputes.Cases).Append(" 件案件 cases：进行中 open ").Append(s.Disputes.Open)
            .Append("，和解 settled ").Append(s.Disputes.Settled).Append("，撤回 withdrawn ").Append(s.Disputes.Withdrawn).Append("，调解失败或转诉讼 failed or referred ").Append(s.Disputes.Failed).Append("</p>");
        Sources(h, s.Disputes.Sources);

        h.Append("<h3>作品年龄 <span class=\"en\">Age</span></h3><p>").Append(s.Age.Since is { } since
            ? E($"{since:yyyy-MM-dd}") + $"（{s.Age.Days} 天 days；" + (s.Age.Basis == "declared" ? "首次发表日期，申报 first publication, declared" : "首次登记存证 first sealed registration") + "）"
            : "<span class=\"na\">未知 unknown</span>").Append("</p>\n");

        h.Append("<h3>申报信息 <span class=\"en\">Declared by the owner</span></h3><p>题材 <span class=\"en\">Genres</span>：")
            .Append(s.Declared.Genres.Count == 0 ? "<span class=\"na\">未申报 none</span>" : E(string.Join(", ", s.Declared.Genres)))
            .Append("；制作成本 <span class=\"en\">production cost</span>：")
            .Append(s.Declared.ProductionCostMinor is { } cost ? E(LicenseText.Amount(cost, s.Declared.ProductionCostCurrency ?? "")) + "（申报 declared）" : "<span class=\"na\">未申报 none</span>")
            .Append("</p>\n</div>\n");
        return h.ToString();
    }

    private static void Row(StringBuilder h, string zh, string en, string value) =>
        h.Append("<tr><th>").Append(zh).Append(" <span class=\"en\">").Append(en).Append("</span></th><td>").Append(value).Append("</td></tr>");

    private static void Lines(StringBuilder h, IReadOnlyList<FormulaLine> lines)
    {
        h.Append("<ul>");
        foreach (var line in lines)
        {
            h.Append("<li>").Append(E(line.Zh)).Append("<br><span class=\"en\">").Append(E(line.En)).Append("</span></li>");
        }
        h.Append("</ul>\n");
    }

    private static void Sources(StringBuilder h, IReadOnlyList<SourceRecord> sources)
    {
        if (sources.Count > 0)
        {
            h.Append("<p class=\"src\">来源 <span class=\"en\">records</span>：").Append(string.Join("；", sources.Select(Source))).Append("</p>\n");
        }
    }

    private static string Source(SourceRecord s) => E(s.Reference) + (s.LedgerIndex is { } i ? $" (leaf {i.ToString(CultureInfo.InvariantCulture)})" : "");

    private static string Territories(IReadOnlyList<string> codes) => codes.Count > 12 ? string.Join(", ", codes.Take(12)) + $" … (+{codes.Count - 12})" : string.Join(", ", codes);

    private static string Time(DateTime t) =>
        new DateTimeOffset(t, TimeSpan.Zero).ToOffset(LicensingClock.China).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) + " (UTC+8)";

    private static string N(decimal v) => v.ToString("0.##", CultureInfo.InvariantCulture);

    private static string N(double v) => v.ToString("0.##", CultureInfo.InvariantCulture);

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
