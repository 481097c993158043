using ReelRights.Fingerprinting.Region;

namespace ReelRights.Fingerprinting.Tests.Region;

/// <summary>The vectorized accumulator gives exactly what the plain per-pixel definition gives.</summary>
public sealed class ActivityAccumulatorTests
{
    [Theory]
    [InlineData(144, 256)]
    [InlineData(37, 23)]
    [InlineData(16, 16)]
    public void Add_RandomFramesAndDecay_EqualsThePlainDefinition(int width, int height)
    {
        var random = new Random(width * height);
        var accumulator = new ActivityAccumulator(width, height);
        var plain = new PlainAccumulator(width, height);
        for (var t = 0; t < 12; t++)
        {
            var frame = new byte[width * height];
            random.NextBytes(frame);
            if (t % 3 == 1)
            {
                // Some smooth frames too, so not every stencil is clamped.
                for (var i = 0; i < frame.Length; i++)
                {
                    frame[i] = (byte)(((i % width) + (i / width) + t) & 0xFF);
                }
            }

            accumulator.Add(frame);
            plain.Add(frame);
            if (t == 7)
            {
                accumulator.Decay(0.5f);
                plain.Decay(0.5f);
            }
        }

        accumulator.Luma.ShouldBe(plain.Luma);
        accumulator.Sharpness.ShouldBe(plain.Sharpness);
        accumulator.Activity.ShouldBe(plain.Activity);
        accumulator.Frames.ShouldBe(plain.Frames);
        accumulator.Count.ShouldBe(plain.Count);
    }

    [Fact]
    public void Add_WrongSize_Throws() =>
        Should.Throw<ArgumentException>(() => new ActivityAccumulator(16, 16).Add(new byte[15 * 16]));

    /// <summary>The definition, one pixel at a time.</summary>
    private sealed class PlainAccumulator(int width, int height)
    {
        private byte[]? previous;

        public float[] Luma { get; } = new float[width * height];
        public float[] Sharpness { get; } = new float[width * height];
        public float[] Activity { get; } = new float[width * height];
        public float Frames { get; private set; }
        public int Count { get; private set; }

        public void Add(byte[] frame)
        {
            Frames++;
            var before = previous ?? new byte[frame.Length];
            for (var i = 0; i < frame.Length; i++)
            {
                Luma[i] += frame[i];
            }

            for (var y = 1; y < height - 1; y++)
            {
                for (var x = 1; x < width - 1; x++)
                {
                    var i = (y * width) + x;
                    int D(int j) => frame[j] - before[j];
                    Sharpness[i] += Math.Min(Math.Abs((4 * frame[i]) - frame[i - 1] - frame[i + 1] - frame[i - width] - frame[i + width]), 48);
                    if (previous is not null)
                    {
                        Activity[i] += Math.Min(Math.Abs((4 * D(i)) - D(i - 1) - D(i + 1) - D(i - width) - D(i + width)), 48);
                    }
                }
            }

            Count += previous is null ? 0 : 1;
            previous = frame;
        }

        public void Decay(float factor)
        {
            for (var i = 0; i < Luma.Length; i++)
            {
                Luma[i] *= factor;
                Sharpness[i] *= factor;
                Activity[i] *= factor;
            }

            Count = (int)(Count * factor);
            Frames *= factor;
        }
    }
}
