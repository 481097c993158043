using System.Net.Http.Json;
using Microsoft.Playwright;
using System.Text.Json;
using System.Text.RegularExpressions;
using ReelRights.Core.Accounts;
using ReelRights.Testing;

namespace ReelRights.Browser.Tests;

/// <summary>
/// A notice case in the browser: the claimant sends the notice, the platform records the measure
/// and forwards the notice, the respondent answers through its one-time link, the platform forwards
/// the counter-notice, and the claimant sees the clock and a receipt for every step.
/// </summary>
public sealed partial class CaseFlowTests
{
    [Fact]
    public async Task NoticeCase_ClaimantPlatformAndRespondent_WalkItToTheReasonablePeriod()
    {
        await using var server = await LoopbackServer.StartAsync("Sqlite", new Dictionary<string, string?> { ["Cases:CalendarFile"] = TestCalendar.WriteWeekendsOnly() });
        var claimant = await server.CreateTenantAsync("星河影业");
        var platform = await server.CreateTenantAsync("快看视频", OrganizationKind.Platform);
        using var api = server.CreateClient(claimant.ApiKey);
        var work = (await (await api.PostAsJsonAsync("/api/works", new { title = "替身新娘", type = "micro-drama" })).Content.ReadFromJsonAsync<JsonElement>())
            .GetProperty("id").GetString();
        var opened = await (await api.PostAsJsonAsync("/api/cases", new
        {
            workId = work,
            platform = new { organizationId = platform.Organization.Id },
            locations = new[] { new { url = "https://video.example/v/88", platformItemId = "88" } },
        })).Content.ReadFromJsonAsync<JsonElement>();
        var id = opened[0].GetProperty("id").GetString();
        await using var chromium = await Chromium.LaunchAsync();

        var claimantPage = await chromium.NewPageAsync();
        await SignInAsync(claimantPage, server, claimant);
        await claimantPage.ClickAsync("#nav-cases");
        var list = await claimantPage.InnerTextAsync("#cases");
        await claimantPage.ClickAsync($"#cases a[href='/cases/{id}']");
        await claimantPage.ClickAsync("form[data-action=SendNotice] button");
        var sent = await claimantPage.InnerTextAsync("#flash");
        await Chromium.ScreenshotAsync(claimantPage, "case-notice-sent");

        var platformPage = await chromium.NewPageAsync();
        await SignInAsync(platformPage, server, platform);
        await platformPage.GotoAsync(Url(server, $"/cases/{id}"));
        await platformPage.SelectOptionAsync("form[data-action=RecordMeasure] select", "Removed");
        await platformPage.ClickAsync("form[data-action=RecordMeasure] button");
        await platformPage.ClickAsync("form[data-action=ForwardToRespondent] button");
        var forwarded = await platformPage.InnerTextAsync("#flash");
        var link = RespondentLink().Match(forwarded).Value;

        var respondentPage = await chromium.NewPageAsync();
        await respondentPage.GotoAsync(link);
        await respondentPage.FillAsync("#cn-name", "李某");
        await respondentPage.FillAsync("#cn-contact", "li@example.test");
        await respondentPage.FillAsync("#cn-grounds", "视频为本人原创拍摄，附原始素材。");
        await respondentPage.ClickAsync("#cn-submit");
        var done = await respondentPage.InnerTextAsync("#respond-done");
        await Chromium.ScreenshotAsync(respondentPage, "case-counter-notice");

        await platformPage.ReloadAsync();
        await platformPage.ClickAsync("form[data-action=ForwardCounterNotice] button");
        await claimantPage.ReloadAsync();
        var state = await claimantPage.InnerTextAsync("#case-state");
        var clock = await claimantPage.InnerTextAsync("#deadlines");
        var steps = await claimantPage.Locator("#timeline li.step").CountAsync();
        var receipt = await claimantPage.GetAttributeAsync("#timeline li.step:last-child a.receipt", "href");
        await Chromium.ScreenshotAsync(claimantPage, "case-reasonable-period");

        list.ShouldContain("替身新娘");
        sent.ShouldContain("通知已送达");
        link.ShouldStartWith(server.BaseAddress.ToString().TrimEnd('/') + "/respond/");
        done.ShouldContain("不侵权声明已提交");
        state.ShouldContain("不侵权声明已转送");
        clock.ShouldContain("投诉或起诉的合理期限");
        clock.ShouldContain("20 个工作日");
        clock.ShouldContain("还剩");
        steps.ShouldBe(6);
        (await api.GetStringAsync(receipt)).ShouldStartWith("reelrights/receipt@v1");
    }

    private static Task SignInAsync(IPage page, LoopbackServer server, TestTenant tenant) => BrowserSteps.SignInAsync(page, server, tenant);

    private static string Url(LoopbackServer server, string path) => BrowserSteps.Url(server, path);

    [GeneratedRegex(@"https?://\S+/respond/[A-Za-z0-9_-]+")]
    private static partial Regex RespondentLink();
}
