using ReelRights.Fingerprinting.Region;
using ReelRights.Fingerprinting.Tests.Support;

namespace ReelRights.Fingerprinting.Tests.Region;

public sealed class InsetTrackerTests
{
    private const int Width = 144;
    private const int Height = 256;
    private static readonly PixelRect Inset = new(62, 40, 70, 124);
    private static readonly PixelRect Frame = new(0, 0, Width, Height);

    /// <summary>Twelve seconds of frames: the background and the inset each show shots of their own.</summary>
    private static List<byte[]> Window(Func<int, Random, byte[]> background, Func<int, byte[]>? inset)
    {
        var random = new Random(4);
        var frames = new List<byte[]>();
        for (var t = 0; t < 96; t++)
        {
            var frame = background(t, random);
            if (inset?.Invoke(t) is { } inner)
            {
                for (var y = 0; y < Inset.Height; y++)
                {
                    Array.Copy(inner, y * Inset.Width, frame, ((Inset.Y + y) * Width) + Inset.X, Inset.Width);
                }
            }

            frames.Add(frame);
        }

        return frames;
    }

    /// <summary>A shot of a picture with a little noise in every frame, a cut every <paramref name="shotFrames"/>.</summary>
    private static byte[] Shots(int t, int shotFrames, int width, int height, int seed, Random noise)
    {
        var picture = Synthetic.Picture(width, height, seed + (t / shotFrames));
        for (var i = 0; i < picture.Length; i += 7)
        {
            picture[i] = (byte)Math.Clamp(picture[i] + noise.Next(-3, 4), 0, 255);
        }

        return picture;
    }

    private static void ShouldBeTheInset(PixelRect? found)
    {
        var rect = found.ShouldNotBeNull();
        rect.X.ShouldBeInRange(Inset.X - 2, Inset.X + 2);
        rect.Y.ShouldBeInRange(Inset.Y - 2, Inset.Y + 2);
        rect.Width.ShouldBeInRange(Inset.Width - 4, Inset.Width + 4);
        rect.Height.ShouldBeInRange(Inset.Height - 4, Inset.Height + 4);
    }

    [Fact]
    public void Update_InsetCutsOverABusyBackground_FindsTheInset()
    {
        // The background changes everywhere in every frame (foliage, a crowd, noise) and never
        // cuts; the inset holds shots of 1.5 s. The motion box sees only the busy background.
        var frames = Window(
            (_, random) => Enumerable.Range(0, Width * Height).Select(_ => (byte)random.Next(40, 216)).ToArray(),
            t => Shots(t, 12, Inset.Width, Inset.Height, 300, new Random(t)));

        ShouldBeTheInset(new InsetTracker().Update(frames, previous: null, Frame, Width));
    }

    [Fact]
    public void Update_InsetCutsOverAFlickeringBackground_FindsTheInset()
    {
        // A quarter of the background's pixels flip between two levels in every frame (a cellular
        // automaton, glitter): each flip is far above that pixel's mean change, so a quarter of
        // the surroundings "jump" at every cut of the inset unless scattered jumps are ignored.
        var levels = new byte[Width * Height];
        var frames = Window(
            (_, random) =>
            {
                for (var i = 0; i < levels.Length; i++)
                {
                    levels[i] = random.NextDouble() < 0.25 ? (byte)(levels[i] == 40 ? 216 : 40) : levels[i] == 0 ? (byte)40 : levels[i];
                }

                return (byte[])levels.Clone();
            },
            t => Shots(t, 12, Inset.Width, Inset.Height, 300, new Random(t)));

        ShouldBeTheInset(new InsetTracker().Update(frames, previous: null, Frame, Width));
    }

    [Fact]
    public void Update_BackgroundCutsAroundAStillInset_FindsTheInset()
    {
        var still = Synthetic.Picture(Inset.Width, Inset.Height, 77);
        var frames = Window((t, random) => Shots(t, 20, Width, Height, 500, random), _ => (byte[])still.Clone());

        ShouldBeTheInset(new InsetTracker().Update(frames, previous: null, Frame, Width));
    }

    [Fact]
    public void Update_FullFrameShots_FindsNoInset()
    {
        var frames = Window((t, random) => Shots(t, 12, Width, Height, 700, random), inset: null);

        new InsetTracker().Update(frames, previous: null, Frame, Width).ShouldBeNull();
    }

    [Fact]
    public void Update_OneCutOnly_IsNotConfirmedUntilASecondAgrees()
    {
        var tracker = new InsetTracker();
        var still = Enumerable.Repeat((byte)90, Width * Height).ToArray();
        var first = Window((_, _) => (byte[])still.Clone(), t => Shots(t, 60, Inset.Width, Inset.Height, 900, new Random(t)));

        tracker.Update(first, previous: null, Frame, Width).ShouldBeNull();
        var second = Window((_, _) => (byte[])still.Clone(), t => Shots(t + 36, 60, Inset.Width, Inset.Height, 900, new Random(t)));
        ShouldBeTheInset(tracker.Update(second, first[^1], Frame, Width));
    }
}
