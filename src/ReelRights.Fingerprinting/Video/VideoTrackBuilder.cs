using ReelRights.Fingerprinting.Region;

namespace ReelRights.Fingerprinting.Video;

/// <summary>
/// Streams analysis frames into a <see cref="VideoTrack"/>. Frames are held for one window
/// (12 s): the active region is detected from the window's activity (plus half of the window
/// before, so a quiet window keeps the previous layout), then every frame of the window is
/// described inside it. Memory stays bounded by one window whatever the file length.
/// </summary>
internal sealed class VideoTrackBuilder
{
    private const int WindowFrames = 12 * AnalysisFormat.VideoFrameRate;

    private readonly int width;
    private readonly int height;
    private readonly IRegionDetector detector;
    private readonly ActivityAccumulator activity;
    private readonly InsetTracker insets = new();
    private readonly List<byte[]> window = [];
    private readonly List<ulong> bits = [];
    private readonly List<ulong> weak = [];
    private readonly List<RegionSpan> regions = [];
    private readonly float[] coefficients = new float[64];
    private int frameCount;
    private byte[]? lastOfPreviousWindow;

    public VideoTrackBuilder(int width, int height, IRegionDetector? detector = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 16);
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 16);
        this.width = width;
        this.height = height;
        this.detector = detector ?? new ActiveRegionDetector();
        activity = new ActivityAccumulator(width, height);
    }

    public void Add(ReadOnlySpan<byte> luma)
    {
        if (luma.Length != width * height)
        {
            throw new ArgumentException($"A frame must have {width * height} bytes.", nameof(luma));
        }

        activity.Add(luma);
        window.Add(luma.ToArray());
        frameCount++;
        if (window.Count == WindowFrames)
        {
            Flush();
        }
    }

    public VideoTrack Build()
    {
        Flush();
        return new VideoTrack(AnalysisFormat.VideoFrameRate, width, height, frameCount, [.. bits], [.. weak], [.. regions]);
    }

    private void Describe(byte[] frame, PixelRect rect)
    {
        CosineProjector.Project(frame, width, rect, coefficients);
        FrameHash.TryCompute(coefficients, out var b, out var w);
        bits.Add(b);
        weak.Add(w);
    }

    private void Flush()
    {
        if (window.Count == 0)
        {
            return;
        }

        var estimate = detector.Detect(activity, width, height);
        var first = frameCount - window.Count;
        if (regions.Count == 0 || regions[^1].Rect != estimate.Main)
        {
            regions.Add(new RegionSpan(first, estimate.Main));
        }

        var crops = VideoTrack.CropFractions.Select(estimate.Main.CenteredCrop).ToList();
        // The inset found from cuts is the better picture-in-picture guess; the motion box only
        // serves while none is confirmed (a still backdrop around a picture without cuts yet).
        var inset = insets.Update(window, lastOfPreviousWindow, estimate.Main, width) ?? estimate.Motion;
        foreach (var frame in window)
        {
            foreach (var crop in crops)
            {
                Describe(frame, crop);
            }

            foreach (var guess in new[] { estimate.Sharp, inset })
            {
                if (guess is { } rect)
                {
                    Describe(frame, rect);
                }
                else
                {
                    bits.Add(0);
                    weak.Add(0);
                }
            }
        }

        lastOfPreviousWindow = window[^1];
        window.Clear();
        activity.Decay(0.5f);
    }
}
