namespace ReelRights.Core.Monitoring.Hls;

/// <summary>One EXT-X-STREAM-INF of a master playlist (RFC 8216 §4.3.4.2).</summary>
public sealed record HlsVariant(Uri Uri, long Bandwidth, string? Codecs, string? Resolution)
{
    private static readonly string[] VideoCodecs = ["avc1", "avc3", "hvc1", "hev1", "dvh1", "dvhe", "av01", "vp09", "vp08", "mp4v"];

    /// <summary>
    /// True when RESOLUTION is given or CODECS names a video format, false when CODECS names only
    /// audio formats (an audio-only variant), null when the playlist does not say.
    /// </summary>
    public bool? HasVideo
    {
        get
        {
            if (Resolution is not null)
            {
                return true;
            }
            if (Codecs is null)
            {
                return null;
            }
            var codecs = Codecs.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            return codecs.Length == 0 ? null : codecs.Any(c => VideoCodecs.Any(v => c.StartsWith(v, StringComparison.OrdinalIgnoreCase)));
        }
    }
}
