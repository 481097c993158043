namespace ReelRights.Media.Probing;

/// <summary>A video stream as ffprobe reports it.</summary>
/// <param name="Index">Absolute stream index in the file (what <c>-map 0:N</c> selects).</param>
/// <param name="CodecName">ffmpeg codec name, e.g. "h264"; empty when unknown.</param>
/// <param name="Width">Coded picture width before rotation; 0 when unknown.</param>
/// <param name="Height">Coded picture height before rotation; 0 when unknown.</param>
/// <param name="FrameRate">
/// Average frame rate (ffprobe <c>avg_frame_rate</c>), falling back to <c>r_frame_rate</c> when the
/// average is unknown; null when neither is usable.
/// </param>
/// <param name="PixelFormat">ffmpeg pixel format, e.g. "yuv420p"; empty when unknown.</param>
/// <param name="RotationDegrees">
/// Clockwise rotation a player applies, in [0, 360): from the display matrix side data (whose
/// counter-clockwise angle is negated) or, from ffprobe 4.x and older, the clockwise
/// <c>rotate</c> tag. ffmpeg applies it automatically when decoding.
/// </param>
/// <param name="IsAttachedPicture">True for cover art (disposition <c>attached_pic</c>), which is not a video.</param>
/// <param name="DurationSeconds">Stream duration when the container states one.</param>
/// <param name="Tags">Every stream tag, verbatim (keys are case-sensitive, as the container wrote them).</param>
public sealed record VideoStreamInfo(
    int Index,
    string CodecName,
    int Width,
    int Height,
    Rational? FrameRate,
    string PixelFormat,
    double RotationDegrees,
    bool IsAttachedPicture,
    double? DurationSeconds,
    IReadOnlyDictionary<string, string> Tags)
{
    /// <summary>True when the rotation is a quarter turn, so the displayed picture is Height × Width.</summary>
    /// <remarks>Same one-degree tolerance ffmpeg's autorotate uses (fftools/ffmpeg_filter.c).</remarks>
    public bool IsQuarterTurn =>
        Math.Abs(RotationDegrees - 90) < 1 || Math.Abs(RotationDegrees - 270) < 1;

    /// <summary>Width of the picture as displayed (after rotation).</summary>
    public int DisplayWidth => IsQuarterTurn ? Height : Width;

    /// <summary>Height of the picture as displayed (after rotation).</summary>
    public int DisplayHeight => IsQuarterTurn ? Width : Height;

    /// <summary>Declared pixel count, Width × Height, the value checked against <see cref="MediaOptions.MaxPixels"/>.</summary>
    public long PixelCount => (long)Width * Height;
}
