using ReelRights.Fingerprinting.Region;

namespace ReelRights.Fingerprinting.Video;

/// <summary>The picture region used from <paramref name="FirstFrame"/> until the next span starts.</summary>
/// <param name="FirstFrame">Index of the first analysis frame the region applies to.</param>
/// <param name="Rect">The active picture in analysis pixels.</param>
public readonly record struct RegionSpan(int FirstFrame, PixelRect Rect);
