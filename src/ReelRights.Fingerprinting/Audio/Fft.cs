namespace ReelRights.Fingerprinting.Audio;

/// <summary>
/// In-place iterative radix-2 complex FFT (Cooley and Tukey, "An Algorithm for the Machine
/// Calculation of Complex Fourier Series", Math. Comp. 19, 1965), decimation in time with a
/// bit-reversal permutation first. Only what the power spectrum needs.
/// </summary>
internal sealed class Fft
{
    private readonly int size;
    private readonly float[] cos;
    private readonly float[] sin;
    private readonly int[] reversed;

    public Fft(int size)
    {
        if (size < 2 || (size & (size - 1)) != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(size), "FFT size must be a power of two.");
        }

        this.size = size;
        cos = new float[size / 2];
        sin = new float[size / 2];
        for (var i = 0; i < size / 2; i++)
        {
            cos[i] = (float)Math.Cos(-2 * Math.PI * i / size);
            sin[i] = (float)Math.Sin(-2 * Math.PI * i / size);
        }

        reversed = new int[size];
        var bits = (int)Math.Log2(size);
        for (var i = 0; i < size; i++)
        {
            var r = 0;
            for (var b = 0; b < bits; b++)
            {
                r |= ((i >> b) & 1) << (bits - 1 - b);
            }

            reversed[i] = r;
        }
    }

    public void Transform(Span<float> re, Span<float> im)
    {
        for (var i = 0; i < size; i++)
        {
            var j = reversed[i];
            if (j > i)
            {
                (re[i], re[j]) = (re[j], re[i]);
                (im[i], im[j]) = (im[j], im[i]);
            }
        }

        for (var length = 2; length <= size; length <<= 1)
        {
            var half = length / 2;
            var step = size / length;
            for (var start = 0; start < size; start += length)
            {
                for (var k = 0; k < half; k++)
                {
                    var wr = cos[k * step];
                    var wi = sin[k * step];
                    var a = start + k;
                    var b = a + half;
                    var tr = (re[b] * wr) - (im[b] * wi);
                    var ti = (re[b] * wi) + (im[b] * wr);
                    re[b] = re[a] - tr;
                    im[b] = im[a] - ti;
                    re[a] += tr;
                    im[a] += ti;
                }
            }
        }
    }
}
