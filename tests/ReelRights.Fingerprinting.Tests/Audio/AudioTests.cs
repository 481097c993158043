using ReelRights.Fingerprinting.Audio;

namespace ReelRights.Fingerprinting.Tests.Audio;

public sealed class AudioTests
{
    [Fact]
    public void Transform_Sine_PeaksAtItsBin()
    {
        var fft = new Fft(256);
        var re = Enumerable.Range(0, 256).Select(i => (float)Math.Sin(2 * Math.PI * 10 * i / 256)).ToArray();
        var im = new float[256];

        fft.Transform(re, im);

        var magnitudes = Enumerable.Range(0, 128).Select(k => Math.Sqrt((re[k] * re[k]) + (im[k] * im[k]))).ToList();
        magnitudes.IndexOf(magnitudes.Max()).ShouldBe(10);
    }

    [Fact]
    public void Build_Tone_PutsEnergyInItsSemitoneBand()
    {
        var builder = new AudioTrackBuilder();
        // 440 Hz is A4, twelve semitones above the 220 Hz of band 0.
        builder.Add(Enumerable.Range(0, 8000).Select(i => (float)(0.5 * Math.Sin(2 * Math.PI * 440 * i / 8000))).ToArray());

        var track = builder.Build();

        var frame = track.Bands.AsSpan(5 * AudioTrack.BandCount, AudioTrack.BandCount).ToArray();
        Array.IndexOf(frame, frame.Max()).ShouldBe(12);
    }

    [Fact]
    public void Compute_BandsShiftedByPitchChange_MatchAtThatShift()
    {
        var random = new Random(3);
        const int frames = 200;
        const int shift = 4;
        var reference = new byte[frames * AudioTrack.BandCount];
        var pitched = new byte[frames * AudioTrack.BandCount];
        for (var t = 0; t < frames; t++)
        {
            for (var b = 0; b < AudioTrack.BandCount; b++)
            {
                reference[(t * AudioTrack.BandCount) + b] = (byte)random.Next(120, 220);
            }

            for (var b = 0; b < AudioTrack.BandCount; b++)
            {
                var source = b - shift;
                pitched[(t * AudioTrack.BandCount) + b] = source >= 0 ? reference[(t * AudioTrack.BandCount) + source] : (byte)120;
            }
        }

        var (expected, _) = AudioHash.Compute(new AudioTrack(frames, reference), 0);
        var (atShift, _) = AudioHash.Compute(new AudioTrack(frames, pitched), shift);
        var (unshifted, _) = AudioHash.Compute(new AudioTrack(frames, pitched), 0);

        atShift.ShouldBe(expected);
        expected.Zip(unshifted).Average(p => AudioHash.Distance(p.First, p.Second)).ShouldBeGreaterThan(10);
    }

    [Fact]
    public void Compute_Silence_HasNoDescriptors()
    {
        var builder = new AudioTrackBuilder();
        builder.Add(new float[16000]);

        var (_, weak) = AudioHash.Compute(builder.Build(), 0);

        weak.ShouldAllBe(w => w == 0);
    }

    [Theory]
    [InlineData(0, 1)]
    [InlineData(-4, 1)]
    [InlineData(8, 4)]
    [InlineData(3, 4)]
    public void Compute_MatchesThePlainDefinition(int shift, int step)
    {
        // Loud random bands with silent stretches, so the voiced frames of the ±1 s mean vary.
        var random = new Random(11 + shift);
        const int frames = 300;
        var bands = new byte[frames * AudioTrack.BandCount];
        for (var t = 0; t < frames; t++)
        {
            var silent = t % 70 >= 55;
            for (var b = 0; b < AudioTrack.BandCount; b++)
            {
                bands[(t * AudioTrack.BandCount) + b] = (byte)(silent ? random.Next(0, 90) : random.Next(60, 240));
            }
        }

        var (bits, weak) = AudioHash.Compute(new AudioTrack(frames, bands), shift, step);

        var first = AudioHash.BaseBand + shift;
        bool Voiced(int t) => Enumerable.Range(first, 33).Any(b => bands[(t * AudioTrack.BandCount) + b] >= 100);
        double Difference(int t, int m) => bands[(t * AudioTrack.BandCount) + first + m + 1] - bands[(t * AudioTrack.BandCount) + first + m];
        for (var t = 0; t < frames; t++)
        {
            if (t % step != 0 || !Voiced(t))
            {
                (bits[t], weak[t]).ShouldBe((0u, 0u), $"frame {t}");
                continue;
            }

            var window = Enumerable.Range(t - 16, 33).Where(u => u >= 0 && u < frames && Voiced(u)).ToList();
            var x = Enumerable.Range(0, 32).Select(m => (float)(Difference(t, m) - (window.Sum(u => Difference(u, m)) / window.Count))).ToList();
            var expectedBits = Enumerable.Range(0, 32).Where(m => x[m] > 0).Aggregate(0u, (b, m) => b | (1u << m));
            var expectedWeak = Enumerable.Range(0, 32).OrderBy(m => Math.Abs(x[m])).ThenBy(m => m).Take(AudioHash.WeakBitCount).Aggregate(0u, (b, m) => b | (1u << m));
            (bits[t], weak[t]).ShouldBe((expectedBits, expectedWeak), $"frame {t}");
        }

        bits.Count(b => b != 0).ShouldBeGreaterThan(frames / step / 2);
    }
}
