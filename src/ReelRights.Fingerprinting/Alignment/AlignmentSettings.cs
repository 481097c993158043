namespace ReelRights.Fingerprinting.Alignment;

/// <summary>Per-modality alignment tolerances.</summary>
/// <param name="FrameSeconds">Query frame spacing: a segment ends one frame after its last supported frame.</param>
/// <param name="Tolerance">Largest |reference time − line| of a supporting match, seconds.</param>
/// <param name="MaxGap">Query seconds without support that split a segment.</param>
/// <param name="MinSegmentFrames">Fewest supporting frames a segment needs.</param>
/// <param name="MinPeak">Fewest votes a line needs to be examined at all.</param>
internal sealed record AlignmentSettings(double FrameSeconds, double Tolerance, double MaxGap, int MinSegmentFrames, double MinPeak)
{
    public static AlignmentSettings Video { get; } = new(1.0 / AnalysisFormat.VideoFrameRate, 0.45, 3.0, 4, 3.0);

    public static AlignmentSettings Audio { get; } = new(Fingerprinting.Audio.AudioTrack.HopSamples / (double)AnalysisFormat.AudioSampleRate, 0.35, 3.0, 6, 4.0);
}
