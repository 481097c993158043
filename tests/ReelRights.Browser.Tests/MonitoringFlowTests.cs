using System.Diagnostics;
using System.IO.Compression;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using ReelRights.Core.Evidence;
using ReelRights.Core.Monitoring;
using ReelRights.Server.Pages.Monitoring;
using ReelRights.Testing;

namespace ReelRights.Browser.Tests;

/// <summary>
/// 林制片 the day after release: opens 侵权监测, points a task at a (fake, 127.0.0.1) video site,
/// finds the pirated copy with its frame and copied seconds, captures evidence, downloads the
/// sealed bundle, exports the list for her lawyer, dismisses an alert with a reason and restores it.
/// </summary>
public sealed partial class MonitoringFlowTests
{
    private static readonly TimeSpan Slow = TimeSpan.FromMinutes(4);
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    [Fact]
    public async Task Monitoring_TaskFindsCopy_EvidenceSealedDownloadedExportedAndDismissed()
    {
        var dir = Directory.CreateTempSubdirectory("rr-browser-monitor-").FullName;
        try
        {
            await MakeClipsAsync(dir);
            await using var site = await StartVideoSiteAsync(dir);
            var siteAddress = site.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            string SiteUrl(string path) => new Uri(new Uri(siteAddress), path).ToString();
            var pirated = SiteUrl("/v/pirated.mp4");
            var unrelated = SiteUrl("/v/unrelated.mp4");
            var missing = SiteUrl("/v/missing.mp4");

            await using var server = await LoopbackServer.StartAsync("Sqlite", new Dictionary<string, string?>
            {
                ["Monitoring:Fetch:AllowedNetworks:0"] = "127.0.0.1/32",
            });
            var studio = await server.CreateTenantAsync("星河短剧");
            using (var api = server.CreateClient(studio.ApiKey))
            {
                await RegisterAsync(api, Path.Combine(dir, "episode.mp4"));
            }
            await using var chromium = await Chromium.LaunchAsync();
            var page = await chromium.NewPageAsync();
            await SignInAsync(page, server, studio);

            // 侵权监测 is available from the home page and the menu.
            (await page.InnerTextAsync("#service-monitoring")).ShouldNotContain("即将推出");
            (await page.InnerTextAsync("#service-evidence")).ShouldNotContain("即将推出");
            await page.ClickAsync("#service-monitoring");
            await page.WaitForURLAsync(Url(server, "/monitoring"));
            (await page.InnerTextAsync("h1")).ShouldBe("侵权监测");
            (await page.GetAttributeAsync("#nav-monitoring", "class") ?? "").ShouldContain("active");
            (await page.InnerTextAsync("#no-tasks")).ShouldContain("还没有监测任务");

            // A licensee's channel, declared by URL prefix for all works.
            await page.SelectOptionAsync("#channel-kind", "Licensed");
            await page.FillAsync("#channel-prefix", SiteUrl("/licensee/"));
            await page.FillAsync("#channel-note", "东南亚发行方，合同 2025-017");
            await page.ClickAsync("#declare-channel");
            await page.WaitForSelectorAsync("#flash");
            var channels = await page.InnerTextAsync("#channels");
            channels.ShouldContain("授权渠道");
            channels.ShouldContain("全部作品");
            channels.ShouldContain(SiteUrl("/licensee/"));
            await Chromium.ScreenshotAsync(page, "monitoring-01-empty-with-channel");

            // A task with the pirated copy, an unrelated clip and a dead link; it runs at once.
            await page.FillAsync("#task-name", "快影巡查");
            await page.FillAsync("#task-urls", pirated + "\n" + unrelated + "\n" + missing + "\n");
            await page.ClickAsync("#create-task");
            await page.WaitForSelectorAsync("#flash");
            (await page.InnerTextAsync("#flash")).ShouldContain("已创建监测任务“快影巡查”（3 个网址）");
            var taskRow = page.Locator("tr[data-task]").First;
            (await taskRow.InnerTextAsync()).ShouldContain("仅一次");
            await Chromium.ScreenshotAsync(page, "monitoring-02-task-running");
            await page.WaitForSelectorAsync("tr[data-task][data-state=done]", new() { Timeout = Ms(Slow) });
            await page.WaitForSelectorAsync("#hit-summary");
            (await taskRow.Locator(".task-state").InnerTextAsync()).ShouldContain("已完成");
            // The dead link is the one line that says what went wrong; the run went on without it.
            await taskRow.Locator(".task-failures summary").ClickAsync();
            var failures = await taskRow.Locator(".task-failures").InnerTextAsync();
            failures.ShouldContain("1 个网址");
            failures.ShouldContain(missing);
            failures.ShouldNotContain(unrelated);
            var summary = page.Locator("#hit-summary tbody tr").First;
            (await summary.InnerTextAsync()).ShouldContain("替身新娘");
            (await summary.Locator(".count-suspected").InnerTextAsync()).Trim().ShouldBe("1");
            await Chromium.ScreenshotAsync(page, "monitoring-03-run-done");

            // The work's alerts: only the pirated copy, suspected, with the registered frame and the copied seconds.
            await summary.Locator("a.alerts-link").ClickAsync();
            await page.WaitForURLAsync(AlertsPage());
            (await page.InnerTextAsync("h1")).ShouldBe("侵权线索");
            (await page.Locator("tr.hit").CountAsync()).ShouldBe(1);
            var row = page.Locator("tr.hit").First;
            var hitId = await row.GetAttributeAsync("data-hit");
            var rowText = await row.InnerTextAsync();
            rowText.ShouldContain(pirated);
            rowText.ShouldContain("疑似侵权");
            rowText.ShouldContain("-E001");
            rowText.ShouldNotContain(unrelated);
            (await row.Locator(".hit-class .tag").First.GetAttributeAsync("class")).ShouldBe("tag suspected");
            await row.Locator("a.toggle").ClickAsync();
            var detail = page.Locator($"#detail-{hitId}");
            await detail.WaitForAsync();
            await page.WaitForFunctionAsync("() => { const i = document.querySelector('img.reference-frame'); return i && i.complete && i.naturalWidth > 0; }");
            (await detail.Locator(".copy-placeholder").InnerTextAsync()).ShouldContain("取证后显示副本");
            (await detail.Locator("svg.timeline-svg rect.segment").CountAsync()).ShouldBeGreaterThanOrEqualTo(2);
            (await detail.Locator("ul.segments").InnerTextAsync()).ShouldMatch(@"副本 \d+\.\d–\d+\.\d 秒 ↔ 登记分集 \d+\.\d–\d+\.\d 秒");
            await Chromium.ScreenshotAsync(page, "monitoring-04-alert-detail");

            // Evidence for the selected alert: captured in the background, the page follows it to sealed.
            await row.Locator("input.pick").CheckAsync();
            (await page.InnerTextAsync("#selected-count")).ShouldBe("1");
            await page.ClickAsync("#capture-selected");
            await page.WaitForSelectorAsync("#flash");
            (await page.InnerTextAsync("#flash")).ShouldContain("已对 1 条线索发起取证");
            await Chromium.ScreenshotAsync(page, "monitoring-05-capturing");
            await page.WaitForSelectorAsync($"#ev-cell-{hitId} [data-bundle-state=sealed]", new() { Timeout = Ms(Slow) });
            await page.Locator($"#hit-{hitId} a.toggle").ClickAsync();
            await detail.Locator("a.bundle-download").WaitForAsync();
            await page.WaitForFunctionAsync("() => { const i = document.querySelector('img.copy-frame'); return i && i.complete && i.naturalWidth > 0; }");
            (await detail.Locator("tr[data-bundle]").InnerTextAsync()).ShouldContain("已封存");
            await Chromium.ScreenshotAsync(page, "monitoring-06-sealed");

            // The bundle downloads with the sign-in cookie, and its manifest lists the copy.
            var download = await page.RunAndWaitForDownloadAsync(() => detail.Locator("a.bundle-download").ClickAsync());
            download.SuggestedFilename.ShouldEndWith(".zip");
            var zipPath = Path.Combine(dir, "bundle.zip");
            await download.SaveAsAsync(zipPath);
            await using (var zip = await ZipFile.OpenReadAsync(zipPath))
            {
                await using var manifestStream = await zip.GetEntry("manifest.json")!.OpenAsync();
                var manifest = await JsonSerializer.DeserializeAsync<JsonElement>(manifestStream, Web);
                var files = manifest.GetProperty("files").EnumerateArray().Select(f => f.GetProperty("path").GetString()).ToList();
                files.ShouldContain("media/copy.mp4");
                files.ShouldContain("frames/copy.jpg");
                zip.GetEntry("receipt.txt").ShouldNotBeNull();
            }

            // 立案 from the alert: the page shows what would be opened and sends one notice by e-mail to a platform not registered here.
            var alertsUrl = page.Url;
            await page.Locator($"#hit-{hitId} input.pick").CheckAsync();
            await page.ClickAsync("#open-cases");
            await page.WaitForSelectorAsync("#open-form");
            (await page.InnerTextAsync("#open-groups")).ShouldContain("替身新娘");
            await page.SelectOptionAsync("#open-platform", "email");
            await page.FillAsync("#open-form input[name=platformName]", "某视频站");
            await page.FillAsync("#open-form input[name=platformEmail]", "abuse@video.example");
            await Chromium.ScreenshotAsync(page, "monitoring-06b-open-case");
            await page.ClickAsync("#open-submit");
            await page.WaitForURLAsync(new System.Text.RegularExpressions.Regex("/cases/[0-9a-f-]{36}$"));
            (await page.InnerTextAsync("#flash")).ShouldContain("已向平台发送一份通知");
            (await page.InnerTextAsync("body")).ShouldContain("通知已送达");
            await page.GotoAsync(alertsUrl);

            // The filtered list as CSV for Excel: UTF-8 with a byte order mark.
            var csv = await DownloadCsvAsync(page, dir, "alerts.csv");
            csv.Take(3).ShouldBe(Encoding.UTF8.Preamble.ToArray());
            var records = ParseCsv(Encoding.UTF8.GetString(csv.AsSpan(3)));
            records.Count.ShouldBe(2);
            var sourceColumn = records[0].FindIndex(h => h.StartsWith("来源地址", StringComparison.Ordinal));
            records[1][sourceColumn].ShouldBe(pirated);
            records[1].ShouldContain("疑似侵权");

            // Dismissed with a reason that has a comma, quotes and a line break, kept exactly and exported intact.
            const string reason = "经核实为授权方\"星河海外\"的官方号, 合同 2025-017\n已通知对方补充声明";
            await page.Locator($"#hit-{hitId} input.pick").CheckAsync();
            await page.FillAsync("#dismiss-reason", reason);
            await page.ClickAsync("#dismiss-selected");
            await page.WaitForSelectorAsync("#flash");
            (await page.InnerTextAsync("#flash")).ShouldContain("已忽略 1 条线索");
            row = page.Locator($"#hit-{hitId}");
            (await row.GetAttributeAsync("class")).ShouldBe("hit dismissed");
            (await row.Locator(".hit-class").InnerTextAsync()).ShouldContain("已忽略");
            (await row.Locator(".dismissed-reason").InnerTextAsync()).ShouldBe(reason);
            await Chromium.ScreenshotAsync(page, "monitoring-07-dismissed");
            records = ParseCsv(Encoding.UTF8.GetString(await DownloadCsvAsync(page, dir, "alerts-dismissed.csv")).TrimStart('\uFEFF'));
            var reasonColumn = records[0].FindIndex(h => h.StartsWith("忽略理由", StringComparison.Ordinal));
            records[1][reasonColumn].ShouldBe(reason);
            records[1][sourceColumn].ShouldBe(pirated);

            // 恢复: a second look says it is a pirate after all. The detail shows who dismissed it and
            // why, and takes it back with a reason; both steps stay on record.
            await row.Locator("a.toggle").ClickAsync();
            var handling = page.Locator($"#handling-{hitId}");
            (await handling.Locator("ul.history li").CountAsync()).ShouldBe(1);
            var dismissal = await handling.Locator("ul.history li").First.InnerTextAsync();
            dismissal.ShouldContain("忽略");
            dismissal.ShouldContain("星河短剧 admin");
            await handling.Locator("button.restore-one").ClickAsync();
            await page.WaitForSelectorAsync("[role=alert]");
            (await page.InnerTextAsync("[role=alert]")).ShouldContain("请填写恢复理由");
            await page.Locator($"#hit-{hitId} a.toggle").ClickAsync();
            await page.FillAsync($"#handling-{hitId} textarea.restore-reason", "复核：对方并无授权，恢复跟进");
            await page.ClickAsync($"#handling-{hitId} button.restore-one");
            await page.WaitForSelectorAsync("#flash");
            (await page.InnerTextAsync("#flash")).ShouldContain("已恢复 1 条线索");
            row = page.Locator($"#hit-{hitId}");
            (await row.GetAttributeAsync("class")).ShouldBe("hit");
            (await row.Locator(".hit-class").InnerTextAsync()).ShouldNotContain("已忽略");
            (await page.Locator($"#detail-{hitId}").IsVisibleAsync()).ShouldBeTrue("the detail of the restored alert is open again");
            var steps = await handling.Locator("ul.history li").AllInnerTextsAsync();
            steps.Count.ShouldBe(2);
            steps[1].ShouldContain("恢复");
            steps[1].ShouldContain("复核：对方并无授权，恢复跟进");
            (await page.Locator($"#detail-{hitId} .copied-summary").InnerTextAsync()).ShouldMatch(@"副本中共 \d+\.\d 秒与登记分集相同，来自登记分集的 \d+\.\d–\d+\.\d");
            await Chromium.ScreenshotAsync(page, "monitoring-07b-restored");
            records = ParseCsv(Encoding.UTF8.GetString(await DownloadCsvAsync(page, dir, "alerts-restored.csv")).TrimStart('\uFEFF'));
            records[1][reasonColumn].ShouldBeEmpty();
            var copiedColumn = records[0].FindIndex(h => h.StartsWith("被复制时长", StringComparison.Ordinal));
            double.Parse(records[1][copiedColumn], System.Globalization.CultureInfo.InvariantCulture).ShouldBeGreaterThan(5);
            records[1][copiedColumn + 1].ShouldMatch(@"^\d+\.\d–\d+\.\d");
            (await row.Locator("td.copied").InnerTextAsync()).ShouldBe(records[1][copiedColumn] + " 秒");

            // Dismissed again, for the overview below.
            await row.Locator("input.pick").CheckAsync();
            await page.FillAsync("#dismiss-reason", reason);
            await page.ClickAsync("#dismiss-selected");
            await page.WaitForSelectorAsync("#flash");
            (await page.InnerTextAsync("#flash")).ShouldContain("已忽略 1 条线索");

            // The overview counts it as dismissed; the English page tells the same story.
            await page.ClickAsync("#nav-monitoring");
            await page.WaitForURLAsync(Url(server, "/monitoring"));
            (await page.Locator("#hit-summary tbody tr .count-dismissed").InnerTextAsync()).Trim().ShouldBe("1");
            (await page.Locator("#hit-summary tbody tr .count-suspected").InnerTextAsync()).Trim().ShouldBe("0");
            await Chromium.ScreenshotAsync(page, "monitoring-08-overview");
            await page.ClickAsync("#lang-en");
            await page.WaitForSelectorAsync("h1:has-text('Monitoring')");
            await page.ClickAsync("#all-alerts");
            await page.WaitForURLAsync(AlertsPage());
            (await page.InnerTextAsync("#alerts")).ShouldContain("Dismissed");
            await page.Locator($"#hit-{hitId} a.toggle").ClickAsync();
            await page.WaitForFunctionAsync("() => { const i = document.querySelector('img.copy-frame'); return i && i.complete && i.naturalWidth > 0; }");
            await Chromium.ScreenshotAsync(page, "monitoring-09-alerts-english");

            // A row's link opens its detail from the server too, for a shared link or a browser without JavaScript.
            await page.GotoAsync(Url(server, $"/monitoring/alerts?hit={hitId}"));
            (await page.Locator($"#detail-{hitId}").IsVisibleAsync()).ShouldBeTrue();
            (await page.Locator($"#hit-{hitId} a.toggle").GetAttributeAsync("aria-expanded")).ShouldBe("true");
            (await page.Locator($"#handling-{hitId} ul.history li").CountAsync()).ShouldBe(3);

            // Restored in bulk, from the English page: the selection and the one reason box serve both actions.
            await page.Locator($"#hit-{hitId} input.pick").CheckAsync();
            await page.FillAsync("#dismiss-reason", "Licence check failed; follow up");
            await page.ClickAsync("#restore-selected");
            await page.WaitForSelectorAsync("#flash");
            (await page.InnerTextAsync("#flash")).ShouldContain("Restored 1 alert(s)");
            (await page.Locator($"#hit-{hitId}").GetAttributeAsync("class")).ShouldBe("hit");
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void AlertCsv_SourceAndReasonWithCommaQuoteAndNewline_AreQuotedAndReadBackExactly()
    {
        const string source = "http://127.0.0.1:8080/v/第1集,\"完整版\"\nmirror.mp4";
        const string reason = "=HYPERLINK(\"http://127.0.0.1\"), 授权渠道\r\n第二行";
        var hit = new MonitoringHit
        {
            Source = source,
            Class = MatchClass.Suspected,
            Score = 0.9134,
            Modality = "both",
            DismissedReason = reason,
            FirstSeenAt = new DateTime(2025, 3, 1, 8, 0, 0, DateTimeKind.Utc),
            LastSeenAt = new DateTime(2025, 3, 2, 9, 30, 0, DateTimeKind.Utc),
            TimesSeen = 2,
        };
        var bundle = new EvidenceBundle { State = EvidenceState.Sealed, BundleSha256 = new string('a', 64), LeafIndex = 42 };
        var row = new AlertRow(hit, null, null, "快影, 巡查", [new(1, 11, 2, 12)], [bundle], HasReferenceMedia: false);

        var bytes = AlertCsv.Write([row], label => label.Zh);

        bytes.Take(3).ShouldBe(Encoding.UTF8.Preamble.ToArray());
        var text = Encoding.UTF8.GetString(bytes.AsSpan(3));
        text.ShouldEndWith("\r\n");
        text.ShouldContain("\"http://127.0.0.1:8080/v/第1集,\"\"完整版\"\"\nmirror.mp4\"");
        var records = ParseCsv(text);
        records.Count.ShouldBe(2);
        records[1].Count.ShouldBe(records[0].Count);
        records[1][3].ShouldBe(source);
        records[1][4].ShouldBe("疑似侵权");
        records[1][5].ShouldBe("0.913");
        records[1][7].ShouldBe("1.0–11.0 ↔ 2.0–12.0");
        records[1][8].ShouldBe("10.0");
        records[1][9].ShouldBe("2.0–12.0");
        // A spreadsheet must not run it as a formula.
        records[1][13].ShouldBe("'" + reason);
        records[1][15].ShouldBe(new string('a', 64));
        records[1][16].ShouldBe("42");
        records[1][17].ShouldBe("快影, 巡查");
        AlertCsv.Field("plain 文本").ShouldBe("plain 文本");
        AlertCsv.Field(null).ShouldBe("");
    }

    /// <summary>An RFC 4180 reader: quoted fields may hold commas, doubled quotes and line breaks; records end in CRLF.</summary>
    private static List<List<string>> ParseCsv(string text)
    {
        var records = new List<List<string>>();
        var record = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    field.Append(c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == ',')
            {
                record.Add(field.ToString());
                field.Clear();
            }
            else if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
            {
                record.Add(field.ToString());
                field.Clear();
                records.Add(record);
                record = [];
                i++;
            }
            else
            {
                field.Append(c);
            }
        }
        quoted.ShouldBeFalse("unterminated quoted field");
        (field.Length + record.Count).ShouldBe(0, "the last record must end in CRLF");
        return records;
    }

    private static async Task<byte[]> DownloadCsvAsync(IPage page, string dir, string name)
    {
        var download = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("#export-csv"));
        download.SuggestedFilename.ShouldEndWith(".csv");
        var path = Path.Combine(dir, name);
        await download.SaveAsAsync(path);
        return await File.ReadAllBytesAsync(path);
    }

    /// <summary>The registered episode, a pirated copy (mirrored, cropped, a second cut off) and an unrelated clip, as MonitoringTaskTests makes them.</summary>
    private static async Task MakeClipsAsync(string dir)
    {
        string[] encode = ["-c:v", "libx264", "-preset", "ultrafast", "-crf", "26", "-pix_fmt", "yuv420p", "-c:a", "aac"];
        await Ffmpeg.RunAsync([
            "-f", "lavfi", "-i", "mandelbrot=s=180x320:r=25,trim=duration=12",
            "-f", "lavfi", "-i", "aevalsrc='0.3*sin(2*PI*t*(500+300*sin(13*floor(4*t))))':s=16000:d=12", .. encode, Path.Combine(dir, "episode.mp4")]);
        await Ffmpeg.RunAsync([
            "-ss", "1", "-i", Path.Combine(dir, "episode.mp4"), "-filter_complex", "[0:v]hflip,crop=iw*0.85:ih*0.85,scale=180:320[v]", "-map", "[v]", "-map", "0:a",
            .. encode, Path.Combine(dir, "pirated.mp4")]);
        await Ffmpeg.RunAsync([
            "-f", "lavfi", "-i", "cellauto=s=180x320:r=25:rule=30,trim=duration=8", "-f", "lavfi", "-i", "anoisesrc=d=8:c=brown:a=0.3:r=16000", .. encode,
            Path.Combine(dir, "unrelated.mp4")]);
    }

    /// <summary>A fake video site on 127.0.0.1 serving the clips as direct media files.</summary>
    private static async Task<WebApplication> StartVideoSiteAsync(string dir)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var site = builder.Build();
        site.MapGet("/v/{name}.mp4", (string name) => Path.Combine(dir, Path.GetFileName(name) + ".mp4") is var path && File.Exists(path)
            ? Results.File(path, "video/mp4")
            : Results.NotFound());
        await site.StartAsync();
        return site;
    }

    /// <summary>Registers one episode through the API and waits until its registration is decided.</summary>
    private static async Task RegisterAsync(HttpClient client, string media)
    {
        var work = (await (await client.PostAsJsonAsync("/api/works", new { title = "替身新娘", type = "micro-drama" })).Content.ReadFromJsonAsync<JsonElement>(Web))
            .GetProperty("id").GetString()!;
        await using (var file = File.OpenRead(media))
        {
            using var content = new StreamContent(file);
            (await client.PutAsync($"/api/works/{work}/episodes/1", content)).EnsureSuccessStatusCode();
        }
        var registration = await client.PostAsync($"/api/works/{work}/registrations", null);
        registration.EnsureSuccessStatusCode();
        var id = (await registration.Content.ReadFromJsonAsync<JsonElement>(Web)).GetProperty("id").GetString();
        var watch = Stopwatch.StartNew();
        string? state;
        while ((state = (await client.GetFromJsonAsync<JsonElement>($"/api/registrations/{id}", Web)).GetProperty("state").GetString()) == "checking"
            && watch.Elapsed < Slow)
        {
            await Task.Delay(250);
        }
        state.ShouldBe("sealed");
    }

    private static Task SignInAsync(IPage page, LoopbackServer server, TestTenant tenant) => BrowserSteps.SignInAsync(page, server, tenant);

    private static string Url(LoopbackServer server, string path) => BrowserSteps.Url(server, path);

    private static float Ms(TimeSpan span) => (float)span.TotalMilliseconds;

    [GeneratedRegex(@"/monitoring/alerts(\?.*)?$")]
    private static partial Regex AlertsPage();

}
