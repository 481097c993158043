using System.Text.RegularExpressions;
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
        // The redirect is what proves the sign-in; the home page's own load event can lag far
        // behind it on a machine busy with ffmpeg, so wait for the navigation to commit, then for
        // the page's heading. A timeout says where the browser was and what it showed.
        try
        {
            await page.WaitForURLAsync(Url(server, "/"), new() { WaitUntil = WaitUntilState.Commit, Timeout = 120_000 });
            await page.WaitForSelectorAsync("h1", new() { Timeout = 120_000 });
        }
        catch (TimeoutException e)
        {
            var shown = await page.EvaluateAsync<string>("() => document.body ? document.body.innerText.slice(0, 500) : ''");
            throw new TimeoutException($"sign-in did not reach the home page: at {page.Url}, showing: {shown}", e);
        }
    }

    /// <summary>
    /// Waits for a form's redirect to <paramref name="url"/> to commit, then for <paramref name="selector"/>:
    /// the page's load event can lag far behind on a busy machine, and what the test needs is the element.
    /// </summary>
    public static async Task ArriveAsync(IPage page, string url, string selector)
    {
        await page.WaitForURLAsync(url, new() { WaitUntil = WaitUntilState.Commit, Timeout = 120_000 });
        await page.WaitForSelectorAsync(selector, new() { Timeout = 120_000 });
    }

    /// <summary>As <see cref="ArriveAsync(IPage, string, string)"/>, for an address known only by its pattern.</summary>
    public static async Task ArriveAsync(IPage page, Regex url, string selector)
    {
        await page.WaitForURLAsync(url, new() { WaitUntil = WaitUntilState.Commit, Timeout = 120_000 });
        await page.WaitForSelectorAsync(selector, new() { Timeout = 120_000 });
    }

    public static string Url(LoopbackServer server, string path) => new Uri(server.BaseAddress, path).ToString();
}
