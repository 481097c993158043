using System.Globalization;
using System.Net;
using System.Text;
using ReelRights.Core.Monitoring;
using ReelRights.Core.Works;

namespace ReelRights.Core.Evidence;

/// <summary>What the bilingual report says: the hit, the captured copy, its match and the session.</summary>
internal sealed record EvidenceReportModel(Work Work, Episode Episode, string Owner, MonitoringHit Hit, FetchedMedia Fetched, IReadOnlyList<ScreenedMatch> Matches,
    string SessionLog);

/// <summary>
/// The bilingual report (Chinese first, English beside): the facts of the capture, the frames of
/// the registered episode and the copy side by side, the screenshot of the page, and the session
/// log. The same markup goes into report.html, where pictures are the bundle's files by relative
/// path, and into report.pdf, where they are embedded. Everything from outside is HTML-encoded.
/// </summary>
internal static class EvidenceReport
{
    private const string Css = "body{font-family:\"Noto Sans CJK SC\",sans-serif;margin:24px;color:#111}th{text-align:left;padding-right:12px;vertical-align:top}"
        + "td{word-break:break-all}.en{color:#555;font-size:90%}figure{display:inline-block;margin:0 16px 12px 0;vertical-align:top}"
        + "figure img{max-width:300px;max-height:420px;border:1px solid #ccc}figure img.shot{width:300px;max-height:none}"
        + "figcaption{font-size:85%;color:#333;max-width:300px}pre{white-space:pre-wrap;word-break:break-all;font-size:80%}";

    /// <summary>The report; <paramref name="embed"/> puts pictures in as data: URIs (for the PDF, rendered in a folder that holds only the page) rather than by their paths in the bundle.</summary>
    public static string Html(EvidenceReportModel model, EvidenceFolder folder, bool embed)
    {
        static string E(string? s) => WebUtility.HtmlEncode(s ?? "");
        string? Image(string path, string mediaType) => !folder.Contains(path) ? null
            : embed ? $"data:{mediaType};base64,{Convert.ToBase64String(File.ReadAllBytes(folder.FullPath(path)))}"
            : path;
        var (hit, fetched, matches) = (model.Hit, model.Fetched, model.Matches);
        var sb = new StringBuilder();
        sb.Append("<!doctype html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\">");
        sb.Append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data: file:\">");
        sb.Append("<title>取证报告 Evidence report</title><style>").Append(Css).Append("</style></head><body>");
        sb.Append("<h1>侵权取证报告 <span class=\"en\">Infringement evidence report</span></h1><table>");
        void Row(string zh, string en, string? value) => sb.Append(CultureInfo.InvariantCulture, $"<tr><th>{E(zh)} <span class=\"en\">{E(en)}</span></th><td>{E(value)}</td></tr>");
        Row("权利人", "Owner", model.Owner);
        Row("作品", "Work", $"{model.Work.Title} ({model.Work.Code})");
        Row("分集", "Episode", model.Episode.Code);
        Row("来源地址", "Source", hit.Source);
        if (hit.PageUrl is { } page)
        {
            Row("所在网页", "Found on page", page);
        }
        Row("最终地址", "Final URL", fetched.Fetch.FinalUrl.ToString());
        Row("服务器地址", "Server address", fetched.Fetch.RemoteAddress);
        if (fetched.Hls is { } hls)
        {
            Row("HLS 流", "HLS stream", string.Create(CultureInfo.InvariantCulture,
                $"{hls.Playlists.Count} playlist(s), {hls.Parts.Count} part(s), {hls.Duration:0.0} s{(hls.Variant is { } v ? $", variant BANDWIDTH {v.Bandwidth} {v.Resolution}" : "")}{(hls.Live ? ", live (as listed at capture)" : "")}; http/hls.json"));
        }
        Row("副本 SHA-256", "Copy SHA-256", fetched.Sha256);
        Row("相似度", "Score", matches.Count > 0 ? matches[0].Score.ToString("0.000", CultureInfo.InvariantCulture) : "—");
        Row("匹配片段", "Matched seconds", string.Join("; ", matches.SelectMany(m => m.Segments).Select(s =>
            string.Create(CultureInfo.InvariantCulture, $"{s.QueryStart:0.0}–{s.QueryEnd:0.0} ↔ {s.ReferenceStart:0.0}–{s.ReferenceEnd:0.0}"))));
        var copied = CopiedTime.Of(matches.SelectMany(m => m.Segments));
        Row("被复制时长", "Copied", string.Create(CultureInfo.InvariantCulture,
            $"{copied.Seconds:0.0} 秒 / s ← {string.Join(", ", copied.Reference.Select(r => $"{r.Start:0.0}–{r.End:0.0}"))} ({copied.ReferenceSeconds:0.0} s)"));
        sb.Append("</table>");

        var reference = Image("frames/reference.jpg", "image/jpeg");
        var copy = Image("frames/copy.jpg", "image/jpeg");
        if (reference is not null || copy is not null)
        {
            sb.Append("<h2>画面对比 <span class=\"en\">Frames side by side</span></h2>");
            Figure(sb, reference, "登记分集", "Registered episode");
            Figure(sb, copy, "副本", "Copy");
        }
        if (Image(PageEvidence.ScreenshotPath, "image/png") is { } screenshot)
        {
            sb.Append("<h2>所在网页截图 <span class=\"en\">Screenshot of the page</span></h2>");
            Figure(sb, screenshot, "由网页 HTML 离线渲染，不运行脚本、不加载外部资源", "Rendered offline from the page's HTML, without scripts or external resources", "shot");
        }
        sb.Append("<h2>取证过程 <span class=\"en\">Session log</span></h2><pre>").Append(E(model.SessionLog)).Append("</pre>");
        sb.Append("<p>本证据包中每个文件的 SHA-256 与 SM3 列于 manifest.json，清单摘要已写入透明账本（见 receipt.txt），可用 reelrights verify 离线核验。<br><span class=\"en\">Every file's SHA-256 and SM3 is listed in manifest.json, whose digest is sealed on the transparency log (receipt.txt); verify offline with reelrights verify.</span></p>");
        sb.Append("</body></html>");
        return sb.ToString();
    }

    private static void Figure(StringBuilder sb, string? source, string zh, string en, string? css = null)
    {
        if (source is null)
        {
            return;
        }
        sb.Append("<figure><img").Append(css is null ? "" : $" class=\"{css}\"").Append(" src=\"").Append(WebUtility.HtmlEncode(source)).Append("\" alt=\"")
            .Append(WebUtility.HtmlEncode(en)).Append("\"><figcaption>").Append(WebUtility.HtmlEncode(zh)).Append(" <span class=\"en\">")
            .Append(WebUtility.HtmlEncode(en)).Append("</span></figcaption></figure>");
    }
}
