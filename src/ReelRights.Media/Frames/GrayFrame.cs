namespace ReelRights.Media.Frames;

/// <summary>One decoded luma frame.</summary>
/// <param name="Index">Zero-based position in the decoded sequence.</param>
/// <param name="TimestampSeconds">
/// Nominal presentation time in seconds from the start of the file: the requested start plus
/// Index ÷ frame rate. Output is constant-rate (ffmpeg's fps filter), so this is exact to within
/// the filter's rounding of half a frame.
/// </param>
/// <param name="Width">Frame width (the requested analysis width).</param>
/// <param name="Height">Frame height (the requested analysis height).</param>
/// <param name="Pixels">
/// Width × Height bytes, row-major, one full-range luma byte (0 black … 255 white) per pixel. A
/// fresh array for every frame, owned by the caller: the library never reuses or touches it again,
/// so it may be kept or modified freely.
/// </param>
public sealed record GrayFrame(long Index, double TimestampSeconds, int Width, int Height, byte[] Pixels);
