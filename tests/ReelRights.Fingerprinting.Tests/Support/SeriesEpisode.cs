namespace ReelRights.Fingerprinting.Tests.Support;

/// <summary>
/// Synthetic episodes of one series, made in memory: pictures of their own (a new one every
/// second), "dialogue" of their own (2-second lines of quickly changing tones every 7 seconds, as one line per shot),
/// and under it the series' theme as a quiet bed (two-note chords changing every half second,
/// about 17 dB under the lines), taken from one shared track at an
/// offset of the episode's choosing. Two episodes whose offsets are close share seconds of the
/// very same bed recording, as real episodes of a series do.
/// </summary>
internal static class SeriesEpisode
{
    private const int Rate = AnalysisFormat.AudioSampleRate;
    private const double LineAmplitude = 0.3;
    private const double BedAmplitude = 0.03;

    /// <param name="seconds">Length.</param>
    /// <param name="pictureSeed">Pictures (different seeds, different pictures).</param>
    /// <param name="dialogueSeed">Dialogue lines; 0 for none (the bed alone).</param>
    /// <param name="bedOffsetSeconds">Where in the theme track the bed starts.</param>
    /// <param name="themeSeed">The series' theme track.</param>
    public static Fingerprint Make(int seconds, int pictureSeed, int dialogueSeed, int bedOffsetSeconds, int themeSeed = 77)
    {
        var extractor = new FingerprintExtractor();
        for (var f = 0; f < seconds * AnalysisFormat.VideoFrameRate; f++)
        {
            extractor.AddVideoFrame(Synthetic.Picture(144, 256, (pictureSeed * 1000) + (f / AnalysisFormat.VideoFrameRate)), 144, 256);
        }

        var samples = new float[seconds * Rate];
        for (var i = 0; i < samples.Length; i++)
        {
            var t = (double)i / Rate;
            // The bed depends only on the time in the theme track, so equal track times sound equal.
            var trackTime = t + bedOffsetSeconds;
            var note = (int)(trackTime * 2);
            var value = BedAmplitude * (Math.Sin(2 * Math.PI * Tone(themeSeed, note, 200, 800) * trackTime)
                + Math.Sin(2 * Math.PI * Tone(themeSeed + 1, note, 800, 1600) * trackTime));
            if (dialogueSeed != 0 && t % 7 is >= 1 and < 3)
            {
                value += LineAmplitude * Math.Sin(2 * Math.PI * Tone(dialogueSeed, (int)(t * 10), 300, 2000) * t);
            }

            samples[i] = (float)value;
        }

        extractor.AddAudio(samples);
        return extractor.Complete();
    }

    private static double Tone(int seed, int index, double low, double high) =>
        low + (new Random((seed * 7919) + index).NextDouble() * (high - low));
}
