using System.Buffers.Binary;
using ReelRights.Media.Tests.Support;
using ReelRights.Media.Thumbnails;

namespace ReelRights.Media.Tests.Thumbnails;

/// <summary>GetThumbnailAsync against real ffmpeg.</summary>
public sealed class ThumbnailIntegrationTests(GeneratedMedia media)
{
    private static readonly byte[] JpegMagic = [0xFF, 0xD8, 0xFF];
    private static readonly byte[] PngMagic = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];

    private readonly FfmpegMedia ffmpeg = new();

    [Fact]
    public async Task GetThumbnailAsync_Jpeg_StartsWithJpegMagic()
    {
        // Arrange
        var request = new ThumbnailRequest(1.0);

        // Act
        var image = await ffmpeg.GetThumbnailAsync(media.AudioVideo, request, TestContext.Current.CancellationToken);

        // Assert
        image.AsSpan(0, 3).ToArray().ShouldBe(JpegMagic);
        image.AsSpan(image.Length - 2).ToArray().ShouldBe(new byte[] { 0xFF, 0xD9 });
    }

    [Fact]
    public async Task GetThumbnailAsync_PngNarrowerThanSource_ScalesDownKeepingAspect()
    {
        // Arrange
        var request = new ThumbnailRequest(1.0) { Format = ThumbnailFormat.Png, MaxWidth = 80 };

        // Act
        var image = await ffmpeg.GetThumbnailAsync(media.AudioVideo, request, TestContext.Current.CancellationToken);

        // Assert
        image.AsSpan(0, 8).ToArray().ShouldBe(PngMagic);
        PngSize(image).ShouldBe((80, 46)); // 45 rounded to even by h=-2
    }

    [Fact]
    public async Task GetThumbnailAsync_WiderLimitThanSource_NeverEnlarges()
    {
        // Arrange
        var request = new ThumbnailRequest(0.5) { Format = ThumbnailFormat.Png, MaxWidth = 1000 };

        // Act
        var image = await ffmpeg.GetThumbnailAsync(media.AudioVideo, request, TestContext.Current.CancellationToken);

        // Assert
        PngSize(image).ShouldBe((160, 90));
    }

    [Fact]
    public async Task GetThumbnailAsync_RotatedSource_IsUpright()
    {
        // Arrange
        var request = new ThumbnailRequest(0.2) { Format = ThumbnailFormat.Png };

        // Act
        var image = await ffmpeg.GetThumbnailAsync(media.Rotated, request, TestContext.Current.CancellationToken);

        // Assert
        PngSize(image).ShouldBe((90, 160));
    }

    [Fact]
    public async Task GetThumbnailAsync_PastTheEnd_ThrowsDecodeFailed()
    {
        // Arrange
        var request = new ThumbnailRequest(60);

        // Act
        var act = () => ffmpeg.GetThumbnailAsync(media.AudioVideo, request, TestContext.Current.CancellationToken);

        // Assert
        (await act.ShouldThrowAsync<MediaException>()).Code.ShouldBe(MediaErrorCodes.DecodeFailed);
    }

    /// <summary>Width and height from the IHDR chunk, which PNG requires first (RFC 2083 §4.1.1).</summary>
    private static (int Width, int Height) PngSize(byte[] png) =>
        (BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16)), BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(20)));
}
