namespace ReelRights.Core.Monitoring.Hls;

/// <summary>
/// One fetched part of a stream: number 0 is the initialization section (EXT-X-MAP), 1… the
/// segments in playlist order. <see cref="Sm3"/> is computed only when evidence asks for it.
/// </summary>
public sealed record HlsPart(int Number, Uri Url, FetchResult Fetch, string? Sm3, double? Duration);
