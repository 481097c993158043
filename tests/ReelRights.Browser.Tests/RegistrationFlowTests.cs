using System.Diagnostics;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using ReelRights.Ledger.Receipts;
using ReelRights.Testing;

namespace ReelRights.Browser.Tests;

/// <summary>
/// 林制片 registers a series in the web UI: creates it, uploads an episode and watches it
/// fingerprint, submits it, and gets a sealed registration with a certificate and a receipt.
/// </summary>
public sealed partial class RegistrationFlowTests : IAsyncLifetime
{
    private const string LabelJson = """{"Label":"1","ContentProducer":"001191110108MA01KP2T5U00000","ProduceID":"clip-7"}""";
    private static readonly TimeSpan Slow = TimeSpan.FromMinutes(3);
    private readonly string dir = Directory.CreateTempSubdirectory("rr-browser-register-").FullName;

    private string Clip => Path.Combine(dir, "第01集.mp4");

    private string LabelledClip => Path.Combine(dir, "ai-scene.mp4");

    public async ValueTask InitializeAsync()
    {
        await Ffmpeg.RunAsync("-f", "lavfi", "-i", "testsrc=s=180x320:r=25:d=6", "-f", "lavfi", "-i", "sine=f=440:d=6",
            "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", "-c:a", "aac", Clip);
        // An implicit AIGC label as GB 45438-2025 puts it in file metadata.
        await Ffmpeg.RunAsync("-f", "lavfi", "-i", "testsrc2=s=180x320:r=25:d=3", "-metadata", "AIGC=" + LabelJson,
            "-movflags", "use_metadata_tags", "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", LabelledClip);
    }

    public ValueTask DisposeAsync()
    {
        Directory.Delete(dir, recursive: true);
        return ValueTask.CompletedTask;
    }

    [Fact]
    public async Task Register_CreateUploadSubmit_SealsWithCertificateAndReceipt()
    {
        // A low threshold sends the clip up in resumable 64 KiB chunks, as the page does for large masters.
        await using var server = await LoopbackServer.StartAsync("Sqlite", new Dictionary<string, string?> { ["Registration:ResumableUploadBytes"] = "65536" });
        var studio = await server.CreateTenantAsync("星河短剧");
        await using var chromium = await Chromium.LaunchAsync();
        var page = await chromium.NewPageAsync();
        await SignInAsync(page, server, studio);

        // From the home page into 确权登记, which is available (no "coming soon").
        (await page.InnerTextAsync("#service-registration")).ShouldNotContain("即将推出");
        (await page.InnerTextAsync("#service-mediation")).ShouldNotContain("即将推出");
        (await page.InnerTextAsync("#service-trading")).ShouldNotContain("即将推出");
        await Chromium.ScreenshotAsync(page, "registration-00-home");
        await page.ClickAsync("#service-registration");
        await page.WaitForURLAsync(Url(server, "/works"));
        (await page.InnerTextAsync("h1")).ShouldBe("确权登记");
        await Chromium.ScreenshotAsync(page, "registration-01-works-empty");

        await page.FillAsync("#work-title", "闪婚后，豪门老公他装穷");
        await page.SelectOptionAsync("#work-type", "MicroDrama");
        await page.FillAsync("#work-description", "80 集都市甜宠短剧，9:16 竖屏。");
        await page.CheckAsync("#aigc-yes");
        await page.FillAsync("#aigc-tools", "Midjourney, 可灵");
        await page.FillAsync("#aigc-role", "两个背景场景由 AI 绘制，提示词已留存。");
        await page.FillAsync("#aigc-human", "剧本、表演、摄制与剪辑均由人完成。");
        await Chromium.ScreenshotAsync(page, "registration-02-new-work-form");
        await page.ClickAsync("#create-work");
        await page.WaitForURLAsync(WorkPage());
        var code = (await page.InnerTextAsync("#work-code")).Trim();
        code.ShouldMatch(@"^RR-\d{4}-");
        (await page.InnerTextAsync("#aigc-declaration")).ShouldContain("Midjourney");

        await page.GotoAsync(Url(server, "/works"));
        var list = await page.InnerTextAsync("#works");
        list.ShouldContain(code);
        list.ShouldContain("微短剧");
        list.ShouldContain("未提交");
        await Chromium.ScreenshotAsync(page, "registration-03-works-list");
        await page.ClickAsync("#works a:has-text('闪婚后，豪门老公他装穷')");
        await page.WaitForURLAsync(WorkPage());

        // Files go up one by one with XMLHttpRequest (upload progress), then fingerprint in the
        // background; the broken one gets its own line with the reason and the batch goes on.
        var broken = Path.Combine(dir, "第02集.mp4");
        await File.WriteAllBytesAsync(broken, RandomNumberGenerator.GetBytes(64 * 1024));
        await page.SetInputFilesAsync("#episode-files", new[] { broken, Clip });
        await page.ClickAsync("#upload");
        await page.WaitForSelectorAsync(".upload-row.failed", new() { Timeout = (float)Slow.TotalMilliseconds });
        (await page.InnerTextAsync(".upload-row.done")).ShouldContain("第 1 集 · 第01集.mp4");
        var failed = await page.InnerTextAsync(".upload-row.failed");
        failed.ShouldContain("第 2 集 · 第02集.mp4");
        failed.ShouldContain("失败：");
        failed.ShouldNotContain("HTTP");
        await page.WaitForSelectorAsync("tr[data-episode]");
        await Chromium.ScreenshotAsync(page, "registration-04-uploaded");
        await page.WaitForSelectorAsync("tr[data-episode][data-state=ready]", new() { Timeout = (float)Slow.TotalMilliseconds });
        var episodeRow = page.Locator("tr[data-episode]").First;
        (await episodeRow.InnerTextAsync()).ShouldContain(code + "-E001");
        (await episodeRow.InnerTextAsync()).ShouldContain("就绪");
        (await episodeRow.InnerTextAsync()).ShouldContain("0:06");
        (await episodeRow.Locator("code.hash").GetAttributeAsync("title"))
            .ShouldBe(Convert.ToHexStringLower(SHA256.HashData(await File.ReadAllBytesAsync(Clip))));
        (await page.InputValueAsync("#episode-number")).ShouldBe("2");
        await Chromium.ScreenshotAsync(page, "registration-05-episode-ready");

        await page.ClickAsync("#submit-registration");
        await page.WaitForSelectorAsync("#flash");
        (await page.InnerTextAsync("#flash")).ShouldContain("已提交 1 个分集");
        await Chromium.ScreenshotAsync(page, "registration-06-submitted");
        await page.WaitForSelectorAsync("tr[data-registration][data-state=sealed]", new() { Timeout = (float)Slow.TotalMilliseconds });
        var registration = page.Locator("tr[data-registration]").First;
        (await registration.Locator(".registration-state").InnerTextAsync()).ShouldBe("已存证");
        var certificateNumber = (await registration.Locator(".certificate-number").InnerTextAsync()).Trim();
        certificateNumber.ShouldMatch(@"^RRC-\d{8}-[0-9A-F]{10}$");
        (await page.Locator("tr[data-episode]").First.InnerTextAsync()).ShouldContain("已存证");
        (await page.InnerTextAsync("#unregistered")).ShouldContain("所有分集都已提交登记");
        await Chromium.ScreenshotAsync(page, "registration-07-sealed");

        var registrationId = await registration.GetAttributeAsync("data-registration");
        (await registration.Locator("a.certificate").GetAttributeAsync("href")).ShouldBe($"/api/registrations/{registrationId}/certificate");
        (await registration.Locator("a.certificate-pdf").GetAttributeAsync("href")).ShouldBe($"/api/registrations/{registrationId}/certificate.pdf");
        var receiptHref = await registration.Locator("a.receipt").GetAttributeAsync("href");
        receiptHref.ShouldBe($"/api/registrations/{registrationId}/receipt");
        var receipt = await page.APIRequest.GetAsync(Url(server, receiptHref!));
        receipt.Status.ShouldBe(200);
        var parsed = Receipt.Parse(await receipt.TextAsync());
        (await registration.InnerTextAsync()).ShouldContain("账本序号 " + parsed.LeafIndex);

        var certificate = await page.Context.RunAndWaitForPageAsync(() => registration.Locator("a.certificate").ClickAsync());
        await certificate.WaitForLoadStateAsync(LoadState.NetworkIdle);
        var certificateText = await certificate.InnerTextAsync("body");
        await Chromium.ScreenshotAsync(certificate, "registration-08-certificate");
        certificateText.ShouldContain(certificateNumber);
        certificateText.ShouldContain("闪婚后，豪门老公他装穷");
        certificateText.ShouldContain(code);

        var pdf = await page.APIRequest.GetAsync(Url(server, $"/api/registrations/{registrationId}/certificate.pdf"));
        pdf.Status.ShouldBe(200);
        (await pdf.BodyAsync())[..5].ShouldBe("%PDF-"u8.ToArray());

        // Nothing is left to submit, and the list and the English page tell the same story.
        (await page.IsDisabledAsync("#submit-registration")).ShouldBeTrue();
        await page.GotoAsync(Url(server, "/works"));
        var row = await page.InnerTextAsync("#works tbody tr");
        row.ShouldContain("已存证");
        row.ShouldContain(certificateNumber);
        await page.ClickAsync("#lang-en");
        await page.WaitForSelectorAsync("h1:has-text('Registration')");
        (await page.InnerTextAsync("#works")).ShouldContain("Micro-drama");
        await page.ClickAsync("#works a:has-text('闪婚后，豪门老公他装穷')");
        await page.WaitForURLAsync(WorkPage());
        (await page.InnerTextAsync("tr[data-registration] .registration-state")).ShouldBe("Sealed");
        (await page.InnerTextAsync("#episodes")).ShouldContain("Ready");
        await Chromium.ScreenshotAsync(page, "registration-10-sealed-english");
    }

    [Fact]
    public async Task WorkPage_WithoutJavaScript_FormsPostAndAigcLabelContradictingDeclarationIsFlagged()
    {
        await using var server = await LoopbackServer.StartAsync("Sqlite");
        var studio = await server.CreateTenantAsync("晨光影业");
        await using var chromium = await Chromium.LaunchAsync();
        var context = await chromium.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = 1280, Height = 800 },
            Locale = "zh-CN",
            JavaScriptEnabled = false,
        });
        var page = await context.NewPageAsync();
        await SignInAsync(page, server, studio);

        await page.GotoAsync(Url(server, "/works"));
        await page.FillAsync("#work-title", "逆袭千金");
        // Declared as made without AI, which the labelled file contradicts.
        await page.CheckAsync("#aigc-no");
        await page.FillAsync("#aigc-human", "全部由剧组拍摄。");
        await page.ClickAsync("#create-work");
        await page.WaitForURLAsync(WorkPage());

        // A plain multipart post to the page handler, which streams the file into the service.
        await page.SetInputFilesAsync("#episode-files", LabelledClip);
        await page.FillAsync("#episode-title", "开场");
        await page.ClickAsync("#upload");
        await page.WaitForSelectorAsync("#flash");
        (await page.InnerTextAsync("#flash")).ShouldContain("第 1 集已上传");
        var episode = await page.InnerTextAsync("#episodes");
        episode.ShouldContain("开场");
        episode.ShouldContain("AI 生成");
        (await page.InnerTextAsync(".aigc-warning")).ShouldContain("与“未使用 AI”的声明矛盾");

        // The same number again is refused with the service's own message, and nothing is lost.
        await page.SetInputFilesAsync("#episode-files", LabelledClip);
        await page.FillAsync("#episode-number", "1");
        await page.ClickAsync("#upload");
        (await page.InnerTextAsync("[role=alert]")).ShouldContain("第 1 集已存在");

        await page.SelectOptionAsync("#right-kind", "Adaptation");
        await page.FillAsync("#right-holder", "阅文集团");
        await page.FillAsync("#right-territory", "中国大陆");
        await page.FillAsync("#right-starts", "2026-01-01");
        await page.FillAsync("#right-ends", "2025-12-31");
        await page.ClickAsync("#add-right");
        (await page.InnerTextAsync("[role=alert]")).ShouldContain("结束早于开始");
        (await page.InputValueAsync("#right-holder")).ShouldBe("阅文集团");
        await page.FillAsync("#right-ends", "2030-12-31");
        await page.CheckAsync("#right-exclusive");
        await page.ClickAsync("#add-right");
        var rights = await page.InnerTextAsync("#rights");
        rights.ShouldContain("改编权");
        rights.ShouldContain("阅文集团");
        rights.ShouldContain("2026-01-01 – 2030-12-31");

        // Larger than the site-wide 1 MB body limit: the page raises it for its upload forms.
        var license = Path.Combine(dir, "改编授权书.pdf");
        await File.WriteAllBytesAsync(license, RandomNumberGenerator.GetBytes(3 << 20));
        await page.SelectOptionAsync("#document-kind", "AdaptationLicense");
        await page.SetInputFilesAsync("#document-file", license);
        await page.ClickAsync("#upload-document");
        var documents = await page.InnerTextAsync("#documents");
        documents.ShouldContain("原著改编授权");
        documents.ShouldContain("改编授权书.pdf");
        documents.ShouldContain("3.0 MB");
        await Chromium.ScreenshotAsync(page, "registration-09-no-javascript-forms");
    }

    private static Task SignInAsync(IPage page, LoopbackServer server, TestTenant tenant) => BrowserSteps.SignInAsync(page, server, tenant);

    private static string Url(LoopbackServer server, string path) => BrowserSteps.Url(server, path);

    [GeneratedRegex(@"/works/[0-9a-f-]{36}$")]
    private static partial Regex WorkPage();

}
