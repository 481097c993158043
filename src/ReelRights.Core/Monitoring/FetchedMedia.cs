using ReelRights.Core.Monitoring.Hls;

namespace ReelRights.Core.Monitoring;

/// <summary>
/// What a monitored URL gave: the first exchange (<see cref="Fetch"/>: the media file itself, or the
/// playlist), and the local file to fingerprint with its length and SHA-256, which for an HLS
/// source (<see cref="Hls"/>) is the stream's segments joined in order.
/// </summary>
public sealed record FetchedMedia(FetchResult Fetch, string Path, long Length, string Sha256, HlsStream? Hls);
