using System.Globalization;
using System.Net;
using System.Text;

namespace ReelRights.Core.Certificates;

/// <summary>
/// Lays out a registration certificate as one self-contained, print-ready A4 HTML page for
/// <see cref="ChromiumPdfRenderer"/>: Chinese first with English beside or under every label, the
/// QR code inline as SVG, styles inline, no script and no external resource (a Content Security
/// Policy of default-src 'none' backs that up). Every value from the model is HTML-encoded: titles,
/// names and terms are user input.
/// </summary>
public static class CertificateHtml
{
    /// <summary>
    /// China Standard Time, the offset of Asia/Shanghai. China has kept UTC+8 without daylight
    /// saving since 1991, so a fixed offset matches the tz database and needs no tzdata on the server.
    /// </summary>
    private static readonly TimeSpan ChinaStandardTime = TimeSpan.FromHours(8);

    public static string Render(CertificateModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        if (!Uri.TryCreate(model.VerificationUrl, UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttps && url.Scheme != Uri.UriSchemeHttp))
        {
            // It becomes a link and a QR code: anything but a web address (javascript:, file:) is refused.
            throw new ArgumentException("The verification URL must be an absolute http or https address.", nameof(model));
        }

        var html = new StringBuilder(16 * 1024);
        html.Append("<!DOCTYPE html>\n<html lang=\"zh-Hans\">\n<head>\n<meta charset=\"utf-8\">\n");
        html.Append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\">\n");
        html.Append("<title>作品登记证书 Certificate of Registration ").Append(E(model.CertificateNumber)).Append(' ').Append(E(model.WorkCode)).Append("</title>\n");
        html.Append("<style>").Append(CertificateStyle.Css).Append(CertificateStyle.PageFooter(model.CertificateNumber))
            .Append("</style>\n</head>\n<body>\n");
        html.Append("<main>\n");
        AppendHeader(html, model);
        AppendWork(html, model);
        AppendLedger(html, model);
        AppendEpisodes(html, model.Episodes);
        AppendRights(html, model.Rights);
        AppendAigc(html, model);
        AppendDocuments(html, model.Documents);
        AppendFooter(html, model);
        html.Append("</main>\n</body>\n</html>\n");
        return html.ToString();
    }

    private static void AppendHeader(StringBuilder html, CertificateModel model)
    {
        html.Append("<header>\n<h1>作品登记证书</h1>\n<div class=\"title-en\">Certificate of Registration</div>\n");
        html.Append("<div class=\"number\">证书编号 <span class=\"en\">Certificate No.</span> <span class=\"mono\">")
            .Append(E(model.CertificateNumber)).Append("</span></div>\n</header>\n");
        html.Append("<p class=\"statement\">兹证明下列作品已在本平台登记，其内容摘要已写入可公开核验的透明账本。")
            .Append("<span class=\"en\">This certifies that the work below has been registered and that digests of its content ")
            .Append("have been recorded in a publicly verifiable transparency log.</span></p>\n");
    }

    private static void AppendWork(StringBuilder html, CertificateModel model)
    {
        var utc = model.RegisteredAt.ToUniversalTime();
        var china = model.RegisteredAt.ToOffset(ChinaStandardTime);
        SectionTitle(html, "作品信息", "Work");
        html.Append("<div class=\"work\">\n<table class=\"fields\">\n");
        Field(html, "作品编号", "Work code", $"<span class=\"mono\">{E(model.WorkCode)}</span>");
        Field(html, "作品名称", "Title", $"<strong>{E(model.WorkTitle)}</strong>");
        Field(html, "作品类型", "Type", $"{E(model.WorkTypeZh)} <span class=\"en\">{E(model.WorkTypeEn)}</span>");
        Field(html, "登记权利人", "Registered owner", E(model.OwnerName));
        Field(html, "登记时间", "Registered at",
            $"{Timestamp(china)} 北京时间 <span class=\"en\">(UTC+08:00, Asia/Shanghai)</span><br>{Timestamp(utc)} <span class=\"en\">UTC</span>");
        html.Append("</table>\n<div class=\"qr-box\">").Append(CertificateQr.Svg(model.VerificationUrl))
            .Append("<div class=\"qr-caption\">扫码核验<span class=\"en\">Scan to verify</span></div></div>\n</div>\n");
    }

    private static void AppendLedger(StringBuilder html, CertificateModel model)
    {
        SectionTitle(html, "账本存证", "Ledger record");
        html.Append("<table class=\"fields\">\n");
        Field(html, "日志名称", "Log origin", $"<span class=\"mono\">{E(model.LogOrigin)}</span>");
        Field(html, "叶序号", "Leaf index", Integer(model.LeafIndex));
        Field(html, "叶哈希", "Leaf hash", $"<span class=\"hash\">{E(model.LeafHash)}</span>");
        Field(html, "检查点树大小", "Checkpoint tree size", Integer(model.CheckpointTreeSize));
        html.Append("</table>\n");
    }

    private static void AppendEpisodes(StringBuilder html, IReadOnlyList<CertificateEpisode> episodes)
    {
        SectionTitle(html, "分集", string.Create(CultureInfo.InvariantCulture, $"Episodes ({episodes.Count})"));
        html.Append("<table class=\"list episodes\">\n<colgroup><col class=\"c-no\"><col class=\"c-code\"><col><col class=\"c-dur\"></colgroup>\n<thead><tr>");
        HeaderCell(html, "集", "No.");
        HeaderCell(html, "分集编号", "Episode code");
        HeaderCell(html, "标题", "Title");
        HeaderCell(html, "时长", "Duration");
        html.Append("</tr></thead>\n");
        if (episodes.Count == 0)
        {
            html.Append("<tbody>");
            NoneRow(html, 4);
            html.Append("</tbody>\n");
        }

        foreach (var episode in episodes)
        {
            // Each episode is its own tbody so its digests never print on a different page from its name.
            html.Append("<tbody class=\"episode\"><tr><td>").Append(Integer(episode.Number))
                .Append("</td><td class=\"mono\">").Append(E(episode.Code))
                .Append("</td><td>").Append(E(episode.Title))
                .Append("</td><td>").Append(Duration(episode.DurationSeconds)).Append("</td></tr>\n");
            html.Append("<tr class=\"digests\"><td></td><td colspan=\"3\"><dl>");
            if (episode.MediaSha256 is { } sha256)
            {
                // Episodes registered from a fingerprint file only: the master never left its owner.
                Digest(html, "SHA-256", "", sha256);
            }

            if (episode.MediaSm3 is { } sm3)
            {
                Digest(html, "SM3", "", sm3);
            }

            Digest(html, "指纹摘要", "Fingerprint", episode.FingerprintDigest);
            html.Append("</dl></td></tr></tbody>\n");
        }

        html.Append("</table>\n");
    }

    private static void AppendRights(StringBuilder html, IReadOnlyList<CertificateRight> rights)
    {
        SectionTitle(html, "权利信息", "Rights");
        html.Append("<table class=\"list\">\n<thead><tr>");
        HeaderCell(html, "权利", "Right");
        HeaderCell(html, "权利人", "Holder");
        HeaderCell(html, "地域", "Territory");
        HeaderCell(html, "期限", "Term");
        html.Append("</tr></thead>\n<tbody>\n");
        if (rights.Count == 0)
        {
            NoneRow(html, 4);
        }

        foreach (var right in rights)
        {
            html.Append("<tr><td>").Append(E(right.RightZh)).Append("<span class=\"en\">").Append(E(right.RightEn)).Append("</span></td><td>")
                .Append(E(right.Holder)).Append("</td><td>").Append(E(right.Territory)).Append("</td><td>")
                .Append(E(right.Term)).Append("</td></tr>\n");
        }

        html.Append("</tbody>\n</table>\n");
    }

    private static void AppendAigc(StringBuilder html, CertificateModel model)
    {
        SectionTitle(html, "人工智能生成内容声明", "AIGC declaration");
        html.Append("<div class=\"aigc\"><p>").Append(E(model.AigcSummaryZh)).Append("</p><p class=\"en\">")
            .Append(E(model.AigcSummaryEn)).Append("</p></div>\n");
    }

    private static void AppendDocuments(StringBuilder html, IReadOnlyList<CertificateDocument> documents)
    {
        SectionTitle(html, "附件", "Documents");
        html.Append("<table class=\"list documents\">\n<colgroup><col class=\"c-name\"><col></colgroup>\n<thead><tr>");
        HeaderCell(html, "名称", "Name");
        HeaderCell(html, "SHA-256", "");
        html.Append("</tr></thead>\n<tbody>\n");
        if (documents.Count == 0)
        {
            NoneRow(html, 2);
        }

        foreach (var document in documents)
        {
            html.Append("<tr><td>").Append(E(document.Name)).Append("</td><td class=\"hash\">").Append(E(document.Sha256)).Append("</td></tr>\n");
        }

        html.Append("</tbody>\n</table>\n");
    }

    private static void AppendFooter(StringBuilder html, CertificateModel model)
    {
        var url = E(model.VerificationUrl);
        html.Append("<footer>\n<div class=\"verify\">核验地址 <span class=\"en\">Verification</span> <a class=\"hash\" href=\"")
            .Append(url).Append("\">").Append(url).Append("</a></div>\n");
        html.Append("<p>扫描二维码或访问上述地址，可将本证书与透明账本中的记录逐项核对；账本记录以叶序号和叶哈希为准。")
            .Append("<span class=\"en\">Scan the code or open the address above to check this certificate against the transparency log; ")
            .Append("the ledger record identified by the leaf index and leaf hash is authoritative.</span></p>\n</footer>\n");
    }

    private static void SectionTitle(StringBuilder html, string zh, string en) =>
        html.Append("<h2>").Append(zh).Append(" <span class=\"en\">").Append(E(en)).Append("</span></h2>\n");

    /// <summary>One label/value row; <paramref name="valueHtml"/> is markup whose values are already encoded.</summary>
    private static void Field(StringBuilder html, string zh, string en, string valueHtml) =>
        html.Append("<tr><th>").Append(zh).Append("<span class=\"en\">").Append(en).Append("</span></th><td>")
            .Append(valueHtml).Append("</td></tr>\n");

    private static void HeaderCell(StringBuilder html, string zh, string en)
    {
        html.Append("<th>").Append(E(zh));
        if (en.Length > 0)
        {
            html.Append("<span class=\"en\">").Append(E(en)).Append("</span>");
        }

        html.Append("</th>");
    }

    private static void Digest(StringBuilder html, string zh, string en, string hex)
    {
        html.Append("<dt>").Append(E(zh));
        if (en.Length > 0)
        {
            html.Append(" <span class=\"en\">").Append(E(en)).Append("</span>");
        }

        html.Append("</dt><dd class=\"hash\">").Append(E(hex)).Append("</dd>");
    }

    private static void NoneRow(StringBuilder html, int columns) =>
        html.Append(CultureInfo.InvariantCulture, $"<tr><td class=\"none\" colspan=\"{columns}\">无 <span class=\"en\">None</span></td></tr>\n");

    private static string E(string? text) => WebUtility.HtmlEncode(text ?? "");

    private static string Integer(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Timestamp(DateTimeOffset time) => time.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);

    private static string Duration(double seconds)
    {
        if (!double.IsFinite(seconds) || seconds < 0)
        {
            return "—";
        }

        var time = TimeSpan.FromSeconds(Math.Round(seconds));
        return time.ToString(time.TotalHours >= 1 ? @"h\:mm\:ss" : @"m\:ss", CultureInfo.InvariantCulture);
    }
}
