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

    /// <summary>
    /// Decode only what analysis at a fraction of the source rate needs: the decoder skips its
    /// in-loop deblocking filter and the frames no other frame refers to (ffmpeg-codecs(1),
    /// "skip_loop_filter" and "skip_frame" set to <c>all</c> and <c>noref</c>). Each output frame
    /// is then the nearest decoded frame at or before its time (one or two source frames early at
    /// most with common encoder settings), with slight blocking that shrinking to analysis size
    /// averages away. About a third less decoding for H.264; no effect on intra-only codecs. Use
    /// it only when the source rate is well above <see cref="FrameRate"/>. Default false.
    /// </summary>
    public bool FastDecode { get; init; }

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
