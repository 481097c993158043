namespace ReelRights.Fingerprinting.Video;

/// <summary>
/// Video descriptors of one file: for every analysis frame (at <see cref="FrameRate"/> per
/// second), for every crop of <see cref="CropFractions"/> and for the moving box, a 63-bit sign
/// descriptor and the mask of its least reliable bits. Immutable.
/// </summary>
public sealed class VideoTrack
{
    /// <summary>
    /// Centred crops of the active region described per frame: references are indexed densely
    /// at all three, so a copy cropped anywhere from 100 % down to about 75 % is within ~6 % of
    /// one of them in scale (DESIGN.md: "index references densely and query sparsely").
    /// </summary>
    public static IReadOnlyList<double> CropFractions { get; } = [1.0, 0.9, 0.8];

    internal VideoTrack(int frameRate, int analysisWidth, int analysisHeight, int frameCount,
        ulong[] bits, ulong[] weak, IReadOnlyList<RegionSpan> regions)
    {
        if (bits.Length != frameCount * SlotCount || weak.Length != bits.Length)
        {
            throw new ArgumentException("Descriptor arrays do not match the frame count.", nameof(bits));
        }

        FrameRate = frameRate;
        AnalysisWidth = analysisWidth;
        AnalysisHeight = analysisHeight;
        FrameCount = frameCount;
        Bits = bits;
        Weak = weak;
        Regions = regions;
    }

    /// <summary>Descriptors per frame: the three crops, then the sharp box and the inset.</summary>
    internal const int SlotCount = 5;

    /// <summary>
    /// Slots of the region guesses (sharp box of <see cref="Region.RegionEstimate"/>: blurred fill
    /// removed; inset: a picture-in-picture, from <see cref="Region.InsetTracker"/>, else the
    /// motion box); empty when there is no guess clearly smaller than the frame. Queried, never
    /// indexed, so a wrong guess costs one lookup pass and cannot hide a reference.
    /// </summary>
    internal static readonly int[] QuerySlots = [0, 3, 4];

    /// <summary>Analysis frames per second.</summary>
    public int FrameRate { get; }

    /// <summary>Width of the analysed frames.</summary>
    public int AnalysisWidth { get; }

    /// <summary>Height of the analysed frames.</summary>
    public int AnalysisHeight { get; }

    /// <summary>Number of analysis frames.</summary>
    public int FrameCount { get; }

    /// <summary>Seconds covered: <see cref="FrameCount"/> ÷ <see cref="FrameRate"/>.</summary>
    public double DurationSeconds => (double)FrameCount / FrameRate;

    /// <summary>The picture found over time (letterbox and blurred fill removed).</summary>
    public IReadOnlyList<RegionSpan> Regions { get; }

    /// <summary>Frames whose full-region descriptor is usable (not black, flat or a fade).</summary>
    public int DescribedFrameCount => Enumerable.Range(0, FrameCount).Count(f => IsValid(f, 0));

    /// <summary>Descriptor bits, index frame · SlotCount + slot.</summary>
    internal ulong[] Bits { get; }

    /// <summary>Least reliable bits of each descriptor; 0 marks a frame too flat to describe.</summary>
    internal ulong[] Weak { get; }

    internal bool IsValid(int frame, int crop) => Weak[(frame * SlotCount) + crop] != 0;
}
