using ReelRights.Fingerprinting.Region;

namespace ReelRights.Fingerprinting.Tests.Support;

/// <summary>Deterministic frames and signals made in memory, for the stages that need no decoder.</summary>
internal static class Synthetic
{
    /// <summary>Smooth random blobs (a sum of a few low-frequency waves), different per seed.</summary>
    public static byte[] Picture(int width, int height, int seed)
    {
        var random = new Random(seed);
        var waves = Enumerable.Range(0, 6).Select(_ => (fx: random.NextDouble() * 4, fy: random.NextDouble() * 4, phase: random.NextDouble() * 6.28, amp: 20 + (random.NextDouble() * 30))).ToArray();
        var pixels = new byte[width * height];
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                var v = 128.0;
                foreach (var (fx, fy, phase, amp) in waves)
                {
                    v += amp * Math.Sin((2 * Math.PI * ((fx * x / width) + (fy * y / height))) + phase);
                }

                v += random.Next(-12, 13);
                pixels[(y * width) + x] = (byte)Math.Clamp(v, 0, 255);
            }
        }

        return pixels;
    }

    public static byte[] Mirror(byte[] pixels, int width)
    {
        var mirrored = new byte[pixels.Length];
        for (var i = 0; i < pixels.Length; i++)
        {
            var x = i % width;
            mirrored[i] = pixels[i - x + (width - 1 - x)];
        }

        return mirrored;
    }

    /// <summary>Pastes <paramref name="inner"/> (rect-sized) into a frame filled with <paramref name="fill"/>.</summary>
    public static byte[] Compose(byte[] inner, PixelRect rect, int width, int height, byte fill)
    {
        var frame = new byte[width * height];
        Array.Fill(frame, fill);
        for (var y = 0; y < rect.Height; y++)
        {
            Array.Copy(inner, y * rect.Width, frame, ((rect.Y + y) * width) + rect.X, rect.Width);
        }

        return frame;
    }

    /// <summary>A fingerprint of random pictures (a new picture every second) and a tone sweep.</summary>
    public static Fingerprint Fingerprint(int seconds, int seed) => Fingerprint((seconds, seed));

    /// <summary>Parts of (seconds, seed), one after the other: equal seeds make equal content.</summary>
    public static Fingerprint Fingerprint(params (int Seconds, int Seed)[] parts)
    {
        var extractor = new FingerprintExtractor();
        foreach (var (seconds, seed) in parts)
        {
            for (var f = 0; f < seconds * AnalysisFormat.VideoFrameRate; f++)
            {
                extractor.AddVideoFrame(Picture(144, 256, (seed * 1000) + (f / AnalysisFormat.VideoFrameRate)), 144, 256);
            }

            extractor.AddAudio(Tones(seconds, seed));
        }

        return extractor.Complete();
    }

    /// <summary>
    /// A fingerprint whose picture and sound are chosen apart: one picture per second (ids as in
    /// <see cref="Fingerprint(int, int)"/>: seed · 1000 + second) and the given samples.
    /// </summary>
    public static Fingerprint Fingerprint(IEnumerable<int> pictures, float[] sound)
    {
        var extractor = new FingerprintExtractor();
        foreach (var picture in pictures)
        {
            for (var f = 0; f < AnalysisFormat.VideoFrameRate; f++)
            {
                extractor.AddVideoFrame(Picture(144, 256, picture), 144, 256);
            }
        }

        extractor.AddAudio(sound);
        return extractor.Complete();
    }

    /// <summary>A tone that jumps to a random pitch every quarter second, different per seed.</summary>
    public static float[] Tones(int seconds, int seed)
    {
        var random = new Random(seed);
        var samples = new float[seconds * AnalysisFormat.AudioSampleRate];
        var frequency = 300.0;
        for (var i = 0; i < samples.Length; i++)
        {
            if (i % 2000 == 0)
            {
                frequency = 250 + (random.NextDouble() * 1500);
            }

            samples[i] = (float)(0.3 * Math.Sin(2 * Math.PI * frequency * i / AnalysisFormat.AudioSampleRate));
        }

        return samples;
    }
}
