using System.Numerics;
using ReelRights.Fingerprinting.Region;
using ReelRights.Fingerprinting.Tests.Support;
using ReelRights.Fingerprinting.Video;

namespace ReelRights.Fingerprinting.Tests.Video;

public sealed class FrameHashTests
{
    private static ulong Hash(byte[] pixels, int width, PixelRect rect)
    {
        var coefficients = new float[64];
        CosineProjector.Project(pixels, width, rect, coefficients);
        FrameHash.TryCompute(coefficients, out var bits, out _).ShouldBeTrue();
        return bits;
    }

    [Fact]
    public void TryCompute_MirroredPicture_InvertsExactlyTheOddBits()
    {
        var picture = Synthetic.Picture(144, 256, 1);
        var rect = new PixelRect(0, 0, 144, 256);

        var direct = Hash(picture, 144, rect);
        var mirrored = Hash(Synthetic.Mirror(picture, 144), 144, rect);

        (direct ^ FrameHash.MirrorMask).ShouldBe(mirrored);
        FrameHash.Key(direct).ShouldBe(FrameHash.Key(mirrored));
        FrameHash.Distance(direct, mirrored, out var isMirror).ShouldBe(0);
        isMirror.ShouldBeTrue();
    }

    [Fact]
    public void TryCompute_BrightnessAndContrastChange_KeepsBits()
    {
        var picture = Synthetic.Picture(144, 256, 2);
        var changed = picture.Select(p => (byte)Math.Clamp((p * 0.7) + 40, 0, 255)).ToArray();
        var rect = new PixelRect(0, 0, 144, 256);

        BitOperations.PopCount(Hash(picture, 144, rect) ^ Hash(changed, 144, rect)).ShouldBeLessThanOrEqualTo(2);
    }

    [Fact]
    public void TryCompute_DifferentPictures_AreFarApart()
    {
        var rect = new PixelRect(0, 0, 144, 256);
        var distances = Enumerable.Range(10, 20)
            .Select(seed => FrameHash.Distance(Hash(Synthetic.Picture(144, 256, seed), 144, rect), Hash(Synthetic.Picture(144, 256, seed + 100), 144, rect), out _));

        distances.Average().ShouldBeGreaterThan(VideoSearcherLimit());
    }

    [Fact]
    public void TryCompute_BlackFrame_IsNotDescribed()
    {
        var coefficients = new float[64];
        CosineProjector.Project(new byte[144 * 256], 144, new PixelRect(0, 0, 144, 256), coefficients);

        FrameHash.TryCompute(coefficients, out _, out var weak).ShouldBeFalse();
        weak.ShouldBe(0UL);
    }

    [Fact]
    public void KeyMask_UsesOnlyEvenHorizontalFrequencies()
    {
        (FrameHash.KeyMask & FrameHash.MirrorMask).ShouldBe(0UL);
        BitOperations.PopCount(FrameHash.KeyMask).ShouldBe(22);
    }

    private static int VideoSearcherLimit() => ReelRights.Fingerprinting.Matching.VideoSearcher.MaxDistance;
}
