using ReelRights.Core.Cases.Notice;

namespace ReelRights.Core.Tests.Cases;

public sealed class CaseNoticeHtmlTests
{
    private static CaseNoticeModel Model(string title) => new()
    {
        SentAt = new DateTime(2026, 2, 14, 2, 30, 0, DateTimeKind.Utc),
        ClaimantName = "星河影业",
        ClaimantContact = "林制片 <lin@example.test>",
        PlatformName = "快看视频",
        Works = [Work("WQ-2026-ABC123", title)],
    };

    private static NoticeWork Work(string number, string title) => new(number, title, "RRW-2026-0001",
        [new NoticeRegistration("RRC-2026-000001", 12, "https://rr.example/verify?certificate=RRC-2026-000001")],
        [new NoticeLocation("https://video.example/v/1?a=1&b=2", "v1", 46, [new NoticeSpan(0, 46, 62, 108)], 40, new string('b', 64))]);

    [Fact]
    public void Render_StatesWhatArticle1195AsksFor_InBothLanguages()
    {
        var html = CaseNoticeHtml.Render(Model("霸道总裁的替身新娘"));

        html.ShouldContain("星河影业");
        html.ShouldContain("lin@example.test");
        html.ShouldContain("RRW-2026-0001");
        html.ShouldContain("RRC-2026-000001 · 存证序号");
        html.ShouldContain("https://video.example/v/1?a=1&amp;b=2");
        html.ShouldContain("副本 <span class=\"en\">copy</span> 0:00–0:46 ← 登记作品 <span class=\"en\">registered</span> 1:02–1:48");
        html.ShouldContain("存证序号 <span class=\"en\">ledger entry</span> 40");
        html.ShouldContain("2026-02-14 10:30:00 (UTC+8)");
        html.ShouldContain("good faith");
        html.ShouldContain("default-src 'none'");
    }

    [Fact]
    public void Render_HostileText_IsEncodedNotMarkup()
    {
        var html = CaseNoticeHtml.Render(Model("<script>alert(1)</script>\"><img src=x>"));

        html.ShouldNotContain("<script>");
        html.ShouldNotContain("<img");
        html.ShouldContain("&lt;script&gt;");
    }

    [Fact]
    public void Render_SeveralWorks_ListsEachWithItsCaseNumber_InOneNotice()
    {
        var html = CaseNoticeHtml.Render(Model("甲") with { Works = [Work("WQ-2026-AAAAAA", "甲"), Work("WQ-2026-BBBBBB", "乙"), Work("WQ-2026-CCCCCC", "丙")] });

        html.ShouldContain("<b>WQ-2026-AAAAAA, WQ-2026-BBBBBB, WQ-2026-CCCCCC</b>");
        html.ShouldContain("3. 《丙》 · 案号 <span class=\"en\">case</span> WQ-2026-CCCCCC");
        html.ShouldContain("This notice covers 3 works and 3 infringing locations");
        html.Split("<table>").Length.ShouldBe(4);
    }
}
