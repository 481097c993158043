namespace ReelRights.Core.Monitoring.Hls;

/// <summary>One media segment: its URI, resolved against the playlist, and its EXTINF duration in seconds.</summary>
public sealed record HlsSegment(Uri Uri, double Duration);
