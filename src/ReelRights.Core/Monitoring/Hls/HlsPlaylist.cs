namespace ReelRights.Core.Monitoring.Hls;

/// <summary>
/// A parsed HLS playlist (RFC 8216): a master playlist lists <see cref="Variants"/>, a media
/// playlist lists <see cref="Segments"/> in order, after its initialization section if it has one
/// (EXT-X-MAP, fragmented MP4). A playlist is one or the other, never both (§4.1).
/// </summary>
public sealed record HlsPlaylist(IReadOnlyList<HlsVariant> Variants, IReadOnlyList<HlsSegment> Segments, Uri? InitSection, bool Ended)
{
    public bool IsMaster => Variants.Count > 0;

    /// <summary>Seconds listed (the sum of EXTINF durations).</summary>
    public double Duration => Segments.Sum(s => s.Duration);
}
