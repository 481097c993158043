using System.Globalization;
using System.Net.Http.Json;
using ReelRights.Core.Accounts;
using ReelRights.Testing;

namespace ReelRights.Browser.Tests;

/// <summary>
/// 版权交易 in the browser: a rights holder lists Southeast Asian rights, a licensee offers and
/// counters, both sign, the licensee uploads usage and the month's statement is confirmed by both;
/// the rights holder's chart shows the exclusive bar. Screenshots are kept as test artefacts.
/// </summary>
public sealed class TradingFlowTests
{
    [Fact]
    public async Task RightsHolderAndLicensee_ListNegotiateSignSettle_AndTheChartShowsIt()
    {
        await using var server = await LoopbackServer.StartAsync("Sqlite");
        var owner = await server.CreateTenantAsync("星河影业");
        var buyer = await server.CreateTenantAsync("Viu 东南亚", OrganizationKind.Licensee);
        using (var api = server.CreateClient(owner.ApiKey))
        {
            (await api.PostAsJsonAsync("/api/works", new { title = "替身新娘", type = "micro-drama" })).EnsureSuccessStatusCode();
        }
        var today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8));
        var start = new DateOnly(today.Year, today.Month, 1).AddMonths(-1);
        var lastMonth = start.ToString("yyyy-MM", CultureInfo.InvariantCulture);
        await using var chromium = await Chromium.LaunchAsync();

        // The rights holder lists an exclusive for Southeast Asia: minimum guarantee CNY 10,000 plus 30%.
        var ownerPage = await chromium.NewPageAsync();
        await SignInAsync(ownerPage, server, owner);
        await ownerPage.ClickAsync("#nav-trading");
        await ownerPage.ClickAsync("#new-listing");
        await ownerPage.FillAsync("#listing-title", "东南亚独家发行");
        await ownerPage.CheckAsync("input[name='Terms.Rights'][value='Dubbing']");
        await ownerPage.FillAsync("#terms-territories", "southeast-asia");
        await ownerPage.FillAsync("#terms-except", "");
        await ownerPage.FillAsync("#terms-start", start.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        await ownerPage.FillAsync("#terms-end", start.AddYears(1).AddDays(-1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        await ownerPage.SelectOptionAsync("#terms-exclusivity", "Exclusive");
        await ownerPage.SelectOptionAsync("#terms-model", "MinimumGuaranteePlusShare");
        await ownerPage.FillAsync("#terms-amount", "10000");
        await ownerPage.FillAsync("#terms-share", "30");
        await Chromium.ScreenshotAsync(ownerPage, "trading-01-listing-editor");
        await ownerPage.ClickAsync("#publish-listing");
        await BrowserSteps.ArriveAsync(ownerPage, Url(server, "/trading"), "#my-listings");
        (await ownerPage.InnerTextAsync("#my-listings")).ShouldContain("东南亚独家发行");

        // The licensee finds it in the catalogue, offers as listed, then counters with a lower guarantee.
        var buyerPage = await chromium.NewPageAsync();
        await SignInAsync(buyerPage, server, buyer);
        await buyerPage.GotoAsync(Url(server, "/trading"));
        var catalogue = await buyerPage.InnerTextAsync("#catalogue");
        catalogue.ShouldContain("替身新娘");
        catalogue.ShouldContain("独占许可");
        await buyerPage.ClickAsync("#catalogue button.offer");
        await buyerPage.WaitForSelectorAsync("#versions");
        var dealUrl = buyerPage.Url;
        await buyerPage.ClickAsync("#counter summary");
        await buyerPage.FillAsync("#counter #terms-amount", "8000");
        await buyerPage.FillAsync("#counter-note", "保底降至八千，分成不变");
        await buyerPage.ClickAsync("#send-counter");
        await buyerPage.WaitForSelectorAsync("#deal-flash");
        var changed = await buyerPage.Locator("#versions td.changed").AllInnerTextsAsync();
        await Chromium.ScreenshotAsync(buyerPage, "trading-02-deal-room-counter");

        // The rights holder accepts version 2 and signs; the licensee signs; the license exists.
        await ownerPage.GotoAsync(dealUrl);
        await ownerPage.ClickAsync("#accept-latest");
        (await ownerPage.InnerTextAsync("#deal-flash")).ShouldContain("合同已生成");
        await ownerPage.ClickAsync("#sign-contract");
        await ownerPage.WaitForSelectorAsync("#signatures");
        await buyerPage.GotoAsync(dealUrl);
        await buyerPage.ClickAsync("#sign-contract");
        await buyerPage.ClickAsync("#license-link");
        await buyerPage.WaitForSelectorAsync("#license-history");
        var licenseUrl = buyerPage.Url;
        var standing = await buyerPage.InnerTextAsync("#license-standing");
        var code = licenseUrl[(licenseUrl.LastIndexOf('/') + 1)..];

        // The licensee uploads last month's usage (one bad file first), draws the statement and confirms it.
        var csv = Path.Combine(Path.GetTempPath(), $"rr-usage-{Guid.NewGuid():N}.csv");
        try
        {
            await File.WriteAllTextAsync(csv, $"period,territory,platform,episode,views,revenue,currency\r\n{lastMonth},TH,Viu,,1000,-1,CNY\r\n");
            await buyerPage.SetInputFilesAsync("#usage-file", csv);
            await buyerPage.ClickAsync("#upload-usage");
            var refused = await buyerPage.InnerTextAsync("#license-flash");
            await File.WriteAllTextAsync(csv, $"period,territory,platform,episode,views,revenue,currency,fx_rate\r\n{lastMonth},TH,Viu,,120000,30000,CNY,\r\n{lastMonth},SG,Viu,,8000,1000,SGD,5.4\r\n");
            await buyerPage.SetInputFilesAsync("#usage-file", csv);
            await buyerPage.ClickAsync("#upload-usage");
            var imported = await buyerPage.InnerTextAsync("#license-flash");
            await buyerPage.FillAsync("#statement-period", lastMonth);
            await buyerPage.ClickAsync("#draw-statement");
            await buyerPage.WaitForSelectorAsync("#statement-figures");
            var owed = await buyerPage.InnerTextAsync("#statement-owed");
            var formula = await buyerPage.InnerTextAsync("#statement-formula");
            await buyerPage.ClickAsync("#confirm-statement");
            await buyerPage.WaitForSelectorAsync("#statement-flash");
            var statementUrl = buyerPage.Url;
            await ownerPage.GotoAsync(statementUrl);
            await ownerPage.ClickAsync("#confirm-statement");
            var state = await ownerPage.InnerTextAsync("#statement-state");
            await Chromium.ScreenshotAsync(ownerPage, "trading-03-statement-confirmed");

            refused.ShouldContain("第 2 行 revenue 列");
            imported.ShouldContain("已导入 2 行用量");
            owed.ShouldBe("CNY 10,620.00"); // the 8,000 guarantee now, plus what 30% of 35,400 (30,000 + 1,000 SGD × 5.4) passes it by: 2,620
            formula.ShouldContain("首期应付保底");
            state.ShouldBe("双方已确认");
        }
        finally
        {
            File.Delete(csv);
        }

        // The chart: one lane per right for Southeast Asia, the exclusive bar with the license code.
        await ownerPage.GotoAsync(Url(server, "/trading/chart"));
        var bars = ownerPage.Locator($".chart .bar.exclusive[data-code='{code}']");
        var lanes = await ownerPage.Locator(".chart .lane").AllAsync();
        await Chromium.ScreenshotAsync(ownerPage, "trading-04-chart");
        var barCount = await bars.CountAsync();
        var chartText = await ownerPage.InnerTextAsync(".chart");

        // The licensee proposes a renewal by a year; the rights holder sees the term change highlighted and accepts.
        var renewedEnd = start.AddYears(2).AddDays(-1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        await buyerPage.GotoAsync(licenseUrl);
        await buyerPage.FillAsync("#renew-end", renewedEnd);
        await buyerPage.ClickAsync("#propose-renewal");
        await buyerPage.WaitForSelectorAsync("#license-flash");
        var proposedFlash = await buyerPage.InnerTextAsync("#license-flash");
        await ownerPage.GotoAsync(licenseUrl);
        var changedRows = await ownerPage.Locator("#amendment-diff td.changed").AllInnerTextsAsync();
        await Chromium.ScreenshotAsync(ownerPage, "trading-05-renewal");
        await ownerPage.ClickAsync("#accept-amendment");
        await ownerPage.WaitForSelectorAsync("#license-flash");
        var steps = await ownerPage.Locator("#license-history tbody tr td:first-child").AllInnerTextsAsync();
        var termsNow = await ownerPage.InnerTextAsync("#license-terms");

        // Anyone can check the license at /verify, without its price.
        var anonymous = await chromium.NewPageAsync();
        await anonymous.GotoAsync(Url(server, $"/verify?license={code}"));
        var check = await anonymous.InnerTextAsync("#license");

        proposedFlash.ShouldContain("续期已提出");
        changedRows.ShouldBe([$"{start:yyyy-MM-dd} – {renewedEnd}"]);
        steps.ShouldContain("续期");
        termsNow.ShouldContain(renewedEnd);
        check.ShouldContain(renewedEnd);
        changed.ShouldContain(c => c.Contains("8,000.00"));
        check.ShouldContain("有效");
        check.ShouldContain("Viu 东南亚");
        check.ShouldNotContain("8,000");
        standing.ShouldBe("有效");
        barCount.ShouldBe(2); // streaming and dubbing
        lanes.Count.ShouldBe(2);
        chartText.ShouldContain("东南亚");
    }

    private static Task SignInAsync(Microsoft.Playwright.IPage page, LoopbackServer server, TestTenant tenant) => BrowserSteps.SignInAsync(page, server, tenant);

    private static string Url(LoopbackServer server, string path) => BrowserSteps.Url(server, path);
}
