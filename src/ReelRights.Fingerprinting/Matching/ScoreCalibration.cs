namespace ReelRights.Fingerprinting.Matching;

/// <summary>
/// Maps a line's evidence (weighted, repetition-discounted supporting frames; see
/// <see cref="Alignment.HoughAligner"/>) to a score in [0, 1]: 1 − exp(−(E − E0) / k) above E0,
/// 0 below. E0 and k were set from the evidence of the best line between unrelated clips (real
/// footage, generated sources and other episodes of the same look; DESIGN.md beside the code), so
/// that the largest such value maps well under the default threshold of 0.5, not from positives.
/// </summary>
internal static class ScoreCalibration
{
    public const double DefaultThreshold = 0.5;

    public static double Video(double evidence) => Map(evidence, 5.0, 6.0);

    public static double Audio(double evidence) => Map(evidence, 6.0, 8.0);

    /// <summary>Independent modalities agreeing on one alignment: the chance both are wrong multiplies.</summary>
    public static double Fuse(double video, double audio) => 1 - ((1 - video) * (1 - audio));

    private static double Map(double evidence, double floor, double scale) =>
        evidence <= floor ? 0 : 1 - Math.Exp(-(evidence - floor) / scale);
}
