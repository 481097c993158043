namespace ReelRights.Fingerprinting.Matching;

/// <summary>
/// Maps a line's evidence (see <see cref="Alignment.HoughAligner"/>) to a score in [0, 1]:
/// 1 − exp(−(E − E0) / k) above E0, 0 below. E0 is the evidence that unrelated content reaches on
/// its own; the default threshold 0.5 is then passed at E0 + k·ln 2.
/// <list type="bullet">
/// <item>Video evidence counts distinct pictures in order on one alignment. One picture is what
/// any look-alike gives (another episode's shot of the same set, a title card): E0 = 1. Each
/// further picture must also fall at the right time, which chance rarely arranges; k = 2 asks for
/// about three good pictures before the picture alone decides. On two held-out corpora (seeds 7
/// and 11, bench/README.md) and between the indexed references themselves, no wrong-reference
/// line counted more than one picture.</item>
/// <item>Audio evidence counts foreground frames (and background ones corroborating them), with
/// E0 = 6 and k = 8 as set for the earlier count of all frames from the best lines between
/// unrelated clips: the new count is never larger than the old one for the same line, so the
/// bound still holds.</item>
/// </list>
/// </summary>
internal static class ScoreCalibration
{
    public const double DefaultThreshold = 0.5;

    /// <summary>Video evidence at or below this scores 0 (E0).</summary>
    public const double VideoFloor = 1.0;

    /// <summary>Audio evidence at or below this scores 0 (E0).</summary>
    public const double AudioFloor = 6.0;

    public static double Video(double evidence) => Map(evidence, VideoFloor, 2.0);

    public static double Audio(double evidence) => Map(evidence, AudioFloor, 8.0);

    /// <summary>Independent modalities agreeing on one alignment: the chance both are wrong multiplies.</summary>
    public static double Fuse(double video, double audio) => 1 - ((1 - video) * (1 - audio));

    private static double Map(double evidence, double floor, double scale) =>
        evidence <= floor ? 0 : 1 - Math.Exp(-(evidence - floor) / scale);
}
