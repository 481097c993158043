namespace ReelRights.Fingerprinting;

/// <summary>
/// The decode a caller must feed the engine: gray frames at <see cref="VideoFrameRate"/> frames per
/// second at the size <see cref="AnalysisSize"/> gives, and mono float PCM at
/// <see cref="AudioSampleRate"/>. These values are part of fingerprint format version 1: a
/// reference and a query are only comparable when both were decoded this way.
/// </summary>
public static class AnalysisFormat
{
    /// <summary>Analysis frames per second (numerator; the rate is exactly 8/1).</summary>
    public const int VideoFrameRate = 8;

    /// <summary>Mono PCM sample rate in Hz: 8 kHz keeps the 220–3500 Hz bands the audio descriptor reads.</summary>
    public const int AudioSampleRate = 8000;

    /// <summary>
    /// About 144 × 256 pixels (a 9:16 episode) whatever the shape: a 45 % picture-in-picture still
    /// spans about 65 × 115 pixels, far more than the 8 × 8 cosine basis the descriptor projects on.
    /// Decoding this small lets ffmpeg's scaler do the work inside the decode.
    /// </summary>
    public const int AnalysisPixels = 144 * 256;

    /// <summary>
    /// The analysis size for a picture displayed as <paramref name="displayWidth"/> ×
    /// <paramref name="displayHeight"/>: same aspect ratio, about <see cref="AnalysisPixels"/>
    /// pixels, even sides, each side between 16 and 1024.
    /// </summary>
    /// <param name="displayWidth">Displayed width (after rotation), positive.</param>
    /// <param name="displayHeight">Displayed height (after rotation), positive.</param>
    /// <returns>Width and height to ask the decoder for (stretch fit; the ratio is already kept).</returns>
    public static (int Width, int Height) AnalysisSize(int displayWidth, int displayHeight)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(displayWidth, 0);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(displayHeight, 0);
        var aspect = (double)displayWidth / displayHeight;
        var width = Math.Sqrt(AnalysisPixels * aspect);
        var height = width / aspect;
        return (Even(width), Even(height));
    }

    private static int Even(double value) => Math.Clamp((int)Math.Round(value / 2) * 2, 16, 1024);
}
