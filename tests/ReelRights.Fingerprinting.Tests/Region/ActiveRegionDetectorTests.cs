using ReelRights.Fingerprinting.Region;
using ReelRights.Fingerprinting.Tests.Support;

namespace ReelRights.Fingerprinting.Tests.Region;

public sealed class ActiveRegionDetectorTests
{
    private const int Width = 256;
    private const int Height = 144;

    private static RegionEstimate Detect(Func<int, byte[]> frame)
    {
        var statistics = new ActivityAccumulator(Width, Height);
        for (var t = 0; t < 24; t++)
        {
            statistics.Add(frame(t));
        }

        return new ActiveRegionDetector().Detect(statistics, Width, Height);
    }

    [Fact]
    public void Detect_Pillarbox_FindsThePictureBetweenTheBars()
    {
        var picture = new PixelRect(85, 0, 86, 144);

        var estimate = Detect(t => Synthetic.Compose(Synthetic.Picture(picture.Width, picture.Height, t), picture, Width, Height, 0));

        estimate.Main.X.ShouldBeInRange(85, 88);
        estimate.Main.Width.ShouldBeInRange(80, 86);
        estimate.Main.Height.ShouldBe(144);
    }

    [Fact]
    public void Detect_FullFramePicture_KeepsTheWholeFrame()
    {
        var estimate = Detect(t => Synthetic.Picture(Width, Height, t));

        estimate.Main.ShouldBe(new PixelRect(0, 0, Width, Height));
    }

    [Fact]
    public void Detect_FlatWallInsideThePicture_IsNotABar()
    {
        // A mid-gray flat band at the top is a wall or sky, not padding: it must stay.
        var picture = new PixelRect(0, 40, Width, Height - 40);

        var estimate = Detect(t => Synthetic.Compose(Synthetic.Picture(picture.Width, picture.Height, t), picture, Width, Height, 140));

        estimate.Main.ShouldBe(new PixelRect(0, 0, Width, Height));
    }

    [Fact]
    public void Detect_PictureInPictureOverStillBackdrop_GuessesTheMovingBox()
    {
        var backdrop = Synthetic.Picture(Width, Height, 999);
        var inset = new PixelRect(140, 40, 90, 80);

        var estimate = Detect(t =>
        {
            var frame = (byte[])backdrop.Clone();
            var inner = Synthetic.Picture(inset.Width, inset.Height, t);
            for (var y = 0; y < inset.Height; y++)
            {
                Array.Copy(inner, y * inset.Width, frame, ((inset.Y + y) * Width) + inset.X, inset.Width);
            }

            return frame;
        });

        var motion = estimate.Motion.ShouldNotBeNull();
        motion.X.ShouldBeInRange(136, 144);
        motion.Y.ShouldBeInRange(36, 44);
        motion.Width.ShouldBeInRange(84, 96);
        motion.Height.ShouldBeInRange(74, 86);
    }
}
