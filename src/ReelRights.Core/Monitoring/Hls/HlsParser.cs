using System.Globalization;

namespace ReelRights.Core.Monitoring.Hls;

/// <summary>
/// Reads HLS playlists (RFC 8216) as far as monitoring needs: which variant a master playlist
/// offers, which segments a media playlist lists and in what order, whether they are encrypted.
/// Pure text in, records out; every way a playlist can be wrong ends in a <see cref="FetchException"/>
/// with a stable code and the line it is on. Lenient where players are (a byte order mark, CRLF,
/// unknown tags, a missing BANDWIDTH), strict where guessing would misread the stream.
/// </summary>
public static class HlsParser
{
    /// <summary>The media types of HLS playlists (RFC 8216 §4 and the older names players accept).</summary>
    public static readonly IReadOnlyList<string> MediaTypes = ["application/vnd.apple.mpegurl", "application/x-mpegurl", "audio/mpegurl", "audio/x-mpegurl"];

    private const string Header = "#EXTM3U";

    /// <summary>Whether a fetched body is a playlist: by its Content-Type, or by its first line (§4.3.1.1: #EXTM3U), whatever the server called it.</summary>
    public static bool IsPlaylist(string? contentType, ReadOnlySpan<byte> head)
    {
        var mediaType = contentType?.Split(';')[0].Trim();
        if (mediaType is not null && MediaTypes.Contains(mediaType, StringComparer.OrdinalIgnoreCase))
        {
            return true;
        }
        if (head.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            head = head[3..];
        }
        head = head.TrimStart(" \t\r\n"u8);
        return head.StartsWith("#EXTM3U"u8);
    }

    /// <summary>Parses <paramref name="text"/>; relative URIs resolve against <paramref name="playlistUrl"/> (§4.1).</summary>
    /// <exception cref="FetchException">
    /// Codes hls-malformed, hls-empty, hls-encrypted, hls-unsupported, hls-too-many-segments, bad-scheme.
    /// </exception>
    public static HlsPlaylist Parse(string text, Uri playlistUrl, int maxSegments)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(playlistUrl);
        var lines = text.TrimStart('\uFEFF').Split('\n');
        if (lines[0].Trim() != Header)
        {
            throw HlsErrors.Malformed("第一行不是 #EXTM3U，这不是 HLS 播放列表", "the first line is not #EXTM3U, so this is not an HLS playlist");
        }
        var variants = new List<HlsVariant>();
        var segments = new List<HlsSegment>();
        Uri? init = null;
        var ended = false;
        double? duration = null;
        (long Bandwidth, string? Codecs, string? Resolution)? streamInf = null;
        for (var i = 1; i < lines.Length; i++)
        {
            var number = i + 1;
            var line = lines[i].Trim();
            if (line.Length == 0)
            {
                continue;
            }
            if (!line.StartsWith('#'))
            {
                var uri = Resolve(playlistUrl, line, number);
                if (streamInf is not null)
                {
                    var (bandwidth, codecs, resolution) = streamInf.Value;
                    variants.Add(new HlsVariant(uri, bandwidth, codecs, resolution));
                    streamInf = null;
                }
                else if (duration is { } seconds)
                {
                    if (segments.Count == maxSegments)
                    {
                        throw HlsErrors.TooManySegments(maxSegments);
                    }
                    segments.Add(new HlsSegment(uri, seconds));
                    duration = null;
                }
                else
                {
                    throw HlsErrors.Malformed($"第 {number} 行的地址前没有 #EXTINF 或 #EXT-X-STREAM-INF", $"the URI on line {number} follows no #EXTINF or #EXT-X-STREAM-INF");
                }
                continue;
            }
            if (!line.StartsWith("#EXT", StringComparison.Ordinal))
            {
                continue; // A comment (§4.1).
            }
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            var tag = colon < 0 ? line : line[..colon];
            var value = colon < 0 ? "" : line[(colon + 1)..];
            switch (tag)
            {
                case "#EXTINF":
                    if (duration is not null || streamInf is not null)
                    {
                        throw HlsErrors.Malformed($"第 {number} 行：#EXTINF 之前的标签还没有对应的地址", $"line {number}: #EXTINF follows a tag still waiting for its URI");
                    }
                    duration = Duration(value, number);
                    break;
                case "#EXT-X-STREAM-INF":
                    if (duration is not null || streamInf is not null)
                    {
                        throw HlsErrors.Malformed($"第 {number} 行：#EXT-X-STREAM-INF 之前的标签还没有对应的地址", $"line {number}: #EXT-X-STREAM-INF follows a tag still waiting for its URI");
                    }
                    var attributes = Attributes(value, number);
                    streamInf = (Bandwidth(attributes, number), attributes.GetValueOrDefault("CODECS"), attributes.GetValueOrDefault("RESOLUTION"));
                    break;
                case "#EXT-X-KEY" or "#EXT-X-SESSION-KEY":
                    var method = Attributes(value, number).GetValueOrDefault("METHOD")
                        ?? throw HlsErrors.Malformed($"第 {number} 行的 {tag} 缺少 METHOD", $"the {tag} on line {number} has no METHOD");
                    if (method != "NONE")
                    {
                        throw HlsErrors.Encrypted(method.Length > 40 ? method[..40] : method);
                    }
                    break;
                case "#EXT-X-MAP":
                    var map = Attributes(value, number);
                    if (map.ContainsKey("BYTERANGE"))
                    {
                        throw HlsErrors.Unsupported("初始化片段只取文件的一部分（EXT-X-MAP BYTERANGE）", "an initialization section that is part of a file (EXT-X-MAP BYTERANGE)");
                    }
                    var mapUri = Resolve(playlistUrl, map.GetValueOrDefault("URI")
                        ?? throw HlsErrors.Malformed($"第 {number} 行的 #EXT-X-MAP 缺少 URI", $"the #EXT-X-MAP on line {number} has no URI"), number);
                    if ((init is not null && init != mapUri) || (init is null && segments.Count > 0))
                    {
                        // Concatenating would put a second moov box mid-file; no demuxer reads that.
                        throw HlsErrors.Unsupported("播放列表中途更换初始化片段（EXT-X-MAP）", "the initialization section (EXT-X-MAP) changes mid-playlist");
                    }
                    init = mapUri;
                    break;
                case "#EXT-X-BYTERANGE":
                    throw HlsErrors.Unsupported("分片只取文件的一部分（EXT-X-BYTERANGE）", "segments that are parts of a file (EXT-X-BYTERANGE)");
                case "#EXT-X-ENDLIST":
                    ended = true;
                    break;
                default:
                    break; // Clients ignore tags they do not know (§6.3.1); the others change nothing here.
            }
        }
        if (duration is not null || streamInf is not null)
        {
            throw HlsErrors.Malformed("播放列表在标签之后结束，缺少地址", "the playlist ends after a tag that needs a URI");
        }
        if (variants.Count > 0 && (segments.Count > 0 || init is not null))
        {
            throw HlsErrors.Malformed("同时包含主播放列表与媒体播放列表的标签", "it mixes master and media playlist tags");
        }
        return variants.Count == 0 && segments.Count == 0
            ? throw HlsErrors.Empty()
            : new HlsPlaylist(variants, segments, init, ended);
    }

    /// <summary>
    /// The variant monitoring fetches: among those with video (else those that do not say, else
    /// all), the highest BANDWIDTH at or below <paramref name="maxBandwidth"/>, else the lowest.
    /// The same playlist always gives the same choice, so evidence capture fetches what the scan matched.
    /// </summary>
    public static HlsVariant ChooseVariant(IReadOnlyList<HlsVariant> variants, long maxBandwidth)
    {
        ArgumentOutOfRangeException.ThrowIfZero(variants.Count, nameof(variants));
        var pool = variants.Where(v => v.HasVideo == true).ToList();
        if (pool.Count == 0)
        {
            pool = variants.Where(v => v.HasVideo is null).ToList();
        }
        if (pool.Count == 0)
        {
            pool = [.. variants];
        }
        return pool.Where(v => v.Bandwidth <= maxBandwidth).MaxBy(v => v.Bandwidth) ?? pool.MinBy(v => v.Bandwidth)!;
    }

    /// <summary>An attribute list (§4.2): NAME=value pairs separated by commas; quoted strings may hold commas.</summary>
    internal static Dictionary<string, string> Attributes(string list, int number)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        var i = 0;
        while (i < list.Length)
        {
            var equals = list.IndexOf('=', i);
            if (equals < 0)
            {
                throw HlsErrors.Malformed($"第 {number} 行的属性缺少“=”", $"an attribute on line {number} has no '='");
            }
            var name = list[i..equals].Trim();
            if (name.Length == 0)
            {
                throw HlsErrors.Malformed($"第 {number} 行有空的属性名", $"an attribute on line {number} has an empty name");
            }
            i = equals + 1;
            string value;
            if (i < list.Length && list[i] == '"')
            {
                var close = list.IndexOf('"', i + 1);
                if (close < 0)
                {
                    throw HlsErrors.Malformed($"第 {number} 行的引号没有闭合", $"a quoted string on line {number} is not closed");
                }
                value = list[(i + 1)..close];
                i = close + 1;
                while (i < list.Length && list[i] == ' ')
                {
                    i++;
                }
                if (i < list.Length && list[i] != ',')
                {
                    throw HlsErrors.Malformed($"第 {number} 行的引号后应为逗号", $"a quoted string on line {number} is followed by something other than a comma");
                }
            }
            else
            {
                var comma = list.IndexOf(',', i);
                var end = comma < 0 ? list.Length : comma;
                value = list[i..end].Trim();
                i = end;
            }
            if (i < list.Length)
            {
                i++; // the comma
            }
            result[name] = value;
        }
        return result;
    }

    private static Uri Resolve(Uri playlistUrl, string reference, int number)
    {
        if (!Uri.TryCreate(playlistUrl, reference.Trim(), out var uri))
        {
            throw HlsErrors.Malformed($"第 {number} 行的地址无效", $"the URI on line {number} is not valid");
        }
        return uri.Scheme is "http" or "https"
            ? uri
            : throw new FetchException("bad-scheme", $"HLS 播放列表第 {number} 行的地址不是 http(s)，不予抓取。", $"The URI on line {number} of the HLS playlist is not http(s) and is not fetched.");
    }

    private static double Duration(string value, int number)
    {
        var comma = value.IndexOf(',', StringComparison.Ordinal);
        var text = (comma < 0 ? value : value[..comma]).Trim();
        return double.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var seconds) && double.IsFinite(seconds)
            ? seconds
            : throw HlsErrors.Malformed($"第 {number} 行的 #EXTINF 时长“{Clip(text)}”不是非负数", $"the #EXTINF duration \"{Clip(text)}\" on line {number} is not a non-negative number");
    }

    private static long Bandwidth(Dictionary<string, string> attributes, int number) =>
        !attributes.TryGetValue("BANDWIDTH", out var text) ? 0
        : long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var bandwidth) ? bandwidth
        : throw HlsErrors.Malformed($"第 {number} 行的 BANDWIDTH“{Clip(text)}”不是整数", $"the BANDWIDTH \"{Clip(text)}\" on line {number} is not an integer");

    private static string Clip(string text) => text.Length > 20 ? text[..20] + "…" : text;
}
