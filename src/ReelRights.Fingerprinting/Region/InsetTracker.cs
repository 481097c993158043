using System.Numerics;
using System.Runtime.Intrinsics;

namespace ReelRights.Fingerprinting.Region;

/// <summary>
/// Finds a picture-in-picture as the rectangle whose content changes independently of its
/// surroundings. A shot cut changes almost every pixel of the picture it belongs to at once: a
/// cut of the inset changes a full rectangle and nothing around it, a cut of the background
/// changes everything around a rectangle that stays. Per frame, a pixel "jumps" when its change
/// is several times its own average change over the window plus a noise floor (the ratio test
/// of cut detectors: Yeo and Liu, "Rapid scene analysis on compressed video", IEEE TCSVT 5(6),
/// 1995), so a busy background (foliage, crowds, a moving camera) does not jump at every frame;
/// and only where most of its 3 × 3 neighbourhood jumps too (a binary median filter), because a
/// cut changes a whole region at once while flicker in a busy picture hits scattered pixels.
/// The jumping set and the still set of each frame with enough jumps are each fitted with a
/// rectangle (full width at half maximum of its row and column profiles, as the sharp and
/// motion boxes are); a rectangle counts as an event when it is dense inside and sparse around.
/// Two events from different frames that agree on the rectangle confirm it; the confirmed
/// rectangle is kept across windows (a copy's layout does not change when its inset holds a
/// long take) and replaced only by one with more events.
/// <para>
/// Unlike the motion box, this does not need a still backdrop: the background may move as much
/// as it likes, as long as its cuts and the inset's do not coincide.
/// </para>
/// </summary>
internal sealed class InsetTracker
{
    /// <summary>A jump is a change this many times the pixel's mean change over the window…</summary>
    private const int JumpFactor = 3;

    /// <summary>…plus this many gray levels, above coding noise at the analysis size (≈ 25 source pixels averaged).</summary>
    private const int JumpFloor = 8;

    /// <summary>A cut changes most of its picture: an event's rectangle must be at least half jumped (or half still)…</summary>
    private const double MinInsideDensity = 0.5;

    /// <summary>…and its surroundings at most a quarter as dense, or the rectangle is not what changed alone.</summary>
    private const double MaxOutsideRatio = 0.25;

    /// <summary>Two rectangles this similar (intersection over union) are the same inset, within a few pixels per side.</summary>
    private const double SameRectangle = 0.8;

    /// <summary>A guess must be at least this share of each side of the main region (as the other guesses).</summary>
    private const double MinSideFraction = 0.25;

    /// <summary>…and clearly smaller than it (as the other guesses).</summary>
    private const double MaxAreaFraction = 0.8;

    private const int MaxCandidates = 32;

    private readonly List<(PixelRect Rect, int Events)> candidates = [];
    private ushort[] changeSum = [];
    private byte[] threshold = [];
    private byte[] raw = [];
    private bool[] jumped = [];

    /// <summary>The confirmed inset so far, if any.</summary>
    public PixelRect? Current { get; private set; }

    /// <summary>Adds a window of frames (each width × height) and returns the confirmed inset, if any.</summary>
    /// <param name="frames">The window, in order.</param>
    /// <param name="previous">The frame before the window, or null at the start.</param>
    /// <param name="main">The picture without bars; the inset is searched inside it.</param>
    /// <param name="width">Frame width.</param>
    public PixelRect? Update(IReadOnlyList<byte[]> frames, byte[]? previous, PixelRect main, int width)
    {
        var area = main.Width * main.Height;
        if (changeSum.Length != area)
        {
            changeSum = new ushort[area];
            threshold = new byte[area];
            raw = new byte[area];
            jumped = new bool[area];
        }

        var first = previous is null ? 1 : 0;
        var pairs = frames.Count - first;
        if (pairs <= 0 || main.Width < 8 || main.Height < 8)
        {
            return Current;
        }

        // Per pixel, the window's summed change (exact in 16 bits: ≤ 255 × 96 frames)…
        Array.Clear(changeSum);
        for (var t = first; t < frames.Count; t++)
        {
            var before = t == 0 ? previous! : frames[t - 1];
            for (int y = main.Y, i = 0; y < main.Y + main.Height; y++, i += main.Width)
            {
                var start = (y * width) + main.X;
                SumChanges(frames[t].AsSpan(start, main.Width), before.AsSpan(start, main.Width), changeSum.AsSpan(i, main.Width));
            }
        }

        // …and the level a change must exceed to be a jump. The change is an integer, so
        // "change > 3·mean + 8" is "change > ⌊3·mean + 8⌋", and a level of 255 is never exceeded.
        for (var i = 0; i < area; i++)
        {
            var mean = (float)changeSum[i] / pairs;
            threshold[i] = (byte)Math.Min(255f, MathF.Floor((JumpFactor * mean) + JumpFloor));
        }

        // The smallest acceptable event: a quarter of each side, half of it jumped.
        var minJumps = (int)(MinSideFraction * MinSideFraction * MinInsideDensity * area);
        for (var t = first; t < frames.Count; t++)
        {
            var before = t == 0 ? previous! : frames[t - 1];
            var rawCount = 0;
            for (int y = main.Y, i = 0; y < main.Y + main.Height; y++, i += main.Width)
            {
                var start = (y * width) + main.X;
                rawCount += MarkJumps(frames[t].AsSpan(start, main.Width), before.AsSpan(start, main.Width), threshold.AsSpan(i, main.Width), raw.AsSpan(i, main.Width));
            }

            // The filter only fills pinholes, so far too few raw jumps cannot become an event.
            var count = rawCount < minJumps / 2 ? 0 : Majority(main.Width, main.Height);
            if (count < minJumps)
            {
                continue;
            }

            // The inset's own cut (the jumping set), or the background's (the set that stayed).
            foreach (var value in (ReadOnlySpan<bool>)[true, false])
            {
                if (Event(main.Width, main.Height, value) is { } local)
                {
                    Add(new PixelRect(main.X + local.X, main.Y + local.Y, local.Width, local.Height));
                }
            }
        }

        var best = candidates.Count == 0 ? default : candidates.MaxBy(c => c.Events);
        if (best.Events >= 2 && (Current is not { } current || best.Rect != current))
        {
            Current = best.Rect;
        }

        return Current;
    }

    /// <summary>Sets <see cref="jumped"/> where most of the 3 × 3 neighbourhood in <see cref="raw"/> jumped; returns the count.</summary>
    private int Majority(int w, int h)
    {
        var count = 0;
        for (var y = 0; y < h; y++)
        {
            for (var x = 0; x < w; x++)
            {
                int on = 0, all = 0;
                for (var dy = Math.Max(0, y - 1); dy <= Math.Min(h - 1, y + 1); dy++)
                {
                    for (var dx = Math.Max(0, x - 1); dx <= Math.Min(w - 1, x + 1); dx++)
                    {
                        all++;
                        on += raw[(dy * w) + dx];
                    }
                }

                var jump = 2 * on > all;
                jumped[(y * w) + x] = jump;
                count += jump ? 1 : 0;
            }
        }

        return count;
    }

    /// <summary>sums[i] += |a[i] − b[i]|, 32 pixels at a time.</summary>
    private static void SumChanges(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b, Span<ushort> sums)
    {
        var i = 0;
        for (; i <= a.Length - Vector256<byte>.Count; i += Vector256<byte>.Count)
        {
            var x = Vector256.Create(a[i..]);
            var y = Vector256.Create(b[i..]);
            var (low, high) = Vector256.Widen(Vector256.Max(x, y) - Vector256.Min(x, y));
            (Vector256.Create(sums[i..]) + low).CopyTo(sums[i..]);
            (Vector256.Create(sums[(i + Vector256<ushort>.Count)..]) + high).CopyTo(sums[(i + Vector256<ushort>.Count)..]);
        }

        for (; i < a.Length; i++)
        {
            sums[i] += (ushort)Math.Abs(a[i] - b[i]);
        }
    }

    /// <summary>raw[i] = 1 where |a[i] − b[i]| exceeds level[i], else 0; returns how many.</summary>
    private static int MarkJumps(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b, ReadOnlySpan<byte> level, Span<byte> raw)
    {
        var count = 0;
        var i = 0;
        for (; i <= a.Length - Vector256<byte>.Count; i += Vector256<byte>.Count)
        {
            var x = Vector256.Create(a[i..]);
            var y = Vector256.Create(b[i..]);
            var jump = Vector256.GreaterThan(Vector256.Max(x, y) - Vector256.Min(x, y), Vector256.Create(level[i..]));
            (jump & Vector256<byte>.One).CopyTo(raw[i..]);
            count += BitOperations.PopCount(jump.ExtractMostSignificantBits());
        }

        for (; i < a.Length; i++)
        {
            var jump = Math.Abs(a[i] - b[i]) > level[i];
            raw[i] = jump ? (byte)1 : (byte)0;
            count += jump ? 1 : 0;
        }

        return count;
    }

    private void Add(PixelRect rect)
    {
        var i = candidates.FindIndex(c => IntersectionOverUnion(c.Rect, rect) >= SameRectangle);
        if (i >= 0)
        {
            candidates[i] = (candidates[i].Rect, candidates[i].Events + 1);
            return;
        }

        if (candidates.Count == MaxCandidates)
        {
            // Forget the least supported guess (a single moving object, most likely).
            candidates.Remove(candidates.MinBy(c => c.Events));
        }

        candidates.Add((rect, 1));
    }

    /// <summary>The rectangle where <see cref="jumped"/> equals <paramref name="value"/>, if it is dense inside and sparse around.</summary>
    private PixelRect? Event(int w, int h, bool value)
    {
        int x0 = 0, x1 = w, y0 = 0, y1 = h;
        for (var pass = 0; pass < 2; pass++)
        {
            var rows = new float[h];
            for (var y = 0; y < h; y++)
            {
                rows[y] = Density(x0, x1, y, y + 1, w, value);
            }

            if (!TryHalfMaximum(rows, out y0, out y1))
            {
                return null;
            }

            var columns = new float[w];
            for (var x = 0; x < w; x++)
            {
                columns[x] = Density(x, x + 1, y0, y1, w, value);
            }

            if (!TryHalfMaximum(columns, out x0, out x1))
            {
                return null;
            }
        }

        var rect = new PixelRect(x0, y0, x1 - x0, y1 - y0);
        if (rect.Width < MinSideFraction * w || rect.Height < MinSideFraction * h || rect.Area > MaxAreaFraction * w * h)
        {
            return null;
        }

        var inside = Density(x0, x1, y0, y1, w, value);
        var total = Density(0, w, 0, h, w, value) * w * h;
        var outside = (total - (inside * rect.Area)) / ((w * h) - rect.Area);
        return inside >= MinInsideDensity && outside <= MaxOutsideRatio * inside ? rect : null;
    }

    private float Density(int x0, int x1, int y0, int y1, int w, bool value)
    {
        var count = 0;
        for (var y = y0; y < y1; y++)
        {
            foreach (var j in jumped.AsSpan((y * w) + x0, x1 - x0))
            {
                count += j == value ? 1 : 0;
            }
        }

        return (float)count / Math.Max(1, (x1 - x0) * (y1 - y0));
    }

    /// <summary>First and one-past-last index where the profile reaches half its maximum.</summary>
    private static bool TryHalfMaximum(float[] profile, out int start, out int end)
    {
        var max = profile.Max();
        start = Array.FindIndex(profile, v => v >= max / 2);
        end = Array.FindLastIndex(profile, v => v >= max / 2) + 1;
        return max > 0 && end > start;
    }

    private static double IntersectionOverUnion(PixelRect a, PixelRect b)
    {
        var w = Math.Min(a.X + a.Width, b.X + b.Width) - Math.Max(a.X, b.X);
        var h = Math.Min(a.Y + a.Height, b.Y + b.Height) - Math.Max(a.Y, b.Y);
        var intersection = (double)Math.Max(0, w) * Math.Max(0, h);
        return intersection / (a.Area + b.Area - intersection);
    }
}
