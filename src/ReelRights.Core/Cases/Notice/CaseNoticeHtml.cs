using System.Globalization;
using System.Net;
using System.Text;

namespace ReelRights.Core.Cases.Notice;

/// <summary>
/// The notice as one self-contained bilingual HTML page (no script, no external resource; every
/// value HTML-encoded), the bytes whose SHA-256 the "send-notice" step seals. It carries what art.
/// 1195 and Regulations art. 14 ask of a notice: the claimant's identity and contact, the work and
/// its registration, each infringing location, the preliminary evidence and the good-faith statement.
/// </summary>
public static class CaseNoticeHtml
{
    private static readonly TimeSpan China = TimeSpan.FromHours(8);

    public static string Render(CaseNoticeModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var h = new StringBuilder(8 * 1024);
        h.Append("<!DOCTYPE html>\n<html lang=\"zh-Hans\">\n<head>\n<meta charset=\"utf-8\">\n");
        h.Append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n");
        var numbers = string.Join(", ", model.CaseNumbers);
        h.Append("<title>侵权通知 Notice of infringement ").Append(E(numbers)).Append("</title>\n");
        h.Append("<style>body{font-family:'Noto Sans CJK SC','Noto Sans',sans-serif;margin:24px;color:#111;font-size:13px}")
            .Append("h1{font-size:20px}h2{font-size:15px;margin-top:18px}h3{font-size:14px;margin-top:14px}table{border-collapse:collapse;width:100%}")
            .Append("td,th{border:1px solid #999;padding:4px;text-align:left;vertical-align:top}.en{color:#555}</style>\n</head>\n<body>\n");
        h.Append("<h1>侵权通知书 <span class=\"en\">Notice of infringement</span></h1>\n");
        h.Append("<p>案号 <span class=\"en\">Case</span>: <b>").Append(E(numbers)).Append("</b> · 发送时间 <span class=\"en\">Sent</span>: ")
            .Append(E(new DateTimeOffset(model.SentAt, TimeSpan.Zero).ToOffset(China).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture))).Append(" (UTC+8)</p>\n");
        h.Append("<p>致 <span class=\"en\">To</span>: ").Append(E(model.PlatformName)).Append("</p>\n");
        if (model.Works.Count > 1)
        {
            var places = model.Works.Sum(w => w.Locations.Count);
            h.Append("<p>本通知涵盖 ").Append(model.Works.Count).Append(" 部作品、").Append(places).Append(" 个侵权地址，每部作品一个案号。")
                .Append("<br><span class=\"en\">This notice covers ").Append(model.Works.Count).Append(" works and ").Append(places)
                .Append(" infringing locations, one case number per work.</span></p>\n");
        }

        h.Append("<h2>一、权利人 <span class=\"en\">1. Rights holder</span></h2>\n<p>").Append(E(model.ClaimantName)).Append(" · ")
            .Append("联系方式 <span class=\"en\">contact</span>: ").Append(E(model.ClaimantContact)).Append("</p>\n");

        h.Append("<h2>二、作品、登记及侵权内容所在位置 <span class=\"en\">2. The works, their registration and where the infringing copies are</span></h2>\n");
        for (var w = 0; w < model.Works.Count; w++)
        {
            Work(h, w + 1, model.Works[w]);
        }

        h.Append("<h2>三、要求 <span class=\"en\">3. Request</span></h2>\n<p>请依《民法典》第一千一百九十五条对上述内容及时采取删除、屏蔽、断开链接等必要措施，并将本通知转送相关用户。")
            .Append("<br><span class=\"en\">Under Civil Code art. 1195, please take the necessary measures (removal, blocking, disconnecting links) on the content above without delay and forward this notice to the users concerned.</span></p>\n");
        h.Append("<h2>四、声明 <span class=\"en\">4. Statement</span></h2>\n<p>权利人保证本通知内容真实，并对通知错误造成的损害依法承担责任。")
            .Append("<br><span class=\"en\">The rights holder states in good faith that this notice is accurate and answers under the law for harm caused by an erroneous notice.</span></p>\n");
        h.Append("<p class=\"en\">每一证据包与登记均可在验证页面或以 reelrights verify 离线核验。 Every evidence bundle and registration can be checked on the verification page or offline with reelrights verify.</p>\n");
        h.Append("</body>\n</html>\n");
        return h.ToString();
    }

    private static void Work(StringBuilder h, int number, NoticeWork work)
    {
        h.Append("<h3>").Append(number).Append(". 《").Append(E(work.Title)).Append("》 · 案号 <span class=\"en\">case</span> ").Append(E(work.CaseNumber))
            .Append(" · 作品编码 <span class=\"en\">work code</span> ").Append(E(work.Code)).Append("</h3>\n<ul>\n");
        foreach (var r in work.Registrations)
        {
            h.Append("<li>登记证书 <span class=\"en\">certificate</span> ").Append(E(r.CertificateNumber));
            if (r.LedgerIndex is { } index)
            {
                h.Append(" · 存证序号 <span class=\"en\">ledger entry</span> ").Append(index.ToString(CultureInfo.InvariantCulture));
            }
            h.Append(" · 验证 <span class=\"en\">verify</span>: ").Append(E(r.VerifyUrl)).Append("</li>\n");
        }
        if (work.Registrations.Count == 0)
        {
            h.Append("<li>尚无已封存的登记 <span class=\"en\">no sealed registration yet</span></li>\n");
        }
        h.Append("</ul>\n<table>\n<tr><th>#</th><th>网址 <span class=\"en\">URL</span></th>")
            .Append("<th>平台内编号 <span class=\"en\">item id</span></th><th>复制内容 <span class=\"en\">copied</span></th><th>初步证据 <span class=\"en\">evidence</span></th></tr>\n");
        for (var i = 0; i < work.Locations.Count; i++)
        {
            var l = work.Locations[i];
            h.Append("<tr><td>").Append(i + 1).Append("</td><td>").Append(E(l.Url)).Append("</td><td>").Append(E(l.PlatformItemId ?? "—")).Append("</td><td>");
            h.Append(S(l.CopiedSeconds)).Append(" 秒 <span class=\"en\">s</span>");
            foreach (var s in l.Spans)
            {
                h.Append("<br>副本 <span class=\"en\">copy</span> ").Append(T(s.CopyStart)).Append('–').Append(T(s.CopyEnd))
                    .Append(" ← 登记作品 <span class=\"en\">registered</span> ").Append(T(s.ReferenceStart)).Append('–').Append(T(s.ReferenceEnd));
            }
            h.Append("</td><td>");
            h.Append(l.EvidenceLedgerIndex is { } e
                ? $"证据包 <span class=\"en\">evidence bundle</span> SHA-256 {E(l.EvidenceSha256)} · 存证序号 <span class=\"en\">ledger entry</span> {e.ToString(CultureInfo.InvariantCulture)}"
                : "—");
            h.Append("</td></tr>\n");
        }
        h.Append("</table>\n");
    }

    private static string E(string? text) => WebUtility.HtmlEncode(text ?? "");

    private static string S(double seconds) => seconds.ToString("0.#", CultureInfo.InvariantCulture);

    private static string T(double seconds)
    {
        var t = TimeSpan.FromSeconds(Math.Max(0, seconds));
        return t.TotalHours >= 1 ? t.ToString(@"h\:mm\:ss", CultureInfo.InvariantCulture) : t.ToString(@"m\:ss", CultureInfo.InvariantCulture);
    }
}
