using Microsoft.Playwright;
using ReelRights.Testing;

namespace ReelRights.Browser.Tests;

/// <summary>Steps the browser tests share.</summary>
internal static class BrowserSteps
{
    /// <summary>Signs the tenant's admin in through the sign-in form and waits for the home page.</summary>
    public static async Task SignInAsync(IPage page, LoopbackServer server, TestTenant tenant)
    {
        await page.GotoAsync(Url(server, "/signin"));
        await page.FillAsync("#email", tenant.Admin.Email);
        await page.FillAsync("#password", LoopbackServer.Password);
        await page.ClickAsync("#signin");
        await page.WaitForURLAsync(Url(server, "/"));
    }

    public static string Url(LoopbackServer server, string path) => new Uri(server.BaseAddress, path).ToString();
}
