using ReelRights.Core.Monitoring.Hls;

namespace ReelRights.Core.Monitoring;

/// <summary>
/// Fetches what a monitored URL points at, for scanning and for evidence capture alike: a media
/// file is kept as it came; an HLS playlist (by Content-Type or its #EXTM3U first line) is followed
/// to its stream by <see cref="HlsDownloader"/>. Either way every byte came through <see cref="SafeFetcher"/>.
/// </summary>
public sealed class MediaSourceFetcher(SafeFetcher fetcher, HlsDownloader hls)
{
    /// <summary>Fetches <paramref name="url"/> into <paramref name="directory"/> (the caller's, and the caller deletes it).</summary>
    /// <exception cref="FetchException">The source, a playlist or a segment failed, or a limit was reached.</exception>
    public async Task<FetchedMedia> FetchAsync(Uri url, string directory, CancellationToken cancellationToken, Action<string, string>? log = null, bool withSm3 = false)
    {
        var first = await fetcher.FetchAsync(url, Path.Combine(directory, "source"), cancellationToken);
        if (!HlsParser.IsPlaylist(first.ContentType, await HeadAsync(first.Path, cancellationToken)))
        {
            return new FetchedMedia(first, first.Path, first.Length, first.Sha256, null);
        }
        log?.Invoke("HLS 播放列表 / HLS playlist", $"{first.FinalUrl} ({first.ContentType}, {first.Length} bytes, SHA-256 {first.Sha256})");
        try
        {
            var stream = await hls.DownloadAsync(first, Path.Combine(directory, "stream"), log, withSm3, cancellationToken);
            return new FetchedMedia(first, Path.Combine(directory, "stream"), stream.Length, stream.Sha256, stream);
        }
        finally
        {
            File.Delete(first.Path); // Its text is kept in the stream's playlists.
        }
    }

    private static async Task<byte[]> HeadAsync(string path, CancellationToken cancellationToken)
    {
        var head = new byte[64];
        await using var file = File.OpenRead(path);
        var read = await file.ReadAtLeastAsync(head, head.Length, throwOnEndOfStream: false, cancellationToken);
        return head[..read];
    }
}
