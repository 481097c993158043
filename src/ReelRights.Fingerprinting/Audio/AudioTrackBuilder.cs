namespace ReelRights.Fingerprinting.Audio;

/// <summary>
/// Streams mono PCM into an <see cref="AudioTrack"/>: Hann-windowed power spectra every hop,
/// summed into triangular semitone bands (each spanning the neighbouring band centres, so a
/// pitch change of a fraction of a semitone moves energy smoothly between bands), stored as
/// log energies. Constant-Q style banding follows Brown, "Calculation of a constant Q spectral
/// transform", JASA 89(1), 1991.
/// </summary>
internal sealed class AudioTrackBuilder
{
    private const int Size = AudioTrack.WindowSamples;

    private static readonly float[] Window = BuildWindow();
    private static readonly (int First, float[] Weights)[] BandWeights = BuildBands();

    private readonly Fft fft = new(Size);
    private readonly float[] pending = new float[Size];
    private readonly float[] re = new float[Size];
    private readonly float[] im = new float[Size];
    private readonly float[] power = new float[(Size / 2) + 1];
    private readonly List<byte> bands = [];
    private int filled;
    private int frames;

    public void Add(ReadOnlySpan<float> samples)
    {
        while (!samples.IsEmpty)
        {
            var take = Math.Min(samples.Length, Size - filled);
            samples[..take].CopyTo(pending.AsSpan(filled));
            filled += take;
            samples = samples[take..];
            if (filled == Size)
            {
                AnalyseFrame();
                pending.AsSpan(AudioTrack.HopSamples).CopyTo(pending);
                filled = Size - AudioTrack.HopSamples;
            }
        }
    }

    public AudioTrack Build() => new(frames, [.. bands]);

    private void AnalyseFrame()
    {
        for (var i = 0; i < Size; i++)
        {
            re[i] = pending[i] * Window[i];
            im[i] = 0;
        }

        fft.Transform(re, im);
        // Normalized so a full-scale sine peaks near −6 dB.
        const float norm = 4f / ((float)Size * Size);
        for (var k = 0; k < power.Length; k++)
        {
            power[k] = ((re[k] * re[k]) + (im[k] * im[k])) * norm;
        }

        foreach (var (first, weights) in BandWeights)
        {
            var energy = 1e-13f;
            for (var j = 0; j < weights.Length; j++)
            {
                energy += power[first + j] * weights[j];
            }

            var db = 10 * MathF.Log10(energy);
            bands.Add((byte)Math.Clamp(MathF.Round((db + 120) * 2), 0, 255));
        }

        frames++;
    }

    private static float[] BuildWindow()
    {
        var w = new float[Size];
        for (var i = 0; i < Size; i++)
        {
            w[i] = (float)(0.5 - (0.5 * Math.Cos(2 * Math.PI * i / Size)));
        }

        return w;
    }

    private static (int, float[])[] BuildBands()
    {
        var binHz = (double)AnalysisFormat.AudioSampleRate / Size;
        var result = new (int, float[])[AudioTrack.BandCount];
        for (var b = 0; b < AudioTrack.BandCount; b++)
        {
            var centre = AudioTrack.LowestBandHz * Math.Pow(2, b / 12.0);
            var low = centre * Math.Pow(2, -1 / 12.0);
            var high = centre * Math.Pow(2, 1 / 12.0);
            var first = (int)Math.Ceiling(low / binHz);
            var last = Math.Min((int)Math.Floor(high / binHz), Size / 2);
            var weights = new float[Math.Max(1, last - first + 1)];
            for (var k = first; k <= last; k++)
            {
                var f = k * binHz;
                weights[k - first] = (float)(f <= centre ? (f - low) / (centre - low) : (high - f) / (high - centre));
            }

            result[b] = (first, weights);
        }

        return result;
    }
}
