namespace ReelRights.Core.Monitoring.Hls;

/// <summary>A playlist as fetched (exchange recorded, text kept for the evidence bundle).</summary>
public sealed record HlsPlaylistFetch(FetchResult Fetch, string Text, bool IsMaster);
