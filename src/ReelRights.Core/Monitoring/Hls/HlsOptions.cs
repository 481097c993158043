namespace ReelRights.Core.Monitoring.Hls;

/// <summary>
/// Limits on HLS sources (configuration section <c>Monitoring:Fetch:Hls</c>). Every playlist and
/// segment is one fetch under the ordinary <see cref="FetchOptions"/> too, and the whole stream,
/// playlists and segments together, must arrive within <see cref="FetchOptions.Timeout"/> like one
/// file. A master playlist may point at media playlists, never at another master (one level).
/// </summary>
public sealed class HlsOptions
{
    /// <summary>Most segments taken from one media playlist; a longer list is refused, not cut short.</summary>
    public int MaxSegments { get; set; } = 2000;

    /// <summary>Most bytes of one stream, initialization section and segments together.</summary>
    public long MaxBytes { get; set; } = 2L << 30;

    /// <summary>Largest playlist read (a 2000-segment playlist is about 150 KB).</summary>
    public int MaxPlaylistBytes { get; set; } = 1 << 20;

    /// <summary>
    /// Variant choice in a master playlist: the highest BANDWIDTH (bits/s) at or below this among
    /// the variants with video, else the lowest. About 720p: frames legible in evidence, decoding
    /// cheap enough for monitoring (matching itself works on a 144-pixel picture).
    /// </summary>
    public long MaxBandwidth { get; set; } = 2_500_000;

    /// <summary>Throws <see cref="ArgumentException"/> when a value cannot work.</summary>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxSegments, 1, nameof(MaxSegments));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(MaxSegments, 100_000, nameof(MaxSegments));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(MaxBytes, 0, nameof(MaxBytes));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxPlaylistBytes, 1024, nameof(MaxPlaylistBytes));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(MaxPlaylistBytes, 64 << 20, nameof(MaxPlaylistBytes));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(MaxBandwidth, 0, nameof(MaxBandwidth));
    }
}
