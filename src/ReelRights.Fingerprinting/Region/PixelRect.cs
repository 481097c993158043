namespace ReelRights.Fingerprinting.Region;

/// <summary>An axis-aligned rectangle in analysis-frame pixels.</summary>
/// <param name="X">Left column.</param>
/// <param name="Y">Top row.</param>
/// <param name="Width">Width in pixels, positive.</param>
/// <param name="Height">Height in pixels, positive.</param>
public readonly record struct PixelRect(int X, int Y, int Width, int Height)
{
    /// <summary>Area in pixels.</summary>
    public int Area => Width * Height;

    /// <summary>
    /// The centred sub-rectangle keeping <paramref name="fraction"/> of each side (a centred crop
    /// to that fraction), at least one pixel each way.
    /// </summary>
    /// <param name="fraction">Share of each side to keep, in (0, 1].</param>
    /// <returns>The crop.</returns>
    public PixelRect CenteredCrop(double fraction)
    {
        var w = Math.Max(1, (int)Math.Round(Width * fraction));
        var h = Math.Max(1, (int)Math.Round(Height * fraction));
        return new PixelRect(X + ((Width - w) / 2), Y + ((Height - h) / 2), w, h);
    }
}
