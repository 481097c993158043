using System.Globalization;
using System.Net;
using System.Text;

namespace ReelRights.Core.Cases.Mediation;

/// <summary>What the settlement agreement states; everything comes from the case and its accepted proposal.</summary>
public sealed record SettlementAgreementModel
{
    public required string CaseNumber { get; init; }
    public required DateTime DraftedAt { get; init; }
    public required SettlementPartyLine Claimant { get; init; }
    public required SettlementPartyLine OtherSide { get; init; }
    public required string MediatorName { get; init; }
    public required string PlatformName { get; init; }
    public required string WorkTitle { get; init; }
    public required string WorkCode { get; init; }
    public required IReadOnlyList<string> Locations { get; init; }
    public required long AmountMinor { get; init; }
    public required string Currency { get; init; }
    public required string PaymentSchedule { get; init; }
    public required string TakedownScope { get; init; }
    public string? LicenseTerms { get; init; }
    public string? NoticeSha256 { get; init; }
}

/// <summary>A party as the agreement names it.</summary>
public sealed record SettlementPartyLine(string RoleZh, string RoleEn, string Name, string? Contact);

/// <summary>
/// The settlement agreement (调解协议) as one self-contained bilingual HTML page (no script, no
/// external resource, every value HTML-encoded). The PDF printed from it is what the parties sign.
/// The clauses name what art. 205 of the Civil Procedure Law (as amended in 2023) lets the parties ask a court
/// to confirm: the parties, the dispute, the terms, and the undertaking to apply within 30 days.
/// </summary>
public static class SettlementAgreementHtml
{
    public static string Render(SettlementAgreementModel m)
    {
        ArgumentNullException.ThrowIfNull(m);
        var h = new StringBuilder(8 * 1024);
        h.Append("<!DOCTYPE html>\n<html lang=\"zh-Hans\">\n<head>\n<meta charset=\"utf-8\">\n");
        h.Append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n");
        h.Append("<title>调解协议 Settlement agreement ").Append(E(m.CaseNumber)).Append("</title>\n");
        h.Append("<style>body{font-family:'Noto Sans CJK SC','Noto Sans',sans-serif;margin:24px;color:#111;font-size:13px}")
            .Append("h1{font-size:20px}h2{font-size:15px;margin-top:18px}table{border-collapse:collapse;width:100%}")
            .Append("td,th{border:1px solid #999;padding:4px;text-align:left;vertical-align:top}.en{color:#555}</style>\n</head>\n<body>\n");
        h.Append("<h1>调解协议书 <span class=\"en\">Settlement agreement</span></h1>\n");
        h.Append("<p>案号 <span class=\"en\">Case</span>: <b>").Append(E(m.CaseNumber)).Append("</b> · 拟定时间 <span class=\"en\">Drafted</span>: ")
            .Append(E(China(m.DraftedAt))).Append(" (UTC+8)</p>\n");

        h.Append("<h2>一、当事人 <span class=\"en\">1. Parties</span></h2>\n<table>\n");
        foreach (var p in new[] { m.Claimant, m.OtherSide })
        {
            h.Append("<tr><th>").Append(E(p.RoleZh)).Append(" <span class=\"en\">").Append(E(p.RoleEn)).Append("</span></th><td>")
                .Append(E(p.Name)).Append(p.Contact is null ? "" : " · " + E(p.Contact)).Append("</td></tr>\n");
        }
        h.Append("<tr><th>调解组织 <span class=\"en\">Mediator</span></th><td>").Append(E(m.MediatorName)).Append("</td></tr>\n</table>\n");

        h.Append("<h2>二、争议 <span class=\"en\">2. The dispute</span></h2>\n<p>权利人就作品《").Append(E(m.WorkTitle)).Append("》（作品编码 ")
            .Append(E(m.WorkCode)).Append("）在").Append(E(m.PlatformName)).Append("上的下列副本主张权利：")
            .Append("<br><span class=\"en\">The rights holder claims rights in the work ").Append(E(m.WorkTitle)).Append(" (code ").Append(E(m.WorkCode))
            .Append(") against these copies on ").Append(E(m.PlatformName)).Append(":</span></p>\n<ol>\n");
        foreach (var l in m.Locations)
        {
            h.Append("<li>").Append(E(l)).Append("</li>\n");
        }
        h.Append("</ol>\n");
        if (m.NoticeSha256 is { } notice)
        {
            h.Append("<p>侵权通知 SHA-256 <span class=\"en\">notice</span>: ").Append(E(notice)).Append("</p>\n");
        }

        h.Append("<h2>三、和解条款 <span class=\"en\">3. Terms</span></h2>\n<table>\n");
        Row(h, "赔偿金额", "Compensation", FormatAmount(m.AmountMinor, m.Currency));
        Row(h, "支付安排", "Payment schedule", m.PaymentSchedule);
        Row(h, m.LicenseTerms is null ? "下架范围" : "处理方式", m.LicenseTerms is null ? "Takedown scope" : "Handling", m.TakedownScope);
        if (m.LicenseTerms is { } license)
        {
            Row(h, "以许可代替下架", "License instead of takedown", license);
        }
        h.Append("</table>\n");

        h.Append("<h2>四、其他约定 <span class=\"en\">4. Further terms</span></h2>\n<ol>\n")
            .Append("<li>双方履行本协议后，就上述副本再无其他争议。<br><span class=\"en\">Once this agreement is performed, the parties have no further dispute over the copies above.</span></li>\n")
            .Append("<li>双方同意自本协议生效之日起三十日内，依《中华人民共和国民事诉讼法》第二百零五条共同向有管辖权的人民法院申请司法确认。<br>")
            .Append("<span class=\"en\">The parties agree to apply jointly, within 30 days of this agreement taking effect, to the competent people's court for judicial confirmation under art. 205 of the Civil Procedure Law.</span></li>\n")
            .Append("<li>本协议自双方签署之日起生效。每一签署为签署人的账户、签署时间及本 PDF 文件的 SHA-256 与 SM3 摘要，封存于本平台的存证日志，可离线核验。<br>")
            .Append("<span class=\"en\">This agreement takes effect when both parties have signed. Each signature is the signer's account, the time and the SHA-256 and SM3 of this PDF, sealed on this platform's ledger and verifiable offline.</span></li>\n</ol>\n");

        h.Append("<h2>五、签署 <span class=\"en\">5. Signatures</span></h2>\n<table>\n<tr><th>").Append(E(m.Claimant.RoleZh)).Append(" <span class=\"en\">")
            .Append(E(m.Claimant.RoleEn)).Append("</span></th><th>").Append(E(m.OtherSide.RoleZh)).Append(" <span class=\"en\">").Append(E(m.OtherSide.RoleEn))
            .Append("</span></th></tr>\n<tr><td>").Append(E(m.Claimant.Name)).Append("<br>电子签署，见存证日志 <span class=\"en\">signed electronically, see the ledger</span></td><td>")
            .Append(E(m.OtherSide.Name)).Append("<br>电子签署，见存证日志 <span class=\"en\">signed electronically, see the ledger</span></td></tr>\n</table>\n");
        h.Append("</body>\n</html>\n");
        return h.ToString();
    }

    /// <summary>An amount in minor units as the agreement writes it, e.g. 12,000.00 CNY.</summary>
    public static string FormatAmount(long minor, string currency) =>
        (minor / 100m).ToString("#,0.00", CultureInfo.InvariantCulture) + " " + currency;

    private static void Row(StringBuilder h, string zh, string en, string value) =>
        h.Append("<tr><th>").Append(E(zh)).Append(" <span class=\"en\">").Append(E(en)).Append("</span></th><td>").Append(E(value)).Append("</td></tr>\n");

    private static string China(DateTime utc) =>
        new DateTimeOffset(utc, TimeSpan.Zero).ToOffset(ClockRule.ChinaOffset).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);

    private static string E(string? text) => WebUtility.HtmlEncode(text ?? "");
}
