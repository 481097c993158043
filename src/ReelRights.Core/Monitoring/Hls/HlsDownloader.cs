using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using ReelRights.Ledger.Records;

namespace ReelRights.Core.Monitoring.Hls;

/// <summary>
/// Downloads an HLS stream without letting anything but <see cref="SafeFetcher"/> touch the network:
/// ffmpeg could read the playlist itself, but it would connect wherever the playlist says, past the
/// address policy (SSRF). So the playlist is parsed here, one variant chosen (see
/// <see cref="HlsParser.ChooseVariant"/>), and the initialization section and every segment are
/// fetched one by one through the fetcher, each redirect checked, then concatenated in order:
/// MPEG-TS segments are self-contained and join byte by byte, and an fMP4 stream is its
/// initialization section followed by its fragments (RFC 8216 §3.2–3.3). The result goes through
/// fingerprinting like any downloaded file. A live playlist (no EXT-X-ENDLIST) is taken as listed
/// at that moment; it is not reloaded to wait for more.
/// </summary>
public sealed class HlsDownloader(SafeFetcher fetcher, IOptions<FetchOptions> options)
{
    /// <summary>
    /// Downloads the stream of the playlist already fetched as <paramref name="playlist"/> into
    /// <paramref name="output"/> (created; deleted on failure). Parts are fetched next to it.
    /// <paramref name="log"/> hears every step (for the evidence step log).
    /// </summary>
    /// <exception cref="FetchException">A limit, a malformed or encrypted playlist, or a part that could not be fetched.</exception>
    public async Task<HlsStream> DownloadAsync(FetchResult playlist, string output, Action<string, string>? log, bool withSm3, CancellationToken cancellationToken)
    {
        var fetch = options.Value;
        var hls = fetch.Hls;
        var work = Path.GetDirectoryName(Path.GetFullPath(output))!;
        // The whole stream gets the time one file gets.
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(fetch.Timeout);
        try
        {
            var playlists = new List<HlsPlaylistFetch>();
            var text = await ReadPlaylistAsync(playlist, hls, deadline.Token);
            var parsed = HlsParser.Parse(text, playlist.FinalUrl, hls.MaxSegments);
            playlists.Add(new HlsPlaylistFetch(playlist, text, parsed.IsMaster));
            HlsVariant? variant = null;
            if (parsed.IsMaster)
            {
                variant = HlsParser.ChooseVariant(parsed.Variants, hls.MaxBandwidth);
                log?.Invoke("HLS 主播放列表 / master playlist", Invariant(
                    $"{parsed.Variants.Count} variant(s); chose {variant.Uri} (BANDWIDTH {variant.Bandwidth}, RESOLUTION {variant.Resolution ?? "-"}, CODECS {variant.Codecs ?? "-"}; cap {hls.MaxBandwidth})"));
                var media = await FetchPartAsync(variant.Uri, Path.Combine(work, "media.m3u8"), hls.MaxPlaylistBytes, "HLS 媒体播放列表", "HLS media playlist",
                    () => HlsErrors.PlaylistTooLarge(hls.MaxPlaylistBytes), deadline.Token);
                try
                {
                    text = await ReadPlaylistAsync(media, hls, deadline.Token);
                }
                finally
                {
                    File.Delete(media.Path);
                }
                parsed = HlsParser.Parse(text, media.FinalUrl, hls.MaxSegments);
                if (parsed.IsMaster)
                {
                    throw HlsErrors.Nested();
                }
                playlists.Add(new HlsPlaylistFetch(media, text, false));
            }
            log?.Invoke("HLS 媒体播放列表 / media playlist", Invariant(
                $"{parsed.Segments.Count} segment(s), {parsed.Duration:0.0} s{(parsed.InitSection is null ? "" : ", with an initialization section (fMP4)")}"));
            if (!parsed.Ended)
            {
                log?.Invoke("HLS 直播列表 / live playlist", "没有 EXT-X-ENDLIST：只取当前列出的分片 / no EXT-X-ENDLIST: the segments listed now are taken, later ones are not awaited");
            }
            var parts = await FetchPartsAsync(parsed, output, work, hls, log, withSm3, deadline.Token);
            var extension = parsed.InitSection is not null ? ".mp4" : Sniff(output);
            return new HlsStream(playlists, variant, parts.Parts, !parsed.Ended, extension, parsed.Duration, parts.Length, parts.Sha256);
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            File.Delete(output);
            throw HlsErrors.Timeout(fetch.Timeout);
        }
        catch
        {
            File.Delete(output);
            throw;
        }
    }

    private async Task<(List<HlsPart> Parts, long Length, string Sha256)> FetchPartsAsync(HlsPlaylist playlist, string output, string work, HlsOptions hls,
        Action<string, string>? log, bool withSm3, CancellationToken cancellationToken)
    {
        var wanted = new List<(int Number, Uri Url, double? Duration)>();
        if (playlist.InitSection is { } init)
        {
            wanted.Add((0, init, null));
        }
        wanted.AddRange(playlist.Segments.Select((s, i) => (i + 1, s.Uri, (double?)s.Duration)));
        var parts = new List<HlsPart>();
        long total = 0;
        await using var file = new FileStream(output, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, FileOptions.Asynchronous);
        using var digest = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var (number, url, duration) in wanted)
        {
            var remaining = hls.MaxBytes - total;
            if (remaining <= 0)
            {
                throw HlsErrors.TooLarge(hls.MaxBytes);
            }
            var (zh, en) = number == 0
                ? ("HLS 初始化片段", "HLS initialization section")
                : (Invariant($"HLS 分片 {number}/{playlist.Segments.Count}"), Invariant($"HLS segment {number} of {playlist.Segments.Count}"));
            var path = Path.Combine(work, Invariant($"part-{number}"));
            var fetched = await FetchPartAsync(url, path, remaining, zh, en, () => HlsErrors.TooLarge(hls.MaxBytes), cancellationToken);
            string? sm3 = null;
            try
            {
                await using var part = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, FileOptions.Asynchronous | FileOptions.SequentialScan);
                var buffer = new byte[81920];
                int read;
                while ((read = await part.ReadAsync(buffer, cancellationToken)) > 0)
                {
                    digest.AppendData(buffer, 0, read);
                    await file.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
                }
                if (withSm3)
                {
                    part.Position = 0;
                    sm3 = Convert.ToHexStringLower(await Sm3.HashDataAsync(part, cancellationToken));
                }
            }
            finally
            {
                File.Delete(path);
            }
            total += fetched.Length;
            parts.Add(new HlsPart(number, url, fetched, sm3, duration));
            log?.Invoke(number == 0 ? "HLS 初始化片段 / init section" : Invariant($"HLS 分片 / segment {number}/{playlist.Segments.Count}"), Invariant(
                $"{url}{(fetched.FinalUrl != url ? " → " + fetched.FinalUrl : "")}, HTTP {fetched.Status}, {fetched.Length} bytes, SHA-256 {fetched.Sha256}{(sm3 is null ? "" : ", SM3 " + sm3)}, from {fetched.RemoteAddress}"));
        }
        return (parts, total, Convert.ToHexStringLower(digest.GetHashAndReset()));
    }

    /// <summary>One fetch of the stream: its failure names the part, and hitting <paramref name="limit"/> becomes <paramref name="overLimit"/>.</summary>
    private async Task<FetchResult> FetchPartAsync(Uri url, string path, long limit, string zh, string en, Func<FetchException> overLimit,
        CancellationToken cancellationToken)
    {
        try
        {
            return await fetcher.FetchAsync(url, path, cancellationToken, limit);
        }
        catch (FetchException e) when (e.Code == "too-large" && limit < options.Value.MaxBytes)
        {
            throw overLimit();
        }
        catch (FetchException e)
        {
            throw HlsErrors.InPart(e, zh, en, url);
        }
    }

    private static async Task<string> ReadPlaylistAsync(FetchResult fetched, HlsOptions hls, CancellationToken cancellationToken) =>
        fetched.Length > hls.MaxPlaylistBytes
            ? throw HlsErrors.PlaylistTooLarge(hls.MaxPlaylistBytes)
            // Playlists are UTF-8 (RFC 8216 §4.1); anything else reads as replacement characters and fails to parse.
            : Encoding.UTF8.GetString(await File.ReadAllBytesAsync(fetched.Path, cancellationToken));

    /// <summary>The file name extension of the joined segments: MPEG-TS starts with its sync byte (0x47), packed audio with an ID3 tag.</summary>
    private static string Sniff(string path)
    {
        Span<byte> head = stackalloc byte[3];
        using var file = File.OpenRead(path);
        var read = file.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        return read >= 1 && head[0] == 0x47 ? ".ts"
            : read == 3 && head.SequenceEqual("ID3"u8) ? ".aac"
            : ".bin";
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
