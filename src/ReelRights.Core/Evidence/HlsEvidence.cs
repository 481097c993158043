using ReelRights.Core.Monitoring;
using ReelRights.Core.Monitoring.Hls;

namespace ReelRights.Core.Evidence;

/// <summary>
/// An HLS copy's record in the bundle: each playlist exactly as fetched, and every part's address,
/// exchange and digests (SHA-256 and SM3) in the order they were joined, with the TLS chain of each
/// host that served them (a CDN may serve the segments, not the site).
/// </summary>
internal static class HlsEvidence
{
    public static void Record(EvidenceFolder folder, HlsStream stream, CaptureSession session)
    {
        var playlists = stream.Playlists.Select((p, i) => (Path: $"http/playlists/{i + 1}-{(p.IsMaster ? "master" : "media")}.m3u8", Playlist: p)).ToList();
        foreach (var (path, playlist) in playlists)
        {
            folder.WriteText(path, playlist.Text, playlist.IsMaster
                ? "HLS 主播放列表（原样）/ HLS master playlist as fetched" : "HLS 媒体播放列表（原样）/ HLS media playlist as fetched");
        }
        var chains = new List<string>();
        string? ChainOf(FetchResult fetch)
        {
            if (fetch.TlsCertificates.Count == 0)
            {
                return null;
            }
            var pem = EvidencePem.Chain(fetch.TlsCertificates);
            if (!chains.Contains(pem))
            {
                chains.Add(pem);
            }
            return $"http/tls/chain-{chains.IndexOf(pem) + 1}.pem";
        }
        object Exchange(FetchResult fetch) => new
        {
            url = fetch.RequestedUrl.ToString(),
            redirects = fetch.Redirects.Select(r => r.ToString()).ToList(),
            finalUrl = fetch.FinalUrl.ToString(),
            remoteAddress = fetch.RemoteAddress,
            status = fetch.Status,
            headers = fetch.ResponseHeaders.Select(h => new { name = h.Key, value = h.Value }).ToList(),
            tlsChain = ChainOf(fetch),
            length = fetch.Length,
            sha256 = fetch.Sha256,
        };
        // Built before writing: the chains are collected while the exchanges are described.
        var playlistRecords = playlists.Select(p => new { file = p.Path, master = p.Playlist.IsMaster, exchange = Exchange(p.Playlist.Fetch) }).ToList();
        var partRecords = stream.Parts.Select(p => new
        {
            number = p.Number,
            kind = p.Number == 0 ? "init" : "segment",
            durationSeconds = p.Duration,
            sm3 = p.Sm3,
            exchange = Exchange(p.Fetch),
        }).ToList();
        folder.Write("http/hls.json", new
        {
            live = stream.Live,
            durationSeconds = stream.Duration,
            variant = stream.Variant is { } v ? new { url = v.Uri.ToString(), bandwidth = v.Bandwidth, resolution = v.Resolution, codecs = v.Codecs } : null,
            playlists = playlistRecords,
            joined = new { length = stream.Length, sha256 = stream.Sha256, extension = stream.Extension },
            parts = partRecords,
        }, "HLS 取证记录：播放列表与每个分片的地址、响应头、SHA-256 与 SM3（按拼接顺序）/ HLS record: playlists and every part's URL, headers, SHA-256 and SM3, in joining order");
        for (var i = 0; i < chains.Count; i++)
        {
            folder.WriteText($"http/tls/chain-{i + 1}.pem", chains[i], "HLS 各主机的 TLS 证书链 / TLS certificate chain of an HLS host");
        }
        session.Log("HLS 记录 / HLS record", $"{playlists.Count} playlist(s), {stream.Parts.Count} part(s), {chains.Count} TLS chain(s) → http/hls.json");
    }
}
