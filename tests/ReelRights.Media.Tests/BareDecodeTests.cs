using ReelRights.Media.Tests.Support;

namespace ReelRights.Media.Tests;

/// <summary>The bench/ baseline: ffmpeg's bare decode of the whole file.</summary>
public sealed class BareDecodeTests(GeneratedMedia media)
{
    private readonly FfmpegMedia ffmpeg = new();

    [Fact]
    public async Task MeasureBareDecodeAsync_AudioVideoFile_ReturnsElapsedTime()
    {
        // Act
        var elapsed = await ffmpeg.MeasureBareDecodeAsync(media.AudioVideo, TestContext.Current.CancellationToken);

        // Assert
        elapsed.ShouldBeGreaterThan(TimeSpan.Zero);
        elapsed.ShouldBeLessThan(ffmpeg.Options.DecodeTimeout);
    }

    [Fact]
    public async Task MeasureBareDecodeAsync_AudioOnlyFile_NeedsNoVideo()
    {
        // Act
        var elapsed = await ffmpeg.MeasureBareDecodeAsync(media.Sine, TestContext.Current.CancellationToken);

        // Assert
        elapsed.ShouldBeGreaterThan(TimeSpan.Zero);
    }

    [Fact]
    public async Task MeasureBareDecodeAsync_HugeDeclaredDimensions_ThrowsTooLargeDimensions()
    {
        // Act
        var act = () => ffmpeg.MeasureBareDecodeAsync(media.HugeDimensions, TestContext.Current.CancellationToken);

        // Assert
        (await act.ShouldThrowAsync<MediaException>()).Code.ShouldBe(MediaErrorCodes.TooLargeDimensions);
    }
}
