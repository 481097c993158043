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

    [Fact]
    public async Task Verify_CertificatePdfMediaAndQrLink_SayWhetherWhenAndToWhom()
    {
        await using var server = await LoopbackServer.StartAsync("Sqlite");
        var tenant = await server.CreateTenantAsync("星河短剧");
        using var api = server.CreateClient(tenant.ApiKey);
        var dir = Directory.CreateTempSubdirectory("rr-verify-cert-").FullName;
        var clip = Path.Combine(dir, "ep1.mp4");
        await Ffmpeg.RunAsync("-f", "lavfi", "-i", "mandelbrot=s=180x320:r=25,trim=duration=6", "-f", "lavfi", "-i", "sine=f=523:d=6:sample_rate=16000",
            "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", "-c:a", "aac", clip);
        var work = (await (await api.PostAsJsonAsync("/api/works", new { title = "替身新娘", type = "micro-drama" })).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();
        await using (var file = File.OpenRead(clip))
        {
            using var content = new StreamContent(file);
            (await api.PutAsync($"/api/works/{work}/episodes/1?fileName=ep1.mp4", content)).EnsureSuccessStatusCode();
        }
        var registration = (await (await api.PostAsync($"/api/works/{work}/registrations", null)).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();
        JsonElement state;
        var deadline = DateTime.UtcNow.AddSeconds(90);
        do
        {
            await Task.Delay(300);
            state = await api.GetFromJsonAsync<JsonElement>($"/api/registrations/{registration}");
        }
        while (state.GetProperty("state").GetString() == "checking" && DateTime.UtcNow < deadline);
        state.GetProperty("state").GetString().ShouldBe("sealed");
        var number = state.GetProperty("certificateNumber").GetString()!;
        var pdf = Path.Combine(dir, "certificate.pdf");
        await File.WriteAllBytesAsync(pdf, await api.GetByteArrayAsync($"/api/registrations/{registration}/certificate.pdf"));
        var edited = Path.Combine(dir, "edited.pdf");
        var bytes = await File.ReadAllBytesAsync(pdf);
        bytes[bytes.Length / 2] ^= 0x20;
        await File.WriteAllBytesAsync(edited, bytes);
        await using var chromium = await Chromium.LaunchAsync();
        var page = await chromium.NewPageAsync();

        async Task<string> CheckAsync(string path, string shot)
        {
            await page.GotoAsync(new Uri(server.BaseAddress, "/verify").ToString());
            await page.SetInputFilesAsync("#receipt", path);
            await page.ClickAsync("#check");
            var text = await page.InnerTextAsync("#verdict");
            await Chromium.ScreenshotAsync(page, shot);
            return text;
        }

        var genuine = await CheckAsync(pdf, "verify-certificate-pdf");
        var forged = await CheckAsync(edited, "verify-certificate-pdf-edited");
        var media = await CheckAsync(clip, "verify-media-file");
        await page.GotoAsync(new Uri(server.BaseAddress, $"/verify?certificate={number}").ToString());
        var qr = await page.InnerTextAsync("#certificate");
        await Chromium.ScreenshotAsync(page, "verify-certificate-number");

        genuine.ShouldContain("本平台签发的登记证书，未被改动");
        genuine.ShouldContain("星河短剧");
        genuine.ShouldContain(number);
        forged.ShouldContain("不是本平台签发的证书");
        media.ShouldContain("完全一致");
        media.ShouldContain("-E001-");
        qr.ShouldContain("证书有效");
        qr.ShouldContain("替身新娘");
        Directory.Delete(dir, recursive: true);
    }

}
