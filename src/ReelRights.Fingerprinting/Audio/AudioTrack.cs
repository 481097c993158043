namespace ReelRights.Fingerprinting.Audio;

/// <summary>
/// Audio of one file as semitone-spaced band energies: per frame (every <see cref="HopSamples"/>
/// samples at <see cref="AnalysisFormat.AudioSampleRate"/>), <see cref="BandCount"/> log energies in
/// half-decibel steps. Binary descriptors are derived from them at match time, at whatever band
/// shift a pitch change calls for. Immutable.
/// </summary>
public sealed class AudioTrack
{
    /// <summary>Samples between frames: 64 ms at 8 kHz.</summary>
    public const int HopSamples = 512;

    /// <summary>Analysis window: 256 ms at 8 kHz, fine enough for semitone bands from 220 Hz.</summary>
    public const int WindowSamples = 2048;

    /// <summary>Bands per frame, one semitone apart (220 Hz … 3.7 kHz).</summary>
    public const int BandCount = 50;

    /// <summary>Centre of band 0 in Hz (A3); band k is centred on 220 · 2^(k/12).</summary>
    public const double LowestBandHz = 220;

    internal AudioTrack(int frameCount, byte[] bands)
    {
        if (bands.Length != frameCount * BandCount)
        {
            throw new ArgumentException("Band array does not match the frame count.", nameof(bands));
        }

        FrameCount = frameCount;
        Bands = bands;
    }

    /// <summary>Frames per second: 8000 ÷ 512 = 15.625.</summary>
    public static double FrameRate => (double)AnalysisFormat.AudioSampleRate / HopSamples;

    /// <summary>Number of frames.</summary>
    public int FrameCount { get; }

    /// <summary>Seconds covered.</summary>
    public double DurationSeconds => FrameCount / FrameRate;

    /// <summary>Quantized energies, frame · <see cref="BandCount"/> + band; value = 2 · (dB + 120), clamped to a byte.</summary>
    internal byte[] Bands { get; }

    /// <summary>Time of the centre of frame <paramref name="frame"/> in seconds.</summary>
    internal static double TimeOf(int frame) => ((frame * HopSamples) + (WindowSamples / 2)) / (double)AnalysisFormat.AudioSampleRate;

    /// <summary>The frame whose centre is nearest <paramref name="seconds"/> (the inverse of <see cref="TimeOf"/>; may be outside the track).</summary>
    internal static int FrameNearest(double seconds) => (int)Math.Round(((seconds * AnalysisFormat.AudioSampleRate) - (WindowSamples / 2)) / HopSamples);
}
