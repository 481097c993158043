using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using ReelRights.Core.Monitoring;
using ReelRights.Core.Monitoring.Hls;

namespace ReelRights.Core.Tests.Monitoring.Hls;

/// <summary>
/// HLS sources served by the hostile server on 127.0.0.1: every playlist and segment goes through
/// the safe fetcher, the parts are joined in order, and each limit or refusal (a segment redirected
/// to 127.0.0.2, which the policy forbids) ends in a failure that says which part and why.
/// </summary>
public sealed class HlsDownloaderTests : IAsyncLifetime
{
    private readonly HostileHttpServer server = new();
    private readonly string dir = Directory.CreateTempSubdirectory("rr-hls-").FullName;
    private readonly List<string> requested = [];
    private readonly FetchOptions options = Options(new HlsOptions());
    private SafeFetcher fetcher = null!;

    public ValueTask InitializeAsync()
    {
        fetcher = new SafeFetcher(Microsoft.Extensions.Options.Options.Create(options));
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        fetcher.Dispose();
        await server.DisposeAsync();
        Directory.Delete(dir, recursive: true);
    }

    [Fact]
    public async Task Fetch_TsPlaylist_JoinsTheSegmentsInOrderWithEveryPartRecorded()
    {
        byte[][] segments = [Ts('A', 300), Ts('B', 200), Ts('C', 100)];
        Serve("/ts/index.m3u8", "application/vnd.apple.mpegurl",
            "#EXTM3U\n#EXT-X-TARGETDURATION:2\n#EXTINF:2,\nseg0.ts\n#EXTINF:2,\n/ts/seg1.ts\n#EXTINF:1.5,\nhop\n#EXT-X-ENDLIST\n");
        Serve("/ts/seg0.ts", "video/mp2t", segments[0]);
        Serve("/ts/seg1.ts", "video/mp2t", segments[1]);
        Redirect("/ts/hop", "/ts/seg2.ts");
        Serve("/ts/seg2.ts", "video/mp2t", segments[2]);
        var log = new List<string>();

        var media = await Sources(fetcher, options).FetchAsync(Url("/ts/index.m3u8"), Work(), CancellationToken.None, (step, detail) => log.Add(step + ": " + detail), withSm3: true);

        byte[] joined = [.. segments[0], .. segments[1], .. segments[2]];
        (await File.ReadAllBytesAsync(media.Path)).ShouldBe(joined);
        media.Sha256.ShouldBe(Convert.ToHexStringLower(SHA256.HashData(joined)));
        media.Length.ShouldBe(600);
        var stream = media.Hls.ShouldNotBeNull();
        stream.Extension.ShouldBe(".ts");
        stream.Live.ShouldBeFalse();
        stream.Duration.ShouldBe(5.5);
        stream.Parts.Select(p => p.Number).ShouldBe([1, 2, 3]);
        stream.Parts[2].Fetch.Redirects.ShouldHaveSingleItem().AbsolutePath.ShouldBe("/ts/seg2.ts");
        stream.Parts.ShouldAllBe(p => p.Sm3 != null && p.Sm3.Length == 64);
        stream.Parts[0].Fetch.Sha256.ShouldBe(Convert.ToHexStringLower(SHA256.HashData(segments[0])));
        stream.Playlists.ShouldHaveSingleItem().Text.ShouldStartWith("#EXTM3U");
        log.Count(l => l.StartsWith("HLS 分片 / segment", StringComparison.Ordinal)).ShouldBe(3);
        log.ShouldContain(l => l.Contains("/ts/hop → ", StringComparison.Ordinal) && l.Contains(stream.Parts[2].Fetch.Sha256, StringComparison.Ordinal));
        Directory.EnumerateFiles(Path.GetDirectoryName(media.Path)!).ShouldBe([media.Path], "parts and the playlist are not left behind");
    }

    [Fact]
    public async Task Fetch_MasterPlaylist_FetchesTheChosenFmp4VariantInitFirst()
    {
        Serve("/m/master.m3u8", "application/x-mpegURL",
            "#EXTM3U\n#EXT-X-STREAM-INF:BANDWIDTH=64000,CODECS=\"mp4a.40.2\"\naudio.m3u8\n#EXT-X-STREAM-INF:BANDWIDTH=900000,RESOLUTION=640x360\nsd/index.m3u8\n"
            + "#EXT-X-STREAM-INF:BANDWIDTH=9000000,RESOLUTION=1920x1080\nhd/index.m3u8\n");
        Serve("/m/sd/index.m3u8", "application/vnd.apple.mpegurl", "#EXTM3U\n#EXT-X-MAP:URI=\"init.mp4\"\n#EXTINF:2,\n1.m4s\n#EXTINF:2,\n2.m4s\n");
        Serve("/m/sd/init.mp4", "video/mp4", Encoding.ASCII.GetBytes("INIT"));
        Serve("/m/sd/1.m4s", "video/iso.segment", Encoding.ASCII.GetBytes("one"));
        Serve("/m/sd/2.m4s", "video/iso.segment", Encoding.ASCII.GetBytes("two"));

        var media = await Sources(fetcher, options).FetchAsync(Url("/m/master.m3u8"), Work(), CancellationToken.None);

        (await File.ReadAllTextAsync(media.Path)).ShouldBe("INITonetwo");
        var stream = media.Hls.ShouldNotBeNull();
        stream.Variant!.Uri.AbsolutePath.ShouldBe("/m/sd/index.m3u8");
        stream.Playlists.Select(p => p.IsMaster).ShouldBe([true, false]);
        stream.Parts.Select(p => p.Number).ShouldBe([0, 1, 2]);
        stream.Extension.ShouldBe(".mp4");
        stream.Live.ShouldBeTrue();
        requested.ShouldNotContain("/m/hd/index.m3u8");
        requested.ShouldNotContain("/m/audio.m3u8");
    }

    [Fact]
    public async Task Fetch_PlainMediaFile_IsNotTakenForAPlaylist()
    {
        var clip = Encoding.ASCII.GetBytes("\0\0\0 ftypisom not a playlist");
        Serve("/clip.mp4", "video/mp4", clip);

        var media = await Sources(fetcher, options).FetchAsync(Url("/clip.mp4"), Work(), CancellationToken.None);

        media.Hls.ShouldBeNull();
        media.Length.ShouldBe(clip.Length);
        media.Path.ShouldBe(media.Fetch.Path);
    }

    [Fact]
    public async Task Fetch_SegmentRedirectedToForbiddenAddress_FailsNamingTheSegment()
    {
        Serve("/f/index.m3u8", "application/vnd.apple.mpegurl", "#EXTM3U\n#EXTINF:2,\nok.ts\n#EXTINF:2,\nbad.ts\n#EXTINF:2,\nlast.ts\n#EXT-X-ENDLIST\n");
        Serve("/f/ok.ts", "video/mp2t", Ts('A', 10));
        Redirect("/f/bad.ts", $"http://127.0.0.2:{server.BaseAddress.Port}/f/ok.ts");
        Serve("/f/last.ts", "video/mp2t", Ts('C', 10));
        var work = Work();

        var error = await Should.ThrowAsync<FetchException>(() => Sources(fetcher, options).FetchAsync(Url("/f/index.m3u8"), work, CancellationToken.None));

        error.Code.ShouldBe("forbidden-address");
        error.MessageZh.ShouldContain("HLS 分片 2/3");
        error.MessageEn.ShouldContain("HLS segment 2 of 3");
        error.MessageEn.ShouldContain("127.0.0.2");
        requested.ShouldNotContain("/f/last.ts");
        Directory.EnumerateFileSystemEntries(work).ShouldBeEmpty();
    }

    [Fact]
    public async Task Fetch_Limits_EndInTheirOwnFailures()
    {
        var limits = Options(new HlsOptions { MaxSegments = 2, MaxBytes = 150, MaxPlaylistBytes = 1024 });
        using var tight = new SafeFetcher(Microsoft.Extensions.Options.Options.Create(limits));
        Serve("/l/three.m3u8", "application/vnd.apple.mpegurl", "#EXTM3U\n#EXTINF:1,\na.ts\n#EXTINF:1,\nb.ts\n#EXTINF:1,\nc.ts\n");
        Serve("/l/two.m3u8", "application/vnd.apple.mpegurl", "#EXTM3U\n#EXTINF:1,\na.ts\n#EXTINF:1,\nb.ts\n");
        Serve("/l/a.ts", "video/mp2t", Ts('A', 100));
        Serve("/l/b.ts", "video/mp2t", Ts('B', 100));
        Serve("/l/big.m3u8", "application/vnd.apple.mpegurl", "#EXTM3U\n" + new string('#', 2000) + "\n#EXTINF:1,\na.ts\n");
        Serve("/l/nested.m3u8", "application/vnd.apple.mpegurl", "#EXTM3U\n#EXT-X-STREAM-INF:BANDWIDTH=1\nnested.m3u8\n");
        Serve("/l/encrypted.m3u8", "application/vnd.apple.mpegurl", "#EXTM3U\n#EXT-X-KEY:METHOD=AES-128,URI=\"key\"\n#EXTINF:1,\nsecret.ts\n");
        Serve("/l/key", "application/octet-stream", new byte[16]);
        Serve("/l/secret.ts", "video/mp2t", Ts('S', 100));
        Serve("/l/garbage.m3u8", "application/vnd.apple.mpegurl", "<html><p>403 forbidden</p></html>");

        async Task<string> CodeOf(string path) =>
            (await Should.ThrowAsync<FetchException>(() => Sources(tight, limits).FetchAsync(Url(path), Work(), CancellationToken.None))).Code;

        (await CodeOf("/l/three.m3u8")).ShouldBe("hls-too-many-segments");
        (await CodeOf("/l/two.m3u8")).ShouldBe("hls-too-large");
        (await CodeOf("/l/big.m3u8")).ShouldBe("hls-playlist-too-large");
        (await CodeOf("/l/nested.m3u8")).ShouldBe("hls-nested");
        (await CodeOf("/l/encrypted.m3u8")).ShouldBe("hls-encrypted");
        (await CodeOf("/l/garbage.m3u8")).ShouldBe("hls-malformed");
        requested.ShouldNotContain("/l/key", "nothing of an encrypted stream is fetched");
        requested.ShouldNotContain("/l/secret.ts");
    }

    private static MediaSourceFetcher Sources(SafeFetcher safe, FetchOptions options) =>
        new(safe, new HlsDownloader(safe, Microsoft.Extensions.Options.Options.Create(options)));

    private static FetchOptions Options(HlsOptions hls) => new()
    {
        AllowedNetworks = ["127.0.0.1/32"],
        ForbiddenNetworks = ["127.0.0.2/32"],
        MaxBytes = 1 << 20,
        Timeout = TimeSpan.FromSeconds(20),
        ReadTimeout = TimeSpan.FromSeconds(2),
        Hls = hls,
    };

    /// <summary>An MPEG-TS-looking segment: the sync byte, then <paramref name="length"/> − 1 filler bytes.</summary>
    private static byte[] Ts(char fill, int length) => [0x47, .. Enumerable.Repeat((byte)fill, length - 1)];

    private void Serve(string path, string contentType, string body) => Serve(path, contentType, Encoding.UTF8.GetBytes(body));

    private void Serve(string path, string contentType, byte[] body) => server.Map(path, async (stream, ct) =>
    {
        Record(path);
        await WriteHeadAsync(stream, $"HTTP/1.1 200 OK\r\nContent-Type: {contentType}\r\nContent-Length: {body.Length}\r\nConnection: close\r\n\r\n", ct);
        await stream.WriteAsync(body, ct);
    });

    private void Redirect(string path, string location) => server.Map(path, async (stream, ct) =>
    {
        Record(path);
        await WriteHeadAsync(stream, $"HTTP/1.1 302 Found\r\nLocation: {location}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n", ct);
    });

    private void Record(string path)
    {
        lock (requested)
        {
            requested.Add(path);
        }
    }

    private static Task WriteHeadAsync(NetworkStream stream, string head, CancellationToken ct) => stream.WriteAsync(Encoding.ASCII.GetBytes(head), ct).AsTask();

    private Uri Url(string path) => new(server.BaseAddress, path);

    private string Work() => Directory.CreateDirectory(Path.Combine(dir, Guid.NewGuid().ToString("N"))).FullName;
}
