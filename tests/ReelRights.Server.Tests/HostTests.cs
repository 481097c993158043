using System.Net;
using System.Text.Json;
using ReelRights.Testing;

namespace ReelRights.Server.Tests;

public sealed class HostTests
{
    [Theory]
    [InlineData("Sqlite")]
    [InlineData("Postgres")]
    public async Task Healthz_DatabaseReachable_IsHealthy(string provider)
    {
        await using var server = await LoopbackServer.StartAsync(provider);
        using var client = server.CreateClient();

        var response = await client.GetAsync("/healthz");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).ShouldBe("Healthy");
    }

    [Fact]
    public async Task OpenApiDocument_ListsApiEndpointsAndSwaggerUiIsServed()
    {
        await using var server = await LoopbackServer.StartAsync("Sqlite");
        using var client = server.CreateClient();

        var doc = JsonDocument.Parse(await client.GetStringAsync("/api/openapi/v1.json")).RootElement;
        var ui = await client.GetAsync("/api/docs/index.html");

        doc.GetProperty("paths").TryGetProperty("/api/api-keys", out _).ShouldBeTrue();
        doc.GetProperty("paths").TryGetProperty("/api/organizations/{id}", out _).ShouldBeTrue();
        doc.GetProperty("paths").TryGetProperty("/api/notifications", out _).ShouldBeTrue();
        doc.GetProperty("paths").TryGetProperty("/api/notifications/{id}/read", out _).ShouldBeTrue();
        ui.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Pages_SignedOut_RedirectToSignInWhichRendersInChineseAndEnglish()
    {
        await using var server = await LoopbackServer.StartAsync("Sqlite");
        using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = server.BaseAddress };

        var home = await client.GetAsync("/");
        var signIn = await client.GetStringAsync("/signin");
        client.DefaultRequestHeaders.Add("Cookie", "rr-lang=en");
        var signInEn = await client.GetStringAsync("/signin");

        home.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        home.Headers.Location!.ToString().ShouldContain("/signin");
        signIn.ShouldContain("<html lang=\"zh-CN\">");
        signIn.ShouldContain("登录");
        signInEn.ShouldContain("<html lang=\"en\">");
        signInEn.ShouldContain("Sign in");
    }

    [Fact]
    public async Task LanguageSwitch_RejectsOffSiteReturnUrl()
    {
        await using var server = await LoopbackServer.StartAsync("Sqlite");
        using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = server.BaseAddress };

        var local = await client.GetAsync("/lang/en?returnUrl=%2Fsignin");
        var offsite = await client.GetAsync("/lang/en?returnUrl=%2F%2Fevil.invalid%2F");

        local.Headers.Location!.ToString().ShouldBe("/signin");
        offsite.Headers.Location!.ToString().ShouldBe("/");
        local.Headers.GetValues("Set-Cookie").ShouldContain(c => c.StartsWith("rr-lang=en", StringComparison.Ordinal));
    }

    [Fact]
    public async Task UnknownPage_ShowsBilingualNotFoundPage()
    {
        await using var server = await LoopbackServer.StartAsync("Sqlite");
        using var client = server.CreateClient();

        var response = await client.GetAsync("/signin/nothing-here");

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await response.Content.ReadAsStringAsync()).ShouldContain("页面不存在");
    }
}
