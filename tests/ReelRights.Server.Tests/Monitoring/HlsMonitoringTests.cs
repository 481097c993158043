using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using ReelRights.Testing;
using static ReelRights.Server.Tests.Monitoring.MonitoringSteps;

namespace ReelRights.Server.Tests.Monitoring;

/// <summary>
/// HLS on a fake site on 127.0.0.1: a copy of a registered episode cut by ffmpeg -f hls into
/// MPEG-TS segments, the same copy as fMP4 behind a master playlist, and broken playlists (a
/// segment redirected to 127.0.0.2, which the test's policy forbids; too many segments; AES-128;
/// not a playlist at all). One task holds them all, failures first: the copies are found, each
/// broken source is a failure with its reason, the run completes, and the evidence bundle of an
/// HLS hit records every playlist and segment and verifies offline.
/// </summary>
public sealed class HlsMonitoringTests : IAsyncLifetime
{
    private readonly string dir = Directory.CreateTempSubdirectory("rr-hls-site-").FullName;
    private WebApplication site = null!;
    private Uri siteAddress = null!;

    public async ValueTask InitializeAsync()
    {
        // The pirated copy gets a key frame every second, so it cuts into 2 s segments.
        await MakeEpisodeAndCopyAsync(dir, "copy.mp4", "-g", "25");
        var hls = Directory.CreateDirectory(Path.Combine(dir, "hls")).FullName;
        Directory.CreateDirectory(Path.Combine(hls, "ts"));
        Directory.CreateDirectory(Path.Combine(hls, "fmp4"));
        await Ffmpeg.RunAsync(["-i", Path.Combine(dir, "copy.mp4"), "-c", "copy", "-f", "hls", "-hls_time", "2", "-hls_playlist_type", "vod",
            "-hls_segment_filename", Path.Combine(hls, "ts", "seg%03d.ts"), Path.Combine(hls, "ts", "index.m3u8")]);
        await Ffmpeg.RunAsync(["-i", Path.Combine(dir, "copy.mp4"), "-c", "copy", "-f", "hls", "-hls_time", "2", "-hls_playlist_type", "vod",
            "-hls_segment_type", "fmp4", "-hls_fmp4_init_filename", "init.mp4", "-hls_segment_filename", Path.Combine(hls, "fmp4", "seg%03d.m4s"),
            Path.Combine(hls, "fmp4", "index.m3u8")]);
        var tsPlaylist = await File.ReadAllTextAsync(Path.Combine(hls, "ts", "index.m3u8"));
        // Audio only, a 360p-class variant, and one above the bandwidth cap that does not exist: the middle one must be chosen.
        await File.WriteAllTextAsync(Path.Combine(hls, "master.m3u8"),
            "#EXTM3U\n#EXT-X-STREAM-INF:BANDWIDTH=64000,CODECS=\"mp4a.40.2\"\naudio/missing.m3u8\n"
            + "#EXT-X-STREAM-INF:BANDWIDTH=600000,RESOLUTION=180x320,CODECS=\"avc1.42c00d,mp4a.40.2\"\nfmp4/index.m3u8\n"
            + "#EXT-X-STREAM-INF:BANDWIDTH=9000000,RESOLUTION=1080x1920\nhd/missing.m3u8\n");
        await File.WriteAllTextAsync(Path.Combine(hls, "ts", "forbidden.m3u8"), tsPlaylist.Replace("seg001.ts", "/go-seg", StringComparison.Ordinal));
        await File.WriteAllTextAsync(Path.Combine(hls, "ts", "many.m3u8"),
            "#EXTM3U\n#EXT-X-TARGETDURATION:2\n" + string.Concat(Enumerable.Repeat("#EXTINF:2.0,\nseg000.ts\n", 30)) + "#EXT-X-ENDLIST\n");
        await File.WriteAllTextAsync(Path.Combine(hls, "ts", "encrypted.m3u8"),
            tsPlaylist.Replace("#EXT-X-PLAYLIST-TYPE:VOD", "#EXT-X-PLAYLIST-TYPE:VOD\n#EXT-X-KEY:METHOD=AES-128,URI=\"key.bin\",IV=0x0123456789abcdef0123456789abcdef", StringComparison.Ordinal));
        await File.WriteAllTextAsync(Path.Combine(hls, "garbage.m3u8"), "<!doctype html><title>404</title><p>视频不存在</p>");

        (site, siteAddress) = await StartSiteAsync(app =>
        {
            app.MapGet("/hls/{**path}", (string path) =>
            {
                var full = Path.GetFullPath(Path.Combine(hls, path));
                return full.StartsWith(hls + Path.DirectorySeparatorChar, StringComparison.Ordinal) && File.Exists(full)
                    ? Results.File(full, Path.GetExtension(full) switch
                    {
                        ".m3u8" => "application/vnd.apple.mpegurl",
                        ".ts" => "video/mp2t",
                        ".m4s" => "video/iso.segment",
                        _ => "video/mp4",
                    })
                    : Results.NotFound();
            });
            app.MapGet("/go-seg", (HttpContext http) => Results.Redirect($"http://127.0.0.2:{http.Connection.LocalPort}/hls/ts/seg001.ts"));
        });
    }

    public async ValueTask DisposeAsync()
    {
        await site.DisposeAsync();
        Directory.Delete(dir, recursive: true);
    }

    [Fact]
    public async Task Task_HlsSources_CopiesFoundBrokenPlaylistsRecordedAndEvidenceListsEverySegment()
    {
        await using var server = await LoopbackServer.StartAsync("Sqlite", LoopbackPolicy(("Monitoring:Fetch:Hls:MaxSegments", "20")));
        var owner = await server.CreateTenantAsync("星河短剧");
        using var o = server.CreateClient(owner.ApiKey);
        await RegisterAsync(o, Path.Combine(dir, "episode.mp4"));
        string[] broken = [Url("/hls/ts/forbidden.m3u8"), Url("/hls/ts/many.m3u8"), Url("/hls/ts/encrypted.m3u8"), Url("/hls/garbage.m3u8")];
        string[] good = [Url("/hls/ts/index.m3u8"), Url("/hls/master.m3u8")];

        var taskId = await CreateTaskAsync(o, new { name = "直播流巡查", urls = (string[])[.. broken, .. good] });
        var detail = await WaitForRunAsync(o, taskId);
        var hits = await o.GetFromJsonAsync<JsonElement>($"/api/monitoring/hits?taskId={taskId}", MonitoringSteps.Web);

        var bySource = hits.EnumerateArray().ToDictionary(h => h.GetProperty("source").GetString()!);
        bySource.Keys.Order().ShouldBe(good.Order());
        bySource.Values.ShouldAllBe(h => h.GetProperty("class").GetString() == "suspected" || h.GetProperty("class").GetString() == "needs-review");
        var failures = detail.GetProperty("failures").EnumerateArray().ToDictionary(f => f.GetProperty("source").GetString()!);
        failures.Keys.Order().ShouldBe(broken.Order());
        failures[broken[0]].GetProperty("code").GetString().ShouldBe("forbidden-address");
        failures[broken[0]].GetProperty("messageZh").GetString()!.ShouldContain("HLS 分片 2/6");
        failures[broken[0]].GetProperty("messageEn").GetString()!.ShouldContain("127.0.0.2");
        failures[broken[1]].GetProperty("code").GetString().ShouldBe("hls-too-many-segments");
        failures[broken[2]].GetProperty("code").GetString().ShouldBe("hls-encrypted");
        failures[broken[2]].GetProperty("messageZh").GetString()!.ShouldContain("不解密");
        failures[broken[3]].GetProperty("code").GetString().ShouldBe("hls-malformed");

        // Evidence of the MPEG-TS copy: the playlist and each segment's address and digests, in order.
        var tsHit = bySource[good[0]].GetProperty("id").GetString();
        var bundle = await CaptureAsync(o, tsHit);
        bundle.GetProperty("state").GetString().ShouldBe("sealed", bundle.ToString());
        var zip = await o.GetByteArrayAsync($"/api/evidence/{bundle.GetProperty("id").GetString()}/bundle.zip");
        var verifier = await BundleVerifierAsync(server);
        var verified = verifier.Verify(new MemoryStream(zip));
        verified.IsValid.ShouldBeTrue(verified.FirstFailure?.ToString());
        var names = verified.Manifest!.Files.Select(f => f.Path).ToList();
        names.ShouldContain("media/copy.ts");
        names.ShouldContain("http/hls.json");
        names.ShouldContain("http/playlists/1-media.m3u8");
        names.ShouldContain("frames/copy.jpg");
        EntryText(zip, "http/playlists/1-media.m3u8").ShouldBe(await File.ReadAllTextAsync(Path.Combine(dir, "hls", "ts", "index.m3u8")));
        var record = JsonDocument.Parse(Entry(zip, "http/hls.json")).RootElement;
        var parts = record.GetProperty("parts").EnumerateArray().ToList();
        parts.Count.ShouldBe(6);
        for (var i = 0; i < parts.Count; i++)
        {
            var segment = await File.ReadAllBytesAsync(Path.Combine(dir, "hls", "ts", $"seg{i:000}.ts"));
            parts[i].GetProperty("number").GetInt32().ShouldBe(i + 1);
            parts[i].GetProperty("exchange").GetProperty("url").GetString().ShouldBe(Url($"/hls/ts/seg{i:000}.ts"));
            parts[i].GetProperty("exchange").GetProperty("sha256").GetString().ShouldBe(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(segment)));
            parts[i].GetProperty("sm3").GetString().ShouldBe(Convert.ToHexStringLower(ReelRights.Ledger.Records.Sm3.HashData(segment)));
        }
        var log = EntryText(zip, "session-log.txt");
        log.ShouldContain("HLS 分片 / segment 6/6: " + Url("/hls/ts/seg005.ts"));
        log.ShouldContain(parts[5].GetProperty("sm3").GetString()!);

        // Evidence of the master playlist's copy: both playlists kept, the fMP4 joined behind its initialization section.
        var masterHit = bySource[good[1]].GetProperty("id").GetString();
        var fmp4 = await CaptureAsync(o, masterHit);
        fmp4.GetProperty("state").GetString().ShouldBe("sealed", fmp4.ToString());
        var fmp4Zip = await o.GetByteArrayAsync($"/api/evidence/{fmp4.GetProperty("id").GetString()}/bundle.zip");
        verifier.Verify(new MemoryStream(fmp4Zip)).IsValid.ShouldBeTrue();
        var fmp4Record = JsonDocument.Parse(Entry(fmp4Zip, "http/hls.json")).RootElement;
        fmp4Record.GetProperty("variant").GetProperty("url").GetString().ShouldBe(Url("/hls/fmp4/index.m3u8"));
        fmp4Record.GetProperty("parts")[0].GetProperty("kind").GetString().ShouldBe("init");
        EntryText(fmp4Zip, "http/playlists/1-master.m3u8").ShouldStartWith("#EXTM3U");
        EntryText(fmp4Zip, "http/playlists/2-media.m3u8").ShouldContain("#EXT-X-MAP:URI=\"init.mp4\"");
        byte[] joined = [.. await File.ReadAllBytesAsync(Path.Combine(dir, "hls", "fmp4", "init.mp4")),
            .. (await Task.WhenAll(Enumerable.Range(0, 6).Select(i => File.ReadAllBytesAsync(Path.Combine(dir, "hls", "fmp4", $"seg{i:000}.m4s"))))).SelectMany(b => b)];
        Entry(fmp4Zip, "media/copy.mp4").ShouldBe(joined);
    }

    private string Url(string path) => new Uri(siteAddress, path).ToString();
}
