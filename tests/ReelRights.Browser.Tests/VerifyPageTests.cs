using System.Net.Http.Json;
using System.Text.Json;
using ReelRights.Testing;

namespace ReelRights.Browser.Tests;

/// <summary>A judge with no account checks a receipt on the public page.</summary>
public sealed class VerifyPageTests
{
    [Fact]
    public async Task Verify_UploadedReceipt_ShowsValidWithWhatWasSealed_AndTamperedOneNamesTheFailure()
    {
        await using var server = await LoopbackServer.StartAsync("Sqlite");
        var tenant = await server.CreateTenantAsync("星河影业");
        using var api = server.CreateClient(tenant.ApiKey);
        await api.PostAsJsonAsync("/api/ledger/attestations", new { title = "第一集 母带", sha256 = new string('a', 64) });
        var sealedOne = await (await api.PostAsJsonAsync("/api/ledger/attestations", new { title = "第二集 母带", sha256 = new string('b', 64) }))
            .Content.ReadFromJsonAsync<JsonElement>();
        var dir = Directory.CreateTempSubdirectory("rr-verify-page-").FullName;
        var good = Path.Combine(dir, "receipt.txt");
        var bad = Path.Combine(dir, "tampered.txt");
        var text = sealedOne.GetProperty("receipt").GetString()!;
        await File.WriteAllTextAsync(good, text);
        await File.WriteAllTextAsync(bad, text.Replace("\nindex 1\n", "\nindex 0\n", StringComparison.Ordinal));
        await using var chromium = await Chromium.LaunchAsync();
        var page = await chromium.NewPageAsync();

        await page.GotoAsync(new Uri(server.BaseAddress, "/verify").ToString());
        await page.SetInputFilesAsync("#receipt", good);
        await page.ClickAsync("#check");
        var verdict = await page.InnerTextAsync("#verdict");
        await Chromium.ScreenshotAsync(page, "verify-receipt-valid");

        verdict.ShouldContain("有效");
        verdict.ShouldContain("检查点签名");
        (await page.InnerTextAsync("#payload")).ShouldContain("第二集 母带");

        await page.GotoAsync(new Uri(server.BaseAddress, "/verify").ToString());
        await page.SetInputFilesAsync("#receipt", bad);
        await page.ClickAsync("#check");
        var tampered = await page.InnerTextAsync("#verdict");
        await Chromium.ScreenshotAsync(page, "verify-receipt-tampered");

        tampered.ShouldContain("无效");
        tampered.ShouldContain("包含证明");
        Directory.Delete(dir, recursive: true);
    }
}
