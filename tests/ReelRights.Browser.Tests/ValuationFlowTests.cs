using System.Net.Http.Json;
using System.Text.RegularExpressions;
using ReelRights.Testing;

namespace ReelRights.Browser.Tests;

/// <summary>
/// 估值 in the browser: a rights holder declares a work's genres and production cost, previews the
/// signals with chosen parameters, runs a sealed report, runs it again with another discount rate and
/// compares the two. Screenshots are kept as test artefacts.
/// </summary>
public sealed partial class ValuationFlowTests
{
    [Fact]
    public async Task RightsHolder_DeclaresPreviewsRunsAndCompares()
    {
        await using var server = await LoopbackServer.StartAsync("Sqlite");
        var owner = await server.CreateTenantAsync("星河影业");
        using (var api = server.CreateClient(owner.ApiKey))
        {
            (await api.PostAsJsonAsync("/api/works", new { title = "替身新娘", type = "micro-drama" })).EnsureSuccessStatusCode();
        }
        await using var chromium = await Chromium.LaunchAsync();
        var page = await chromium.NewPageAsync();
        await BrowserSteps.SignInAsync(page, server, owner);

        await page.ClickAsync("#nav-finance");
        await page.WaitForSelectorAsync("#finance-works");
        (await page.InnerTextAsync("#finance-works")).ShouldContain("尚未估值");
        await page.ClickAsync("#finance-works a");
        await page.WaitForSelectorAsync("#profile-form");
        var workUrl = page.Url;
        await page.FillAsync("#profile-genres", "romance, revenge");
        await page.FillAsync("#profile-cost", "20000");
        await page.ClickAsync("#save-profile");
        await BrowserSteps.ArriveAsync(page, workUrl, "#valuation-flash");
        (await page.InnerTextAsync("#valuation-flash")).ShouldContain("已保存");
        (await page.InnerTextAsync("#preview-body #range-central")).ShouldBe("CNY 20,000.00");
        (await page.InnerTextAsync("#preview-body")).ShouldContain("Only the cost approach applies");
        await Chromium.ScreenshotAsync(page, "valuation-01-preview");

        await page.ClickAsync("#run-report");
        await BrowserSteps.ArriveAsync(page, ReportUrl(), "#report-seal");
        var first = ReportNumber().Match(page.Url).Value;
        (await page.InnerTextAsync("#range-central")).ShouldBe("CNY 20,000.00");
        (await page.InnerTextAsync("#disclaimer")).ShouldContain("不是资产评估报告");
        await Chromium.ScreenshotAsync(page, "valuation-02-report");

        await page.GotoAsync(workUrl);
        await page.FillAsync("#profile-cost", "26000");
        await page.ClickAsync("#save-profile");
        await BrowserSteps.ArriveAsync(page, workUrl, "#valuation-flash");
        await page.FillAsync("#param-discount", "15");
        await page.ClickAsync("#run-report");
        await BrowserSteps.ArriveAsync(page, ReportUrl(), "#compare-form");
        await page.SelectOptionAsync("#compare-with", first);
        await page.ClickAsync("#compare");
        await page.WaitForSelectorAsync("#comparison");
        var comparison = await page.InnerTextAsync("#comparison");
        comparison.ShouldContain("CNY 20,000.00");
        comparison.ShouldContain("▲ CNY 26,000.00");
        comparison.ShouldContain("▲ 15%");
        (await page.Locator("#comparison tr.changed").CountAsync()).ShouldBeGreaterThanOrEqualTo(3);
        await Chromium.ScreenshotAsync(page, "valuation-03-comparison");
    }

    private static Regex ReportUrl() => new("/finance/reports/VR-\\d{4}-[0-9A-Z]{6}$");

    [GeneratedRegex("VR-\\d{4}-[0-9A-Z]{6}")]
    private static partial Regex ReportNumber();
}
