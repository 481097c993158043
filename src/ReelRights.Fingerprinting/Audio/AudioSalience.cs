namespace ReelRights.Fingerprinting.Audio;

/// <summary>
/// Marks the frames of a reference's sound that belong to its foreground: a frame is foreground
/// when its power is within <see cref="ForegroundRangeDb"/> of the loudest frame in the
/// <see cref="ContextSeconds"/> around it, and background otherwise.
/// <para>
/// Why: episodes of a series share their music bed (the theme under the dialogue, from whatever
/// point of the track the editor chose), and any two episodes whose beds overlap match each
/// other in the pauses between lines — a real alignment of a real recording, but of the series'
/// music, not of the episode. Dialogue mixes keep beds well under the voice (WCAG 2.0 success
/// criterion 1.4.7 asks for background sound 20 dB below speech; broadcast mixes duck music under
/// dialogue), and the voice is what is unique to an episode. So a matched frame counts as
/// evidence only where the reference is at foreground level; background frames still help to
/// place a line and its segment ends. Content without dialogue (a music-only scene, a song) is
/// its own foreground: the context's loudest sound is then the music itself. The same idea —
/// fingerprint the salient part of a mix — is behind the spectral-peak landmarks of Wang, "An
/// Industrial-Strength Audio Search Algorithm", ISMIR 2003.
/// </para>
/// </summary>
internal static class AudioSalience
{
    /// <summary>
    /// A tenth of the power of the loudest sound nearby: syllable nuclei of the same speaker stay
    /// within it, a bed mixed 10–20 dB under the voice falls outside.
    /// </summary>
    public const double ForegroundRangeDb = 10;

    /// <summary>
    /// Half-width of the context, seconds: longer than the pause between two lines of dialogue, so
    /// a bed heard alone in a pause is still compared with the voice around it.
    /// </summary>
    public const double ContextSeconds = 5;

    /// <summary>Foreground flag of every frame of <paramref name="track"/>.</summary>
    public static bool[] Foreground(AudioTrack track)
    {
        var n = track.FrameCount;
        var level = new double[n];
        for (var t = 0; t < n; t++)
        {
            // Bands hold 2 · (dB + 120): sum the band powers back into one frame power.
            var power = 0.0;
            foreach (var b in track.Bands.AsSpan(t * AudioTrack.BandCount, AudioTrack.BandCount))
            {
                power += Math.Pow(10, ((b / 2.0) - 120) / 10);
            }

            level[t] = 10 * Math.Log10(power + 1e-13);
        }

        var radius = (int)Math.Round(ContextSeconds * AudioTrack.FrameRate);
        var loudest = SlidingMax(level, radius);
        var foreground = new bool[n];
        for (var t = 0; t < n; t++)
        {
            foreground[t] = level[t] >= loudest[t] - ForegroundRangeDb;
        }

        return foreground;
    }

    /// <summary>Maximum over [t − radius, t + radius] for every t, with a monotonic queue (O(n)).</summary>
    private static double[] SlidingMax(double[] values, int radius)
    {
        var n = values.Length;
        var result = new double[n];
        var queue = new int[n];
        int head = 0, tail = 0, next = 0;
        for (var t = 0; t < n; t++)
        {
            for (; next < n && next <= t + radius; next++)
            {
                while (tail > head && values[queue[tail - 1]] <= values[next])
                {
                    tail--;
                }

                queue[tail++] = next;
            }

            while (queue[head] < t - radius)
            {
                head++;
            }

            result[t] = values[queue[head]];
        }

        return result;
    }
}
