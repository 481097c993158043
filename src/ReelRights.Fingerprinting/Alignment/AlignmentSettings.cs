namespace ReelRights.Fingerprinting.Alignment;

/// <summary>Per-modality alignment tolerances.</summary>
/// <param name="FrameSeconds">Query frame spacing: a segment ends one frame after its last supported frame.</param>
/// <param name="Tolerance">Largest |reference time − line| of a supporting match, seconds.</param>
/// <param name="MaxGap">Query seconds without support that split a segment.</param>
/// <param name="MinSegmentFrames">Fewest supporting frames a segment needs.</param>
/// <param name="MinPeak">Fewest votes a line needs to be examined at all.</param>
/// <param name="DistinctRadius">
/// When set, evidence counts distinct reference descriptors: a supporting vote adds its weight
/// only if its reference descriptor is more than this many bits from every one already counted
/// on the line (see <see cref="HoughAligner"/>). When null, the repetition discount applies.
/// </param>
internal sealed record AlignmentSettings(
    double FrameSeconds, double Tolerance, double MaxGap, int MinSegmentFrames, double MinPeak, int? DistinctRadius)
{
    /// <summary>Video: a picture within the verification radius of one already counted is the same picture.</summary>
    public static AlignmentSettings Video { get; } = new(
        1.0 / AnalysisFormat.VideoFrameRate, 0.45, 3.0, 4, 3.0, Matching.VideoSearcher.MaxDistance);

    public static AlignmentSettings Audio { get; } = new(
        Fingerprinting.Audio.AudioTrack.HopSamples / (double)AnalysisFormat.AudioSampleRate, 0.35, 3.0, 6, 4.0, null);
}
