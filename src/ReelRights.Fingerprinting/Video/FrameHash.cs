using System.Numerics;
using System.Runtime.Intrinsics.X86;

namespace ReelRights.Fingerprinting.Video;

/// <summary>
/// The 63-bit video descriptor of one region: bit v·8+u is the sign of DCT coefficient (u, v),
/// DC excluded (bit 0 is always 0). Signs survive any change of brightness, contrast or gamma
/// that keeps the order of luma values roughly linear, and low frequencies survive re-encoding,
/// blur and small overlays.
/// <para>
/// Mirror: flipping x maps cos(πu(x+½)/W) to (−1)^u times itself, so a mirrored picture has
/// exactly the odd-u bits inverted (<see cref="MirrorMask"/>). The index key is built from even-u
/// bits only, so one lookup finds both orientations, and verification takes the better of the
/// two Hamming distances.
/// </para>
/// </summary>
internal static class FrameHash
{
    /// <summary>Odd horizontal frequencies: the bits a horizontal mirror inverts.</summary>
    public static readonly ulong MirrorMask = BuildMirrorMask();

    /// <summary>
    /// The 22 even-u, lowest-frequency bits that form the index key (ordered by u + v, then u):
    /// low frequencies are the most stable under crop, scale and blur.
    /// </summary>
    public static readonly ulong KeyMask = BuildKeyMask(22);

    /// <summary>Number of least-reliable bits recorded per descriptor for multi-probe lookup.</summary>
    public const int WeakBitCount = 10;

    /// <summary>
    /// Root-mean-square AC amplitude (gray levels) below which a region is too flat to describe:
    /// black, a fade or a single-colour card.
    /// </summary>
    public const float MinAcAmplitude = 1.2f;

    public static bool TryCompute(ReadOnlySpan<float> coefficients, out ulong bits, out ulong weak)
    {
        bits = 0;
        weak = 0;
        var energy = 0f;
        for (var k = 1; k < 64; k++)
        {
            energy += coefficients[k] * coefficients[k];
            if (coefficients[k] > 0)
            {
                bits |= 1UL << k;
            }
        }

        if (MathF.Sqrt(energy / 63) < MinAcAmplitude)
        {
            bits = 0;
            return false;
        }

        // The weakest bits are the likeliest to flip in a copy (Lv et al., "Multi-Probe LSH",
        // VLDB 2007: probe the buckets whose keys differ in the least confident positions).
        Span<float> magnitude = stackalloc float[64];
        for (var k = 0; k < 64; k++)
        {
            magnitude[k] = k == 0 ? float.MaxValue : Math.Abs(coefficients[k]);
        }

        for (var n = 0; n < WeakBitCount; n++)
        {
            var best = 0;
            for (var k = 1; k < 64; k++)
            {
                if (magnitude[k] < magnitude[best])
                {
                    best = k;
                }
            }

            weak |= 1UL << best;
            magnitude[best] = float.MaxValue;
        }

        return true;
    }

    /// <summary>The index key: the <see cref="KeyMask"/> bits packed into the low bits.</summary>
    public static int Key(ulong bits) => (int)Extract(bits, KeyMask);

    /// <summary>Smaller of the direct and mirrored Hamming distances; <paramref name="mirrored"/> tells which.</summary>
    public static int Distance(ulong query, ulong reference, out bool mirrored)
    {
        var direct = BitOperations.PopCount(query ^ reference);
        var flipped = BitOperations.PopCount(query ^ MirrorMask ^ reference);
        mirrored = flipped < direct;
        return mirrored ? flipped : direct;
    }

    internal static ulong Extract(ulong value, ulong mask)
    {
        if (Bmi2.X64.IsSupported)
        {
            return Bmi2.X64.ParallelBitExtract(value, mask);
        }

        ulong result = 0;
        var outBit = 0;
        for (var m = mask; m != 0; m &= m - 1)
        {
            var bit = BitOperations.TrailingZeroCount(m);
            result |= ((value >> bit) & 1) << outBit++;
        }

        return result;
    }

    private static ulong BuildMirrorMask()
    {
        ulong mask = 0;
        for (var k = 1; k < 64; k++)
        {
            if ((k % 8) % 2 == 1)
            {
                mask |= 1UL << k;
            }
        }

        return mask;
    }

    private static ulong BuildKeyMask(int count)
    {
        var chosen = Enumerable.Range(1, 63)
            .Where(k => k % 8 % 2 == 0)
            .OrderBy(k => (k % 8) + (k / 8)).ThenBy(k => k % 8)
            .Take(count);
        return chosen.Aggregate(0UL, (mask, k) => mask | (1UL << k));
    }
}
