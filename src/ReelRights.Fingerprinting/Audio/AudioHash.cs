using System.Buffers;
using System.Numerics;

namespace ReelRights.Fingerprinting.Audio;

/// <summary>
/// 32-bit audio sub-fingerprints in the manner of Haitsma and Kalker, "A Highly Robust Audio
/// Fingerprinting System", ISMIR 2002, §4.2: one bit per pair of adjacent bands, the sign of an
/// energy difference. Two changes make it survive tempo and pitch change:
/// <list type="bullet">
/// <item>the bands are semitones, so a pitch change by a factor p (setpts + asetrate) is a shift
/// of 12·log2(p) bands, searched at query time, instead of a change of
/// every band;</item>
/// <item>instead of the difference to the previous frame (whose meaning changes with tempo), the
/// band-difference is compared with its own mean over ±1 s, a local normalization that also
/// cancels any fixed equalization of the copy (cepstral-mean-style).</item>
/// </list>
/// Frames with less than −70 dBFS in every band are silence and get no descriptor.
/// </summary>
internal static class AudioHash
{
    /// <summary>First band read at shift 0: bands 8…40 (350 Hz … 2.2 kHz) give 32 differences; shifts −8…+9 fit in the 50 bands.</summary>
    public const int BaseBand = 8;

    public const int MinShift = -BaseBand;
    public const int MaxShift = AudioTrack.BandCount - BaseBand - 33;

    /// <summary>
    /// Key bits: the 26 lower differences (350 Hz … 1.6 kHz), where speech and melody carry most
    /// energy. 26 bits keep posting lists short at a thousand indexed hours (≈ 56 M frames over
    /// 67 M keys, under one posting per key), so a lookup costs about what a true match needs;
    /// with 22 bits every probe brought ≈ 13 unrelated frames, nearly all of which passed the
    /// 10 remaining bits (index format version 3).
    /// </summary>
    public const int KeyBits = 26;

    public const uint KeyMask = (1u << KeyBits) - 1;

    public const int WeakBitCount = 6;

    /// <summary>
    /// Set above the 32 descriptor bits of an audio posting when the reference frame is foreground
    /// (<see cref="AudioSalience"/>); index format version 2.
    /// </summary>
    public const ulong ForegroundFlag = 1UL << 32;

    private const int MeanRadius = 16;
    private const byte SilenceLevel = (byte)((-70 + 120) * 2);

    /// <summary>Descriptors of every frame at a band shift; weak == 0 marks silence.</summary>
    public static (uint[] Bits, uint[] Weak) Compute(AudioTrack track, int shift) => Compute(track, shift, 1);

    /// <summary>
    /// Descriptors of every <paramref name="step"/>-th frame (0, step, 2·step …) at a band shift;
    /// the others are left 0 (like silence). The running mean still uses every frame.
    /// </summary>
    public static (uint[] Bits, uint[] Weak) Compute(AudioTrack track, int shift, int step)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(step, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(shift, MinShift);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(shift, MaxShift);
        var n = track.FrameCount;
        var bands = track.Bands;
        var first = BaseBand + shift;
        var bits = new uint[n];
        var weak = new uint[n];

        // Running sums of the band differences over voiced frames, for the ±1 s mean. The
        // differences are integers (energies are bytes), so the sums are exact and the mean is
        // the same whatever the order of summation; ints keep the scratch small and the loop
        // cheap (the matcher computes every query at up to 13 shifts).
        var sums = ArrayPool<int>.Shared.Rent((n + 1) * 32);
        var counts = ArrayPool<int>.Shared.Rent(n + 1);
        try
        {
            Array.Clear(sums, 0, 32);
            counts[0] = 0;
            for (var t = 0; t < n; t++)
            {
                var row = bands.AsSpan((t * AudioTrack.BandCount) + first, 33);
                var voiced = row.ContainsAnyInRange(SilenceLevel, byte.MaxValue);
                counts[t + 1] = counts[t] + (voiced ? 1 : 0);
                var previous = sums.AsSpan(t * 32, 32);
                var next = sums.AsSpan((t + 1) * 32, 32);
                if (!voiced)
                {
                    previous.CopyTo(next);
                    continue;
                }

                for (var m = 0; m < 32; m++)
                {
                    next[m] = previous[m] + row[m + 1] - row[m];
                }
            }

            Span<float> margin = stackalloc float[32];
            for (var t = 0; t < n; t += step)
            {
                if (counts[t + 1] == counts[t])
                {
                    continue;
                }

                var row = bands.AsSpan((t * AudioTrack.BandCount) + first, 33);
                var lo = Math.Max(0, t - MeanRadius);
                var hi = Math.Min(n, t + MeanRadius + 1);
                var count = counts[hi] - counts[lo];
                uint b = 0;
                for (var m = 0; m < 32; m++)
                {
                    var mean = (double)(sums[(hi * 32) + m] - sums[(lo * 32) + m]) / count;
                    var x = (float)(row[m + 1] - row[m] - mean);
                    margin[m] = Math.Abs(x);
                    if (x > 0)
                    {
                        b |= 1u << m;
                    }
                }

                bits[t] = b;
                weak[t] = WeakBits(margin);
            }
        }
        finally
        {
            ArrayPool<int>.Shared.Return(sums);
            ArrayPool<int>.Shared.Return(counts);
        }

        return (bits, weak);
    }

    public static int Key(uint bits) => (int)(bits & KeyMask);

    public static int Distance(uint a, uint b) => BitOperations.PopCount(a ^ b);

    private static uint WeakBits(Span<float> margin)
    {
        uint weak = 0;
        for (var n = 0; n < WeakBitCount; n++)
        {
            var best = 0;
            for (var m = 1; m < 32; m++)
            {
                if (margin[m] < margin[best])
                {
                    best = m;
                }
            }

            weak |= 1u << best;
            margin[best] = float.MaxValue;
        }

        return weak;
    }
}
