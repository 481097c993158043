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
internal sealed class ActivityAccumulator
{
    // One flash or cut must not outweigh a window of ordinary motion.
    private const int MaxContribution = 48;

    private readonly int width;
    private readonly int height;
    private readonly short[] difference;
    private byte[]? previous;

    public ActivityAccumulator(int width, int height)
    {
        this.width = width;
        this.height = height;
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
        Frames++;
        var hasPrevious = previous is not null;
        previous ??= new byte[frame.Length];
        var before = previous.AsSpan();
        for (var i = 0; i < frame.Length; i++)
        {
            Luma[i] += frame[i];
            difference[i] = (short)(frame[i] - before[i]);
        }

        // One pass for both Laplacians (4-neighbour stencil), interior pixels only.
        for (var y = 1; y < height - 1; y++)
        {
            var row = y * width;
            for (var x = 1; x < width - 1; x++)
            {
                var i = row + x;
                var sharp = (4 * frame[i]) - frame[i - 1] - frame[i + 1] - frame[i - width] - frame[i + width];
                Sharpness[i] += Math.Min(Math.Abs(sharp), MaxContribution);
                if (hasPrevious)
                {
                    var moving = (4 * difference[i]) - difference[i - 1] - difference[i + 1]
                        - difference[i - width] - difference[i + width];
                    Activity[i] += Math.Min(Math.Abs(moving), MaxContribution);
                }
            }
        }

        frame.CopyTo(before);
        if (hasPrevious)
        {
            Count++;
        }
    }

    /// <summary>Scales the accumulated energy (0 clears it) and keeps the last frame.</summary>
    public void Decay(float factor)
    {
        for (var i = 0; i < Activity.Length; i++)
        {
            Activity[i] *= factor;
            Sharpness[i] *= factor;
            Luma[i] *= factor;
        }

        Count = (int)(Count * factor);
        Frames *= factor;
    }
}
