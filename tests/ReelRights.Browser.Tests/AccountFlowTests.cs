using System.Net;
using System.Net.Http.Headers;
using Microsoft.Playwright;
using ReelRights.Testing;

namespace ReelRights.Browser.Tests;

/// <summary>A person using the web UI in headless Chromium against the real server.</summary>
public sealed class AccountFlowTests
{
    [Fact]
    public async Task SignIn_SwitchLanguage_CreateApiKey_KeyWorksAndScreenshotIsSaved()
    {
        await using var server = await LoopbackServer.StartAsync("Sqlite");
        await using var chromium = await Chromium.LaunchAsync();
        var page = await chromium.NewPageAsync();

        await page.GotoAsync(new Uri(server.BaseAddress, "/").ToString());
        page.Url.ShouldContain("/signin");
        await page.FillAsync("#email", LoopbackServer.OperatorEmail);
        await page.FillAsync("#password", LoopbackServer.Password);
        await page.ClickAsync("#signin");
        await page.WaitForURLAsync(new Uri(server.BaseAddress, "/").ToString());
        (await page.InnerTextAsync("h1")).ShouldStartWith("欢迎");
        (await page.InnerTextAsync("nav.main")).ShouldContain("侵权监测");

        await page.ClickAsync("#lang-en");
        await page.WaitForSelectorAsync("h1:has-text('Welcome')");
        (await page.InnerTextAsync("nav.main")).ShouldContain("Monitoring");
        (await page.GetAttributeAsync("html", "lang")).ShouldBe("en");

        await page.GotoAsync(new Uri(server.BaseAddress, "/api-keys").ToString());
        await page.FillAsync("#key-name", "upload pipeline");
        await page.CheckAsync("input[name=permissions][value='org:read']");
        await page.CheckAsync("input[name=permissions][value='works:read']");
        await page.ClickAsync("#create-key");
        var secret = (await page.InnerTextAsync("#new-key")).Trim();
        var screenshot = await Chromium.ScreenshotAsync(page, "api-key-created");

        secret.ShouldStartWith("rr_");
        (await page.InnerTextAsync("#keys")).ShouldContain("upload pipeline");
        (await page.InnerTextAsync("#keys")).ShouldNotContain(secret);
        new FileInfo(screenshot).Length.ShouldBeGreaterThan(10_000);
        using var api = server.CreateClient();
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", secret);
        (await api.GetAsync("/api/me")).StatusCode.ShouldBe(HttpStatusCode.OK);

        await page.ReloadAsync();
        (await page.Locator("#new-key").CountAsync()).ShouldBe(0);
    }

    [Fact]
    public async Task SignIn_WrongPassword_ShowsBilingualErrorAndStaysSignedOut()
    {
        await using var server = await LoopbackServer.StartAsync("Sqlite");
        await using var chromium = await Chromium.LaunchAsync();
        var page = await chromium.NewPageAsync();

        await page.GotoAsync(new Uri(server.BaseAddress, "/signin").ToString());
        await page.FillAsync("#email", LoopbackServer.OperatorEmail);
        await page.FillAsync("#password", "not the password");
        await page.ClickAsync("#signin");

        (await page.InnerTextAsync("[role=alert]")).ShouldContain("邮箱或密码不正确");
        await page.ClickAsync("#lang-en");
        await page.WaitForSelectorAsync("h1:has-text('Sign in')");
        var response = await page.GotoAsync(new Uri(server.BaseAddress, "/organization").ToString());
        page.Url.ShouldContain("/signin");
        response!.Ok.ShouldBeTrue();
    }

    [Fact]
    public async Task FirstRun_SetupLink_CreatesOperatorWhoCreatesAnOrganization()
    {
        await using var server = await LoopbackServer.StartAsync("Sqlite", new Dictionary<string, string?>
        {
            ["Bootstrap:OperatorEmail"] = "",
            ["Bootstrap:OperatorPassword"] = "",
        });
        server.SetupToken.ShouldNotBeNull();
        await using var chromium = await Chromium.LaunchAsync();
        var page = await chromium.NewPageAsync();

        await page.GotoAsync(new Uri(server.BaseAddress, "/invite/" + server.SetupToken).ToString());
        await page.FillAsync("#email", "chief@operator.test");
        await page.FillAsync("#displayName", "运营负责人");
        await page.FillAsync("#password", "a strong first password");
        await page.ClickAsync("#accept");
        await page.WaitForSelectorAsync("h1:has-text('欢迎')");
        await page.GotoAsync(new Uri(server.BaseAddress, "/organization").ToString());
        await page.FillAsync("#org-name", "星河影业");
        await page.SelectOptionAsync("#org-kind", "RightsHolder");
        await page.ClickAsync("text=创建组织");
        await Chromium.ScreenshotAsync(page, "operator-organizations");

        (await page.InnerTextAsync("body")).ShouldContain("星河影业");
        var reuse = await page.GotoAsync(new Uri(server.BaseAddress, "/invite/" + server.SetupToken).ToString());
        reuse!.Status.ShouldBe(404);
        (await page.InnerTextAsync("h1")).ShouldBe("邀请无效");
    }
}
