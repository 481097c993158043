using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using ReelRights.Server.Tests.Api;
using ReelRights.Server.Tests.Works;
using ReelRights.Testing;
using static ReelRights.Server.Tests.Monitoring.MonitoringSteps;

namespace ReelRights.Server.Tests.Monitoring;

/// <summary>
/// A fake video site on 127.0.0.1 serves a pirated copy, a licensed copy, an unrelated clip, an
/// HTML page and a redirect to 127.0.0.2 (forbidden by the test's configuration). A monitoring
/// task finds and classifies the copies, records why the other sources failed, and a second run
/// reports no hit twice. Another organization sees none of it.
/// </summary>
public sealed class MonitoringTaskTests : IAsyncLifetime
{
    private static readonly JsonSerializerOptions Web = MonitoringSteps.Web;

    /// <summary>A video page as such sites make them: a title, the player, the uploader, a script and a tracker (neither may run in the screenshot).</summary>
    private const string WatchPage = """
        <!doctype html><html><head><meta charset="utf-8"><title>替身新娘 第1集 高清完整版</title>
        <style>body{font-family:sans-serif;margin:12px} h1{color:#c00;font-size:22px} .meta{color:#666}</style></head>
        <body><h1>替身新娘 第1集（高清完整版）</h1><video controls width="360" src="/v/pirated.mp4"></video>
        <p class="meta">上传者：快影用户 8812 · 播放 12.3 万次 · 2026-11-20</p><p>第1集 / 共80集 · 关注我看全集</p>
        <script type="application/ld+json">{"@context":"https://schema.org","@type":"VideoObject","name":"替身新娘 第1集","interactionStatistic":[
        {"@type":"InteractionCounter","interactionType":{"@type":"LikeAction"},"userInteractionCount":4021},
        {"@type":"InteractionCounter","interactionType":{"@type":"WatchAction"},"userInteractionCount":"123,456"}]}</script>
        <script>document.title = 'ran';</script><img src="/stats/p.gif" width="1" height="1"></body></html>
        """;
    private readonly string dir = Directory.CreateTempSubdirectory("rr-monitor-").FullName;
    private WebApplication site = null!;
    private Uri siteAddress = null!;

    public async ValueTask InitializeAsync()
    {
        await MakeEpisodeAndCopyAsync(dir, "pirated.mp4");
        await Ffmpeg.RunAsync(["-i", Path.Combine(dir, "episode.mp4"), .. Encode, Path.Combine(dir, "licensed.mp4")]);
        await Ffmpeg.RunAsync([
            "-f", "lavfi", "-i", "cellauto=s=180x320:r=25:rule=30,trim=duration=8", "-f", "lavfi", "-i", "anoisesrc=d=8:c=brown:a=0.3:r=16000", .. Encode, Path.Combine(dir, "unrelated.mp4")]);

        (site, siteAddress) = await StartSiteAsync(app =>
        {
            app.MapGet("/v/{name}.mp4", (string name) => Results.File(Path.Combine(dir, name + ".mp4"), "video/mp4"));
            app.MapGet("/watch/page.html", () => Results.Content("<html><body><video src=\"/v/pirated.mp4\"></video></body></html>", "text/html"));
            app.MapGet("/list", () => Results.Content("<ul><li><a href=\"/watch/1.html\">第1集</a></li><li><a href='x'>x</a></li><li><a href=\"/watch/2.html\">剪辑</a></li><li><a href=\"/watch/3.html\">空</a></li></ul>", "text/html"));
            app.MapGet("/watch/1.html", () => Results.Content(WatchPage, "text/html; charset=utf-8"));
            app.MapGet("/watch/2.html", () => Results.Content("<html><video><source src=\"../v/unrelated.mp4\" type=\"video/mp4\"></video></html>", "text/html"));
            app.MapGet("/watch/3.html", () => Results.Content("<html><p>removed</p></html>", "text/html"));
            app.MapGet("/go", (HttpContext http) => Results.Redirect($"http://127.0.0.2:{http.Connection.LocalPort}/v/pirated.mp4"));
        });
    }

    public async ValueTask DisposeAsync()
    {
        await site.DisposeAsync();
        Directory.Delete(dir, recursive: true);
    }

    [Fact]
    public async Task Task_FakeVideoSite_FindsAndClassifiesCopiesRecordsFailuresAndNeverReportsTwice()
    {
        await using var server = await LoopbackServer.StartAsync("Sqlite", LoopbackPolicy());
        var owner = await server.CreateTenantAsync("星河短剧");
        var other = await server.CreateTenantAsync("别家");
        using var o = server.CreateClient(owner.ApiKey);
        using var x = server.CreateClient(other.ApiKey);
        var work = await RegisterAsync(o, Path.Combine(dir, "episode.mp4"));
        (await o.PostAsJsonAsync("/api/monitoring/channels", new { kind = "licensed", workId = work, urlPrefix = Url("/v/licensed.mp4") })).StatusCode.ShouldBe(HttpStatusCode.Created);
        string[] urls = [Url("/v/pirated.mp4"), Url("/v/licensed.mp4"), Url("/v/unrelated.mp4"), Url("/watch/page.html"), Url("/go"), Url("/v/missing.mp4")];

        var created = await o.PostAsJsonAsync("/api/monitoring/tasks", new { name = "快影巡查", urls });
        created.StatusCode.ShouldBe(HttpStatusCode.Created);
        var taskId = (await created.Content.ReadFromJsonAsync<JsonElement>(Web)).GetProperty("id").GetString();
        var detail = await WaitForRunAsync(o, taskId);
        var hits = await o.GetFromJsonAsync<JsonElement>($"/api/monitoring/hits?taskId={taskId}", Web);

        var bySource = hits.EnumerateArray().ToDictionary(h => h.GetProperty("source").GetString()!);
        bySource.Keys.Order().ShouldBe([Url("/v/licensed.mp4"), Url("/v/pirated.mp4")]);
        bySource[Url("/v/pirated.mp4")].GetProperty("class").GetString().ShouldBeOneOf("suspected", "needs-review");
        bySource[Url("/v/licensed.mp4")].GetProperty("class").GetString().ShouldBe("licensed");
        var failures = detail.GetProperty("failures").EnumerateArray().ToDictionary(f => f.GetProperty("source").GetString()!, f => f.GetProperty("code").GetString());
        failures[Url("/watch/page.html")].ShouldBe("not-media");
        failures[Url("/go")].ShouldBe("forbidden-address");
        failures[Url("/v/missing.mp4")].ShouldBe("http-error");
        failures.ContainsKey(Url("/v/unrelated.mp4")).ShouldBeFalse();

        // Evidence for the pirated copy: captured, sealed, and verifiable offline; any changed byte names the file.
        var piratedHit = bySource[Url("/v/pirated.mp4")].GetProperty("id").GetString();
        var requested = await o.PostAsync($"/api/monitoring/hits/{piratedHit}/evidence", null);
        requested.StatusCode.ShouldBe(HttpStatusCode.Accepted, await requested.Content.ReadAsStringAsync());
        var bundleId = (await requested.Content.ReadFromJsonAsync<JsonElement>(Web)).GetProperty("id").GetString();
        var bundle = await WaitForBundleAsync(o, bundleId);
        bundle.GetProperty("state").GetString().ShouldBe("sealed", bundle.ToString());
        var zip = await o.GetByteArrayAsync($"/api/evidence/{bundleId}/bundle.zip");
        await (await x.GetAsync($"/api/evidence/{bundleId}/bundle.zip")).ShouldBeProblemAsync(HttpStatusCode.NotFound, "not-found");
        var verifier = await BundleVerifierAsync(server);
        var verified = verifier.Verify(new MemoryStream(zip));
        verified.IsValid.ShouldBeTrue(verified.FirstFailure?.ToString());
        var names = verified.Manifest!.Files.Select(f => f.Path).ToList();
        names.ShouldContain("media/copy.mp4");
        names.ShouldContain("environment.json");
        names.ShouldContain("http/exchange.json");
        names.ShouldContain("frames/copy.jpg");
        names.ShouldContain("frames/reference.jpg");
        names.ShouldContain("session-log.txt");
        names.ShouldContain("report.html");
        names.ShouldContain("report.pdf");
        // A media address given directly has no page of its own: the log says so and the bundle is complete without one.
        names.ShouldNotContain("page/screenshot.png");
        EntryText(zip, "session-log.txt").ShouldContain("网页快照 / page snapshot: 无");
        var tampered = Rewrite(zip, "media/copy.mp4", b => b[b.Length / 2] ^= 1);
        var broken = verifier.Verify(new MemoryStream(tampered));
        broken.IsValid.ShouldBeFalse();
        broken.FirstFailure!.Subject.ShouldBe("media/copy.mp4");
        var editedManifest = Rewrite(zip, "manifest.json", b => b[^3] = (byte)' ');
        verifier.Verify(new MemoryStream(editedManifest)).Checks.ShouldContain(c => c.Subject == "manifest.json" && !c.Passed);

        // The public bundle viewer says the same.
        (await PostToVerifyPageAsync(server, zip)).ShouldContain("证据包有效");
        var viewerOnTampered = await PostToVerifyPageAsync(server, tampered);
        viewerOnTampered.ShouldContain("证据包无效");
        viewerOnTampered.ShouldContain("media/copy.mp4");

        // A second run: the same copies, updated, never a second hit.
        (await o.PostAsync($"/api/monitoring/tasks/{taskId}/run", null)).StatusCode.ShouldBe(HttpStatusCode.Accepted);
        await WaitForRunAsync(o, taskId);
        var again = await o.GetFromJsonAsync<JsonElement>($"/api/monitoring/hits?taskId={taskId}", Web);
        again.GetArrayLength().ShouldBe(2);
        again.EnumerateArray().ShouldAllBe(h => h.GetProperty("timesSeen").GetInt32() == 2);

        // Each hit says how much was copied: the copy's matched seconds and the registered seconds they came from.
        var pirated = again.EnumerateArray().Single(h => h.GetProperty("source").GetString() == Url("/v/pirated.mp4"));
        pirated.GetProperty("segments").GetArrayLength().ShouldBeGreaterThan(0);
        pirated.GetProperty("copiedSeconds").GetDouble().ShouldBeInRange(8, 11.5); // the pirate cut the first second of 12
        var ranges = pirated.GetProperty("referenceRanges").EnumerateArray().ToList();
        ranges.ShouldNotBeEmpty();
        ranges[0].GetProperty("start").GetDouble().ShouldBeInRange(0.5, 2.5);
        pirated.GetProperty("referenceSeconds").GetDouble().ShouldBe(ranges.Sum(r => r.GetProperty("end").GetDouble() - r.GetProperty("start").GetDouble()), 0.11);
        pirated.GetProperty("dismissed").GetBoolean().ShouldBeFalse();

        // The owner dismisses the licensed one with a reason; the other organization sees nothing.
        var licensedHit = again.EnumerateArray().Single(h => h.GetProperty("class").GetString() == "licensed").GetProperty("id").GetString();
        var dismissed = await o.PostAsJsonAsync($"/api/monitoring/hits/{licensedHit}/dismiss", new { reason = "授权渠道" });
        dismissed.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await dismissed.Content.ReadFromJsonAsync<JsonElement>(Web)).GetProperty("dismissedReason").GetString().ShouldBe("授权渠道");
        await (await x.PostAsJsonAsync($"/api/monitoring/hits/{licensedHit}/dismiss", new { reason = "x" })).ShouldBeProblemAsync(HttpStatusCode.NotFound, "not-found");

        // ... and takes it back (恢复): a reason is required, the other organization cannot, and who did what is on record.
        await (await o.PostAsJsonAsync($"/api/monitoring/hits/{licensedHit}/restore", new { reason = "  " })).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "invalid-reason");
        await (await o.PostAsJsonAsync($"/api/monitoring/hits/{licensedHit}/restore", new { })).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "invalid-reason");
        await (await x.PostAsJsonAsync($"/api/monitoring/hits/{licensedHit}/restore", new { reason = "x" })).ShouldBeProblemAsync(HttpStatusCode.NotFound, "not-found");
        await (await x.GetAsync($"/api/monitoring/hits/{licensedHit}/history")).ShouldBeProblemAsync(HttpStatusCode.NotFound, "not-found");
        var restored = await o.PostAsJsonAsync($"/api/monitoring/hits/{licensedHit}/restore", new { reason = "合同已于 11 月到期，需重新核查" });
        restored.StatusCode.ShouldBe(HttpStatusCode.OK, await restored.Content.ReadAsStringAsync());
        var restoredHit = await restored.Content.ReadFromJsonAsync<JsonElement>(Web);
        restoredHit.GetProperty("dismissed").GetBoolean().ShouldBeFalse();
        restoredHit.GetProperty("dismissedReason").ValueKind.ShouldBe(JsonValueKind.Null);
        restoredHit.GetProperty("class").GetString().ShouldBe("licensed");
        await (await o.PostAsJsonAsync($"/api/monitoring/hits/{licensedHit}/restore", new { reason = "again" })).ShouldBeProblemAsync(HttpStatusCode.Conflict, "not-dismissed");
        var history = (await o.GetFromJsonAsync<JsonElement>($"/api/monitoring/hits/{licensedHit}/history", Web)).EnumerateArray().ToList();
        history.Select(e => e.GetProperty("action").GetString()).ShouldBe(["dismissed", "restored"]);
        history.Select(e => e.GetProperty("reason").GetString()).ShouldBe(["授权渠道", "合同已于 11 月到期，需重新核查"]);
        history.ShouldAllBe(e => e.GetProperty("actor").GetString() == "test key");
        var audit = await o.GetFromJsonAsync<JsonElement>("/api/audit", Web);
        audit.EnumerateArray().ShouldContain(e => e.GetProperty("action").GetString() == "monitoring.hit-restored"
            && e.GetProperty("targetId").GetString() == licensedHit && e.GetProperty("detail").GetString() == "合同已于 11 月到期，需重新核查");
        (await o.PostAsJsonAsync($"/api/monitoring/hits/{licensedHit}/dismiss", new { reason = "授权渠道，已重新核查" })).StatusCode.ShouldBe(HttpStatusCode.OK);
        await (await x.GetAsync($"/api/monitoring/tasks/{taskId}")).ShouldBeProblemAsync(HttpStatusCode.NotFound, "not-found");
        await (await x.PostAsync($"/api/monitoring/tasks/{taskId}/run", null)).ShouldBeProblemAsync(HttpStatusCode.NotFound, "not-found");
        (await x.GetFromJsonAsync<JsonElement>("/api/monitoring/hits", Web)).GetArrayLength().ShouldBe(0);
        (await x.GetFromJsonAsync<JsonElement>("/api/monitoring/tasks", Web)).GetArrayLength().ShouldBe(0);
    }

    [Fact]
    public async Task Task_CrawlingTheFakeSite_FindsTheMediaBehindItsPagesAndRecordsUnreadablePages()
    {
        await using var server = await LoopbackServer.StartAsync("Sqlite", LoopbackPolicy());
        var owner = await server.CreateTenantAsync("星河短剧");
        using var o = server.CreateClient(owner.ApiKey);
        await RegisterAsync(o, Path.Combine(dir, "episode.mp4"));

        var created = await o.PostAsJsonAsync("/api/monitoring/tasks", new
        {
            name = "站点巡查",
            crawl = new { listingPages = new[] { Url("/list"), Url("/go") }, videoLink = "href=\"(/watch/[^\"]+)\"" },
        });
        created.StatusCode.ShouldBe(HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        var taskId = (await created.Content.ReadFromJsonAsync<JsonElement>(Web)).GetProperty("id").GetString();
        var detail = await WaitForRunAsync(o, taskId);
        var hits = await o.GetFromJsonAsync<JsonElement>($"/api/monitoring/hits?taskId={taskId}", Web);

        hits.EnumerateArray().Select(h => h.GetProperty("source").GetString()).ShouldBe([Url("/v/pirated.mp4")]);
        var failures = detail.GetProperty("failures").EnumerateArray().ToDictionary(f => f.GetProperty("source").GetString()!, f => f.GetProperty("code").GetString());
        failures[Url("/go")].ShouldBe("forbidden-address");
        failures.Count.ShouldBe(1);

        // Evidence of a crawled copy keeps the page it was found on: its HTML as fetched and a screenshot rendered offline.
        var hit = hits.EnumerateArray().Single();
        hit.GetProperty("pageUrl").GetString().ShouldBe(Url("/watch/1.html"));
        // The page's schema.org WatchAction counter, not its likes.
        hit.GetProperty("observedViews").GetInt64().ShouldBe(123_456);
        var bundle = await CaptureAsync(o, hit.GetProperty("id").GetString());
        bundle.GetProperty("state").GetString().ShouldBe("sealed", bundle.ToString());
        var zip = await o.GetByteArrayAsync($"/api/evidence/{bundle.GetProperty("id").GetString()}/bundle.zip");
        var verifier = await BundleVerifierAsync(server);
        var verified = verifier.Verify(new MemoryStream(zip));
        verified.IsValid.ShouldBeTrue(verified.FirstFailure?.ToString());
        var names = verified.Manifest!.Files.Select(f => f.Path).ToList();
        names.ShouldContain("page/snapshot.html");
        names.ShouldContain("page/exchange.json");
        names.ShouldContain("page/screenshot.png");
        names.ShouldContain("report.pdf");
        EntryText(zip, "page/snapshot.html").ShouldBe(WatchPage);
        var png = Entry(zip, "page/screenshot.png");
        png.AsSpan(0, 8).SequenceEqual((byte[])[0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A]).ShouldBeTrue("PNG signature");
        png.Length.ShouldBeGreaterThan(5_000);
        EntryText(zip, "report.html").ShouldContain("src=\"page/screenshot.png\"");
        System.Text.Encoding.ASCII.GetString(Entry(zip, "report.pdf"), 0, 5).ShouldBe("%PDF-");
        var log = EntryText(zip, "session-log.txt");
        // The scan fetched from the same server moments earlier: the capture still records where each fetch connected.
        log.ShouldMatch(@"下载完成 / fetched: HTTP 200, \d+ bytes, SHA-256 [0-9a-f]{64}, from 127\.0\.0\.1:\d+");
        log.ShouldMatch(@"网页快照完成 / page fetched: HTTP 200, text/html; charset=utf-8, \d+ bytes, SHA-256 [0-9a-f]{64}, from 127\.0\.0\.1:\d+");
        log.ShouldContain("网页截图 / screenshot: page/screenshot.png");
        log.ShouldContain("报告 PDF / report PDF: report.pdf");
        var changed = verifier.Verify(new MemoryStream(Rewrite(zip, "page/screenshot.png", b => b[^20] ^= 1)));
        changed.IsValid.ShouldBeFalse();
        changed.FirstFailure!.Subject.ShouldBe("page/screenshot.png");
        await (await o.PostAsJsonAsync("/api/monitoring/tasks", new { name = "x", crawl = new { listingPages = new[] { Url("/list") }, videoLink = "(unclosed" } }))
            .ShouldBeProblemAsync(HttpStatusCode.BadRequest, "invalid-crawl");
        await (await o.PostAsJsonAsync("/api/monitoring/tasks", new { name = "x", crawl = new { listingPages = new[] { Url("/list") }, videoLink = "no-group" } }))
            .ShouldBeProblemAsync(HttpStatusCode.BadRequest, "invalid-crawl");
    }

    [Fact]
    public async Task Task_WatchedFolder_ChecksNewFilesEachRunAndOnlyUnderAllowedRoots()
    {
        var root = Directory.CreateTempSubdirectory("rr-watched-").FullName;
        var inbox = Directory.CreateDirectory(Path.Combine(root, "inbox")).FullName;
        try
        {
            await using var server = await LoopbackServer.StartAsync("Sqlite", new Dictionary<string, string?> { ["Monitoring:WatchedFolderRoots:0"] = root });
            var owner = await server.CreateTenantAsync("星河短剧");
            using var o = server.CreateClient(owner.ApiKey);
            await RegisterAsync(o, Path.Combine(dir, "episode.mp4"));
            File.Copy(Path.Combine(dir, "pirated.mp4"), Path.Combine(inbox, "a.mp4"));
            File.WriteAllText(Path.Combine(inbox, "notes.txt"), "不是视频");

            var created = await o.PostAsJsonAsync("/api/monitoring/tasks", new { name = "投稿文件夹", folder = inbox });
            created.StatusCode.ShouldBe(HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
            var taskId = (await created.Content.ReadFromJsonAsync<JsonElement>(Web)).GetProperty("id").GetString();
            var first = await WaitForRunAsync(o, taskId);
            File.Copy(Path.Combine(dir, "pirated.mp4"), Path.Combine(inbox, "b.mp4"));
            File.SetLastWriteTimeUtc(Path.Combine(inbox, "b.mp4"), DateTime.UtcNow.AddMinutes(1));
            (await o.PostAsync($"/api/monitoring/tasks/{taskId}/run", null)).StatusCode.ShouldBe(HttpStatusCode.Accepted);
            await Task.Delay(300);
            await WaitForRunAsync(o, taskId);
            var hits = await o.GetFromJsonAsync<JsonElement>($"/api/monitoring/hits?taskId={taskId}", Web);

            first.GetProperty("failures").EnumerateArray().ShouldHaveSingleItem().GetProperty("code").GetString().ShouldBe("not-media");
            var bySource = hits.EnumerateArray().ToDictionary(h => h.GetProperty("source").GetString()!, h => h.GetProperty("timesSeen").GetInt32());
            bySource.Count.ShouldBe(2);
            bySource[new Uri(Path.Combine(inbox, "a.mp4")).ToString()].ShouldBe(1);
            bySource[new Uri(Path.Combine(inbox, "b.mp4")).ToString()].ShouldBe(1);
            await (await o.PostAsJsonAsync("/api/monitoring/tasks", new { name = "x", folder = Path.GetTempPath() })).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "invalid-folder");
            await (await o.PostAsJsonAsync("/api/monitoring/tasks", new { name = "x", folder = Path.Combine(root, "..", "etc") })).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "invalid-folder");
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Fact]
    public async Task Create_BadInput_IsRefused()
    {
        await using var server = await LoopbackServer.StartAsync("Sqlite");
        var owner = await server.CreateTenantAsync("星河短剧");
        using var o = server.CreateClient(owner.ApiKey);

        await (await o.PostAsJsonAsync("/api/monitoring/tasks", new { name = "x", urls = Array.Empty<string>() })).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "invalid-urls");
        await (await o.PostAsJsonAsync("/api/monitoring/tasks", new { name = "x", urls = new[] { "file:///etc/passwd" } })).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "invalid-urls");
        await (await o.PostAsJsonAsync("/api/monitoring/tasks", new { name = "x", urls = new[] { Url("/v/a.mp4") }, intervalMinutes = 1 })).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "invalid-interval");
        await (await o.PostAsJsonAsync("/api/monitoring/tasks", new { name = "", urls = new[] { Url("/v/a.mp4") } })).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "invalid-name");
    }

    /// <summary>Uploads a file through the public /verify form (with its antiforgery token) and returns the page.</summary>
    private static async Task<string> PostToVerifyPageAsync(LoopbackServer server, byte[] file)
    {
        var cookies = new CookieContainer();
        using var handler = new HttpClientHandler { CookieContainer = cookies };
        using var browser = new HttpClient(handler) { BaseAddress = server.BaseAddress };
        var form = await browser.GetStringAsync("/verify");
        var token = System.Text.RegularExpressions.Regex.Match(form, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value;
        token.ShouldNotBeNullOrEmpty();
        using var content = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
            { new ByteArrayContent(file), "receipt", "bundle.zip" },
        };
        var response = await browser.PostAsync("/verify", content);
        return WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
    }

    private string Url(string path) => new Uri(siteAddress, path).ToString();
}
