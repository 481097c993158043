using System.Runtime.Intrinsics;

namespace ReelRights.Fingerprinting.Region;

/// <summary>
/// Accumulates, per pixel, the spatial sharpness |∇²f[t]| (<see cref="Sharpness"/>) and the magnitude of the Laplacian of the frame-to-frame difference:
/// |∇²(f[t] − f[t−1])|. It is high where the picture is both sharp and changing (the real
/// content, at every cut and movement) and near zero on bars, static logos and backgrounds,
/// and low on a blurred-background fill, whose changes are themselves blurred (a box blur
/// attenuates the Laplacian's high frequencies). Same idea as the blur metrics of
/// Pech-Pacheco et al., "Diatom autofocusing in brightfield microscopy", ICPR 2000 (variance of
/// the Laplacian as sharpness), applied to temporal differences.
/// </summary>
/// <remarks>
/// The loops run on 256-bit vectors (16 pixels at a time as 16-bit integers, accumulated as
/// floats); every sum is of small integers, so the result is exactly the scalar one, which the
/// tests pin against a plain implementation.
/// </remarks>
internal sealed class ActivityAccumulator
{
    // One flash or cut must not outweigh a window of ordinary motion.
    private const int MaxContribution = 48;

    private readonly int width;
    private readonly int height;
    private short[] current;
    private short[] previous;
    private readonly short[] difference;
    private bool hasPrevious;

    public ActivityAccumulator(int width, int height)
    {
        this.width = width;
        this.height = height;
        current = new short[width * height];
        previous = new short[width * height];
        difference = new short[width * height];
        Activity = new float[width * height];
        Sharpness = new float[width * height];
        Luma = new float[width * height];
    }

    /// <summary>Accumulated luma, to tell black or white padding from a flat wall or sky.</summary>
    public float[] Luma { get; }

    /// <summary>Accumulated |∇²f|: high on any sharp picture, moving or not; low on bars and blurred fill.</summary>
    public float[] Sharpness { get; }

    /// <summary>The accumulated energy, row-major.</summary>
    public float[] Activity { get; }

    /// <summary>Frames added (after decay, their remaining weight).</summary>
    public float Frames { get; private set; }

    /// <summary>Frames whose difference to the previous one was added.</summary>
    public int Count { get; private set; }

    public void Add(ReadOnlySpan<byte> frame)
    {
        if (frame.Length != current.Length)
        {
            throw new ArgumentException($"A frame must have {current.Length} bytes.", nameof(frame));
        }

        Frames++;
        Widen(frame, current);
        var i = 0;
        for (; i <= current.Length - Vector256<short>.Count; i += Vector256<short>.Count)
        {
            var now = Vector256.Create(current.AsSpan(i));
            (now - Vector256.Create(previous.AsSpan(i))).CopyTo(difference.AsSpan(i));
            AddWidened(now, Luma, i);
        }

        for (; i < current.Length; i++)
        {
            difference[i] = (short)(current[i] - previous[i]);
            Luma[i] += current[i];
        }

        // One pass for both Laplacians (4-neighbour stencil), interior pixels only.
        for (var y = 1; y < height - 1; y++)
        {
            var row = y * width;
            var end = row + width - 1;
            LaplacianRow(current, Sharpness, row + 1, end);
            if (hasPrevious)
            {
                LaplacianRow(difference, Activity, row + 1, end);
            }
        }

        (previous, current) = (current, previous);
        if (hasPrevious)
        {
            Count++;
        }

        hasPrevious = true;
    }

    /// <summary>Scales the accumulated energy (0 clears it) and keeps the last frame.</summary>
    public void Decay(float factor)
    {
        foreach (var values in new[] { Activity, Sharpness, Luma })
        {
            var span = values.AsSpan();
            var i = 0;
            for (; i <= span.Length - Vector256<float>.Count; i += Vector256<float>.Count)
            {
                (Vector256.Create(span[i..]) * factor).CopyTo(span[i..]);
            }

            for (; i < span.Length; i++)
            {
                span[i] *= factor;
            }
        }

        Count = (int)(Count * factor);
        Frames *= factor;
    }

    /// <summary>target[i] += min(|4·v[i] − v[i±1] − v[i±width]|, MaxContribution) for i in [start, end).</summary>
    private void LaplacianRow(short[] values, float[] target, int start, int end)
    {
        var limit = Vector256.Create((short)MaxContribution);
        var i = start;
        for (; i <= end - Vector256<short>.Count; i += Vector256<short>.Count)
        {
            var centre = Vector256.Create(values.AsSpan(i));
            var stencil = (centre << 2) - Vector256.Create(values.AsSpan(i - 1)) - Vector256.Create(values.AsSpan(i + 1))
                - Vector256.Create(values.AsSpan(i - width)) - Vector256.Create(values.AsSpan(i + width));
            AddWidened(Vector256.Min(Vector256.Abs(stencil), limit), target, i);
        }

        for (; i < end; i++)
        {
            var stencil = (4 * values[i]) - values[i - 1] - values[i + 1] - values[i - width] - values[i + width];
            target[i] += Math.Min(Math.Abs(stencil), MaxContribution);
        }
    }

    /// <summary>target[i..i+16] += the 16 values, as floats.</summary>
    private static void AddWidened(Vector256<short> values, float[] target, int i)
    {
        var (low, high) = Vector256.Widen(values);
        var span = target.AsSpan(i);
        (Vector256.Create(span) + Vector256.ConvertToSingle(low)).CopyTo(span);
        (Vector256.Create(span[Vector256<float>.Count..]) + Vector256.ConvertToSingle(high)).CopyTo(span[Vector256<float>.Count..]);
    }

    private static void Widen(ReadOnlySpan<byte> source, short[] target)
    {
        var i = 0;
        for (; i <= source.Length - Vector256<byte>.Count; i += Vector256<byte>.Count)
        {
            var (low, high) = Vector256.Widen(Vector256.Create(source[i..]));
            low.AsInt16().CopyTo(target.AsSpan(i));
            high.AsInt16().CopyTo(target.AsSpan(i + Vector256<short>.Count));
        }

        for (; i < source.Length; i++)
        {
            target[i] = source[i];
        }
    }
}
