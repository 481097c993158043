using System.Text;
using ReelRights.Core.Monitoring;
using ReelRights.Core.Monitoring.Hls;

namespace ReelRights.Core.Tests.Monitoring.Hls;

/// <summary>
/// Playlists as RFC 8216 writes them (its §8 examples), as ffmpeg and sloppy servers write them,
/// and broken in every way a hostile server might: each either parses to the segments in order or
/// fails with a stable code, never with another exception.
/// </summary>
public sealed class HlsParserTests
{
    private static readonly Uri Base = new("http://127.0.0.1:8080/drama/ep1/index.m3u8");

    [Fact]
    public void Parse_FfmpegVodPlaylist_ListsSegmentsInOrderResolvedAgainstThePlaylist()
    {
        const string text = """
            #EXTM3U
            #EXT-X-VERSION:3
            #EXT-X-TARGETDURATION:2
            #EXT-X-MEDIA-SEQUENCE:0
            #EXT-X-PLAYLIST-TYPE:VOD
            #EXTINF:2.000000,
            seg000.ts
            #EXTINF:2.000000,
            ../shared/seg001.ts
            #EXTINF:1.480000,
            /abs/seg002.ts
            #EXT-X-ENDLIST
            """;

        var playlist = HlsParser.Parse(text, Base, 100);

        playlist.IsMaster.ShouldBeFalse();
        playlist.Ended.ShouldBeTrue();
        playlist.InitSection.ShouldBeNull();
        playlist.Segments.Select(s => s.Uri.ToString()).ShouldBe([
            "http://127.0.0.1:8080/drama/ep1/seg000.ts", "http://127.0.0.1:8080/drama/shared/seg001.ts", "http://127.0.0.1:8080/abs/seg002.ts"]);
        playlist.Duration.ShouldBe(5.48, 1e-9);
    }

    [Fact]
    public void Parse_Fmp4WithMapAndCrlfAndBom_HasTheInitSectionFirst()
    {
        var text = "\uFEFF#EXTM3U\r\n#EXT-X-VERSION:7\r\n#EXT-X-MAP:URI=\"init.mp4\"\r\n#EXTINF:4,\r\nseg1.m4s\r\n#EXTINF:4.5,title, with comma\r\nseg2.m4s\r\n";

        var playlist = HlsParser.Parse(text, Base, 100);

        playlist.InitSection!.ToString().ShouldBe("http://127.0.0.1:8080/drama/ep1/init.mp4");
        playlist.Segments.Select(s => s.Duration).ShouldBe([4, 4.5]);
        playlist.Ended.ShouldBeFalse("no EXT-X-ENDLIST: a live playlist, taken as listed");
    }

    [Fact]
    public void Parse_MasterPlaylist_ReadsVariantsWithQuotedCodecs()
    {
        // RFC 8216 §8.4 with an audio-only variant, and attributes in another order.
        const string text = """
            #EXTM3U
            #EXT-X-STREAM-INF:BANDWIDTH=1280000,AVERAGE-BANDWIDTH=1000000
            http://127.0.0.1:8080/low.m3u8
            #EXT-X-STREAM-INF:RESOLUTION=1280x720,BANDWIDTH=2560000,CODECS="avc1.4d401f,mp4a.40.2"
            mid/index.m3u8
            #EXT-X-STREAM-INF:BANDWIDTH=7680000,AVERAGE-BANDWIDTH=6000000
            http://127.0.0.1:8080/hi.m3u8
            #EXT-X-STREAM-INF:BANDWIDTH=65000,CODECS="mp4a.40.5"
            audio-only.m3u8
            #EXT-X-I-FRAME-STREAM-INF:BANDWIDTH=86000,URI="iframe.m3u8"
            """;

        var playlist = HlsParser.Parse(text, Base, 100);

        playlist.IsMaster.ShouldBeTrue();
        playlist.Variants.Select(v => v.Bandwidth).ShouldBe([1280000L, 2560000, 7680000, 65000]);
        playlist.Variants[1].Uri.ToString().ShouldBe("http://127.0.0.1:8080/drama/ep1/mid/index.m3u8");
        playlist.Variants[1].Codecs.ShouldBe("avc1.4d401f,mp4a.40.2");
        playlist.Variants.Select(v => v.HasVideo).ShouldBe([null, true, null, false]);
    }

    [Theory]
    [InlineData(2_500_000, 1)] // the highest with video at or under the cap
    [InlineData(10_000_000, 2)]
    [InlineData(100_000, 0)] // none under the cap: the lowest with video
    public void ChooseVariant_Cap_PicksHighestVideoVariantUnderItElseLowest(long cap, int expected)
    {
        HlsVariant[] variants =
        [
            new(new Uri(Base, "a"), 800_000, null, "640x360"),
            new(new Uri(Base, "b"), 2_000_000, "avc1.64001f,mp4a.40.2", null),
            new(new Uri(Base, "c"), 6_000_000, null, "1920x1080"),
            new(new Uri(Base, "audio"), 64_000, "mp4a.40.2", null),
        ];

        HlsParser.ChooseVariant(variants, cap).ShouldBeSameAs(variants[expected]);
    }

    [Fact]
    public void ChooseVariant_NothingSaysVideo_UsesVariantsThatDoNotSayBeforeAudioOnly()
    {
        HlsVariant[] variants = [new(new Uri(Base, "audio"), 64_000, "mp4a.40.2", null), new(new Uri(Base, "x"), 900_000, null, null)];

        HlsParser.ChooseVariant(variants, 2_500_000).Uri.ToString().ShouldEndWith("/x");
    }

    [Theory]
    [InlineData("#EXT-X-KEY:METHOD=AES-128,URI=\"key.bin\",IV=0x1234", "AES-128")]
    [InlineData("#EXT-X-KEY:METHOD=SAMPLE-AES,URI=\"skd://x\",KEYFORMAT=\"com.apple.streamingkeydelivery\"", "SAMPLE-AES")]
    [InlineData("#EXT-X-SESSION-KEY:METHOD=SAMPLE-AES-CTR,URI=\"k\"", "SAMPLE-AES-CTR")]
    public void Parse_Encrypted_FailsSayingWeDoNotDecrypt(string keyLine, string method)
    {
        var text = $"#EXTM3U\n#EXT-X-KEY:METHOD=NONE\n{keyLine}\n#EXTINF:2,\na.ts\n#EXT-X-ENDLIST\n";

        var error = Should.Throw<FetchException>(() => HlsParser.Parse(text, Base, 100));

        error.Code.ShouldBe("hls-encrypted");
        error.MessageZh.ShouldContain("不解密");
        error.MessageEn.ShouldContain("METHOD=" + method);
    }

    [Theory]
    [InlineData("<html><body>not a playlist</body></html>", "hls-malformed")]
    [InlineData("", "hls-malformed")]
    [InlineData("#EXTM3U\n", "hls-empty")]
    [InlineData("#EXTM3U\n#EXT-X-ENDLIST\n", "hls-empty")]
    [InlineData("#EXTM3U\nseg.ts\n", "hls-malformed")] // a URI with no EXTINF
    [InlineData("#EXTM3U\n#EXTINF:abc,\nseg.ts\n", "hls-malformed")]
    [InlineData("#EXTM3U\n#EXTINF:-1,\nseg.ts\n", "hls-malformed")]
    [InlineData("#EXTM3U\n#EXTINF:2,\n", "hls-malformed")] // ends waiting for a URI
    [InlineData("#EXTM3U\n#EXTINF:2,\n#EXTINF:2,\nseg.ts\n", "hls-malformed")]
    [InlineData("#EXTM3U\n#EXT-X-STREAM-INF:BANDWIDTH=x1\nv.m3u8\n", "hls-malformed")]
    [InlineData("#EXTM3U\n#EXT-X-STREAM-INF:CODECS=\"avc1\nv.m3u8\n", "hls-malformed")] // unclosed quote
    [InlineData("#EXTM3U\n#EXT-X-STREAM-INF:BANDWIDTH=1\nv.m3u8\n#EXTINF:2,\nseg.ts\n", "hls-malformed")] // master and media
    [InlineData("#EXTM3U\n#EXT-X-KEY:URI=\"k\"\n#EXTINF:2,\nseg.ts\n", "hls-malformed")] // key without METHOD
    [InlineData("#EXTM3U\n#EXTINF:2,\n#EXT-X-BYTERANGE:1000@0\nseg.ts\n", "hls-unsupported")]
    [InlineData("#EXTM3U\n#EXT-X-MAP:URI=\"a.mp4\"\n#EXTINF:2,\n1.m4s\n#EXT-X-MAP:URI=\"b.mp4\"\n#EXTINF:2,\n2.m4s\n", "hls-unsupported")]
    [InlineData("#EXTM3U\n#EXTINF:2,\nfile:///etc/passwd\n", "bad-scheme")]
    [InlineData("#EXTM3U\n#EXTINF:2,\nftp://127.0.0.1/seg.ts\n", "bad-scheme")]
    public void Parse_BrokenPlaylist_FailsWithItsCode(string text, string code)
    {
        var error = Should.Throw<FetchException>(() => HlsParser.Parse(text, Base, 100));

        error.Code.ShouldBe(code);
        error.MessageZh.ShouldNotBeNullOrWhiteSpace();
        error.MessageEn.ShouldNotBeNullOrWhiteSpace();
    }

    [Fact]
    public void Parse_MoreSegmentsThanTheLimit_FailsWithoutReadingOn()
    {
        var text = "#EXTM3U\n" + string.Concat(Enumerable.Range(0, 50).Select(i => $"#EXTINF:1,\ns{i}.ts\n"));

        HlsParser.Parse(text, Base, 50).Segments.Count.ShouldBe(50);
        Should.Throw<FetchException>(() => HlsParser.Parse(text, Base, 49)).Code.ShouldBe("hls-too-many-segments");
    }

    [Theory]
    [InlineData("application/vnd.apple.mpegurl", "x", true)]
    [InlineData("Application/X-MpegURL; charset=utf-8", "x", true)]
    [InlineData("audio/mpegurl", "x", true)]
    [InlineData("video/mp4", "#EXTM3U\n", true)] // a server that calls it something else
    [InlineData("text/plain", "\uFEFF  #EXTM3U\r\n", true)]
    [InlineData("video/mp4", "\0\0\0 ftypisom", false)]
    [InlineData(null, "<html>", false)]
    public void IsPlaylist_ByContentTypeOrFirstLine(string? contentType, string head, bool expected)
    {
        HlsParser.IsPlaylist(contentType, Encoding.UTF8.GetBytes(head)).ShouldBe(expected);
    }

    /// <summary>Seeded mutations of a valid playlist (bytes dropped, duplicated, flipped, lines shuffled): only FetchException, never a crash.</summary>
    [Fact]
    public void Parse_MutatedPlaylists_OnlyEverFailWithFetchException()
    {
        const string seed = "#EXTM3U\n#EXT-X-TARGETDURATION:4\n#EXT-X-MAP:URI=\"init.mp4\"\n#EXT-X-KEY:METHOD=NONE\n#EXTINF:4.0,\nseg1.m4s\n"
            + "#EXT-X-STREAM-INF:BANDWIDTH=1000,CODECS=\"avc1,mp4a\",RESOLUTION=640x360\nv.m3u8\n#EXTINF:3.5,\nhttp://127.0.0.1/seg2.m4s\n#EXT-X-ENDLIST\n";
        var random = new Random(20261122);
        var alphabet = "#:,=\"\n\r -.0123456789EXTINFMAPKEYURIabc/\\%\u00e9\uFEFF".ToCharArray();
        var parsed = 0;
        for (var round = 0; round < 5000; round++)
        {
            var text = new StringBuilder(seed);
            for (var edits = random.Next(1, 6); edits > 0; edits--)
            {
                var at = random.Next(text.Length);
                switch (random.Next(4))
                {
                    case 0:
                        text.Remove(at, Math.Min(random.Next(1, 8), text.Length - at));
                        break;
                    case 1:
                        text.Insert(at, alphabet[random.Next(alphabet.Length)]);
                        break;
                    case 2:
                        text[at] = alphabet[random.Next(alphabet.Length)];
                        break;
                    default:
                        var lines = text.ToString().Split('\n');
                        random.Shuffle(lines);
                        text.Clear().AppendJoin('\n', lines);
                        break;
                }
                if (text.Length == 0)
                {
                    text.Append('#');
                }
            }
            try
            {
                var playlist = HlsParser.Parse(text.ToString(), Base, 10);
                (playlist.Variants.Count + playlist.Segments.Count).ShouldBeGreaterThan(0);
                parsed++;
            }
            catch (FetchException e)
            {
                e.Code.ShouldStartWith(e.Code == "bad-scheme" ? "bad-scheme" : "hls-");
            }
        }
        parsed.ShouldBeGreaterThan(0);
    }
}
