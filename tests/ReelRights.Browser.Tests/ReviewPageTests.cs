using System.Net.Http.Json;
using System.Text.Json;
using ReelRights.Core.Accounts;
using ReelRights.Testing;

namespace ReelRights.Browser.Tests;

/// <summary>
/// An operator is notified of a registration held because it copies another owner's episode,
/// follows the notification to the review queue, and rejects it.
/// </summary>
public sealed class ReviewPageTests
{
    [Fact]
    public async Task Operator_NotifiedOfHeldCopy_FollowsNotificationToReviewAndRejectsIt()
    {
        var dir = Directory.CreateTempSubdirectory("rr-review-").FullName;
        var original = Path.Combine(dir, "ep1.mp4");
        var copy = Path.Combine(dir, "copy.mp4");
        await Ffmpeg.RunAsync("-f", "lavfi", "-i", "mandelbrot=s=180x320:r=25,trim=duration=10",
            "-f", "lavfi", "-i", "aevalsrc='0.3*sin(2*PI*t*(500+300*sin(13*floor(4*t))))':s=16000:d=10",
            "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", "-c:a", "aac", original);
        await Ffmpeg.RunAsync("-i", original, "-filter_complex", "[0:v]hflip,crop=iw*0.85:ih*0.85,scale=180:320[v]", "-map", "[v]", "-map", "0:a",
            "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", "-c:a", "aac", copy);
        await using var server = await LoopbackServer.StartAsync("Sqlite");
        var producer = await server.CreateTenantAsync("星河短剧");
        var pirate = await server.CreateTenantAsync("搬运工作室");
        var operators = await server.CreateTenantAsync("平台运营", OrganizationKind.Operator);
        var originalCode = (await RegisterAsync(server, producer, "替身新娘", original, "sealed"))!;
        var heldId = (await RegisterAsync(server, pirate, "替身新娘 高清", copy, "needs-review", returnId: true))!;
        await using var chromium = await Chromium.LaunchAsync();
        var page = await chromium.NewPageAsync();

        await page.GotoAsync(new Uri(server.BaseAddress, "/signin").ToString());
        await page.FillAsync("#email", operators.Admin.Email);
        await page.FillAsync("#password", LoopbackServer.Password);
        await page.ClickAsync("#signin");
        var badge = await page.InnerTextAsync("#nav-unread");
        await page.ClickAsync("#nav-notifications");
        var inbox = await page.InnerTextAsync("#notifications li.unread");
        await Chromium.ScreenshotAsync(page, "notifications-review-requested");
        // The notification leads to the review queue.
        await page.ClickAsync("#notifications li.unread a.notice-title");
        await page.WaitForURLAsync("**/review");
        var card = await page.InnerTextAsync($"#review-{heldId}");
        await Chromium.ScreenshotAsync(page, "review-held-registration");
        await page.FillAsync($"#note-{heldId}", "与星河短剧已登记的第 1 集内容一致");
        await page.ClickAsync($"#review-{heldId} button.reject");
        await page.WaitForSelectorAsync("#review-empty");
        await Chromium.ScreenshotAsync(page, "review-rejected");
        await page.ClickAsync("#nav-notifications");
        await page.ClickAsync("#read-all");
        await page.WaitForSelectorAsync("#notifications li.notice:not(.unread)");
        var badgeAfter = await page.Locator("#nav-unread").CountAsync();

        badge.Trim().ShouldBe("1");
        inbox.ShouldContain("待审核登记");
        inbox.ShouldContain("搬运工作室");
        badgeAfter.ShouldBe(0);
        card.ShouldContain("搬运工作室");
        card.ShouldContain(originalCode);
        card.ShouldContain("星河短剧");
        using var api = server.CreateClient(pirate.ApiKey);
        var decided = await api.GetFromJsonAsync<JsonElement>($"/api/registrations/{heldId}");
        decided.GetProperty("state").GetString().ShouldBe("rejected");
        decided.GetProperty("decisionNote").GetString().ShouldBe("与星河短剧已登记的第 1 集内容一致");
        Directory.Delete(dir, recursive: true);
    }

    /// <summary>Registers one episode through the API; returns its episode code, or the registration id.</summary>
    private static async Task<string?> RegisterAsync(LoopbackServer server, TestTenant tenant, string title, string file, string expected, bool returnId = false)
    {
        using var api = server.CreateClient(tenant.ApiKey);
        var work = (await (await api.PostAsJsonAsync("/api/works", new { title, type = "micro-drama" })).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();
        await using (var stream = File.OpenRead(file))
        {
            using var content = new StreamContent(stream);
            (await api.PutAsync($"/api/works/{work}/episodes/1?fileName=ep.mp4", content)).EnsureSuccessStatusCode();
        }
        var id = (await (await api.PostAsync($"/api/works/{work}/registrations", null)).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();
        var deadline = DateTime.UtcNow.AddSeconds(90);
        JsonElement registration;
        do
        {
            await Task.Delay(300);
            registration = await api.GetFromJsonAsync<JsonElement>($"/api/registrations/{id}");
        }
        while (registration.GetProperty("state").GetString() == "checking" && DateTime.UtcNow < deadline);
        registration.GetProperty("state").GetString().ShouldBe(expected);
        if (returnId)
        {
            return id;
        }
        var detail = await api.GetFromJsonAsync<JsonElement>($"/api/works/{work}");
        return detail.GetProperty("episodes")[0].GetProperty("code").GetString();
    }

}
