using System.Globalization;
using System.Net;
using System.Text;

namespace ReelRights.Core.Licensing;

/// <summary>What the license contract states; everything comes from the deal's accepted version.</summary>
public sealed record LicenseContractModel
{
    public required string DealNumber { get; init; }
    public required string LicenseCode { get; init; }
    public required DateTime DrawnAt { get; init; }
    public required string LicensorName { get; init; }
    public required string LicenseeName { get; init; }
    public required string WorkTitle { get; init; }
    public required string WorkCode { get; init; }
    public string? CertificateNumber { get; init; }
    public required LicenseTerms Terms { get; init; }
    public required int AcceptedVersion { get; init; }
}

/// <summary>
/// The license contract (著作权许可使用合同) as one self-contained bilingual HTML page (no script,
/// no external resource, every value encoded). It states what art. 26 of the Copyright Law asks of
/// a license contract: the kind of right, exclusive or not, territory and term, the fee and how it
/// is paid, and remedies; the PDF printed from it is what both sides sign.
/// </summary>
public static class LicenseContractHtml
{
    private static readonly TimeSpan China = TimeSpan.FromHours(8);

    public static string Render(LicenseContractModel m)
    {
        ArgumentNullException.ThrowIfNull(m);
        var t = m.Terms;
        var h = new StringBuilder(8 * 1024);
        h.Append("<!DOCTYPE html>\n<html lang=\"zh-Hans\">\n<head>\n<meta charset=\"utf-8\">\n");
        h.Append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n");
        h.Append("<title>著作权许可使用合同 License contract ").Append(E(m.LicenseCode)).Append("</title>\n");
        h.Append("<style>body{font-family:'Noto Sans CJK SC','Noto Sans',sans-serif;margin:24px;color:#111;font-size:13px}h1{font-size:20px}")
            .Append("h2{font-size:15px;margin-top:18px}table{border-collapse:collapse;width:100%}td,th{border:1px solid #999;padding:4px;text-align:left;vertical-align:top}")
            .Append(".en{color:#555}</style>\n</head>\n<body>\n");
        h.Append("<h1>著作权许可使用合同 <span class=\"en\">Copyright license contract</span></h1>\n");
        h.Append("<p>许可编号 <span class=\"en\">License code</span>: <b>").Append(E(m.LicenseCode)).Append("</b> · 交易 <span class=\"en\">deal</span> ")
            .Append(E(m.DealNumber)).Append(" · 第 ").Append(m.AcceptedVersion).Append(" 版条款 <span class=\"en\">terms version</span> · 拟定 <span class=\"en\">drawn</span> ")
            .Append(E(new DateTimeOffset(m.DrawnAt, TimeSpan.Zero).ToOffset(China).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture))).Append(" (UTC+8)</p>\n");
        h.Append("<h2>一、当事人 <span class=\"en\">1. Parties</span></h2>\n<p>许可方 <span class=\"en\">Licensor</span>: ").Append(E(m.LicensorName))
            .Append("<br>被许可方 <span class=\"en\">Licensee</span>: ").Append(E(m.LicenseeName)).Append("</p>\n");
        h.Append("<h2>二、作品 <span class=\"en\">2. The work</span></h2>\n<p>《").Append(E(m.WorkTitle)).Append("》 · 作品编码 <span class=\"en\">work code</span> ")
            .Append(E(m.WorkCode));
        if (m.CertificateNumber is { } cert)
        {
            h.Append(" · 登记证书 <span class=\"en\">certificate</span> ").Append(E(cert));
        }
        h.Append("<br>分集 <span class=\"en\">episodes</span>: ")
            .Append(t.Episodes is { } eps ? E(string.Join(", ", eps)) : "全部 <span class=\"en\">all</span>").Append("</p>\n");
        var rights = LicenseText.Rights(t.Rights);
        var exclusivity = LicenseText.Exclusivity(t.Exclusivity);
        var territories = Territories.Describe(t.TerritoryCodes());
        var price = LicenseText.Price(t.Price);
        h.Append("<h2>三、许可内容 <span class=\"en\">3. What is licensed</span></h2>\n<table>\n");
        Row(h, "权利种类", "Rights", rights.Zh, rights.En);
        Row(h, "许可性质", "Exclusivity", exclusivity.Zh, exclusivity.En);
        Row(h, "地域范围", "Territory", territories.Zh, territories.En);
        Row(h, "平台/渠道", "Platforms", t.Platforms.Count == 0 ? "不限" : string.Join("、", t.Platforms), t.Platforms.Count == 0 ? "any" : string.Join(", ", t.Platforms));
        Row(h, "语言", "Languages", t.Languages.Count == 0 ? "不限" : string.Join("、", t.Languages), t.Languages.Count == 0 ? "any" : string.Join(", ", t.Languages));
        Row(h, "许可期限", "Term", $"{D(t.Start)} 至 {D(t.End)}（含，北京时间）", $"{D(t.Start)} to {D(t.End)} inclusive, China time");
        Row(h, "许可使用费", "Fee", price.Zh, price.En);
        h.Append("</table>\n");
        h.Append("<h2>四、权利保留 <span class=\"en\">4. Rights reserved</span></h2>\n<p>本合同未明确许可的权利，仍由许可方保留；被许可方不得将本许可转让或再许可第三方。")
            .Append("<br><span class=\"en\">Rights not expressly licensed here remain with the licensor; the licensee may not assign or sublicense this license.</span></p>\n");
        h.Append("<h2>五、监测与授权识别 <span class=\"en\">5. Monitoring</span></h2>\n<p>被许可方在本平台声明的渠道上、许可范围与期限内的使用，监测将识别为“已授权”；超出范围或期限的使用不受本许可保护。")
            .Append("<br><span class=\"en\">Use on the channels the licensee declares on this platform, within the scope and term, is recognized by monitoring as licensed; use outside them is not covered.</span></p>\n");
        h.Append("<h2>六、签署 <span class=\"en\">6. Signature</span></h2>\n<p>双方以各自账户签署本合同 PDF 文件，签名（账户、时间、PDF 的 SHA-256 与 SM3）封存于存证日志，可离线核验；双方签署后许可生效。")
            .Append("<br><span class=\"en\">Each side signs this contract's PDF with its account; each signature (account, time, SHA-256 and SM3 of the PDF) is sealed on the ledger and verifiable offline. The license takes effect once both have signed.</span></p>\n");
        h.Append("</body>\n</html>\n");
        return h.ToString();
    }

    private static void Row(StringBuilder h, string zh, string en, string valueZh, string valueEn) =>
        h.Append("<tr><th>").Append(zh).Append(" <span class=\"en\">").Append(en).Append("</span></th><td>").Append(E(valueZh))
            .Append(valueZh == valueEn ? "" : "<br><span class=\"en\">" + E(valueEn) + "</span>").Append("</td></tr>\n");

    private static string D(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string E(string? text) => WebUtility.HtmlEncode(text ?? "");
}
