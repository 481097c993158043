namespace ReelRights.Media.Frames;

/// <summary>What gray frames to decode.</summary>
/// <param name="Width">Analysis width in pixels.</param>
/// <param name="Height">Analysis height in pixels.</param>
/// <param name="FrameRate">Output frames per second; frames are dropped or duplicated to hit it.</param>
public sealed record GrayFrameRequest(int Width, int Height, Rational FrameRate)
{
    /// <summary>How the picture is fitted into Width × Height. Default <see cref="FrameFit.Pad"/>.</summary>
    public FrameFit Fit { get; init; } = FrameFit.Pad;

    /// <summary>Where to start, in seconds from the start of the file; null for the beginning.</summary>
    public double? StartSeconds { get; init; }

    /// <summary>How many seconds to decode; null for everything after the start.</summary>
    public double? DurationSeconds { get; init; }

    internal void Validate(long maxPixels)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(Width, 0, nameof(Width));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(Height, 0, nameof(Height));
        if ((long)Width * Height > Math.Min(maxPixels, Array.MaxLength))
        {
            throw new ArgumentOutOfRangeException(nameof(Width), "Analysis size exceeds MaxPixels.");
        }

        if (!FrameRate.IsValid)
        {
            throw new ArgumentOutOfRangeException(nameof(FrameRate), "Frame rate must be positive.");
        }

        if (!Enum.IsDefined(Fit))
        {
            throw new ArgumentOutOfRangeException(nameof(Fit));
        }

        TimeRange.Validate(StartSeconds, DurationSeconds);
    }
}
