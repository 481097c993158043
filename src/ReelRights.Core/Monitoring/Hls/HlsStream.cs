namespace ReelRights.Core.Monitoring.Hls;

/// <summary>
/// An HLS source as downloaded: the playlists read (the master, if any, then the media playlist),
/// the variant chosen, and every part fetched in order (the initialization section as number 0),
/// concatenated into one file of <see cref="Length"/> bytes with digest <see cref="Sha256"/>.
/// </summary>
public sealed record HlsStream(IReadOnlyList<HlsPlaylistFetch> Playlists, HlsVariant? Variant, IReadOnlyList<HlsPart> Parts, bool Live,
    string Extension, double Duration, long Length, string Sha256);
