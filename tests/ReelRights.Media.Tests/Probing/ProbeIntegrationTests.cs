using System.Text.Json;
using ReelRights.Media.Tests.Support;

namespace ReelRights.Media.Tests.Probing;

/// <summary>ProbeAsync against real ffprobe on media generated for this run.</summary>
public sealed class ProbeIntegrationTests(GeneratedMedia media)
{
    private readonly FfmpegMedia ffmpeg = new();

    [Fact]
    public async Task ProbeAsync_AudioVideoMp4_ReportsStreamsAsGenerated()
    {
        // Act
        var info = await ffmpeg.ProbeAsync(media.AudioVideo, TestContext.Current.CancellationToken);

        // Assert
        info.FormatName.ShouldContain("mp4");
        info.DurationSeconds.ShouldNotBeNull().ShouldBe(2.0, 0.1);
        var video = info.PrimaryVideo.ShouldNotBeNull();
        (video.CodecName, video.Width, video.Height, video.PixelFormat).ShouldBe(("h264", 160, 90, "yuv420p"));
        video.FrameRate.ShouldBe(new Rational(10, 1));
        var audio = info.PrimaryAudio.ShouldNotBeNull();
        (audio.CodecName, audio.SampleRate, audio.Channels).ShouldBe(("aac", 16000, 1));
    }

    [Fact]
    public async Task ProbeAsync_RotateMetadata_ReportsQuarterTurn()
    {
        // Act
        var info = await ffmpeg.ProbeAsync(media.Rotated, TestContext.Current.CancellationToken);

        // Assert
        var video = info.PrimaryVideo.ShouldNotBeNull();
        video.RotationDegrees.ShouldBe(270);
        (video.DisplayWidth, video.DisplayHeight).ShouldBe((90, 160));
    }

    [Fact]
    public async Task ProbeAsync_AigcLabel_KeepsTheContainerTag()
    {
        // Act
        var info = await ffmpeg.ProbeAsync(media.AigcLabelled, TestContext.Current.CancellationToken);

        // Assert
        var label = info.EnumerateTags().Single(t => t.Key == "AIGC");
        label.StreamIndex.ShouldBeNull();
        label.Value.ShouldBe(GeneratedMedia.AigcLabel);
        using var json = JsonDocument.Parse(label.Value);
        json.RootElement.GetProperty("Label").GetString().ShouldBe("1");
    }

    [Fact]
    public async Task ProbeAsync_HugeDeclaredDimensions_ReportsThemWithoutDecoding()
    {
        // Act
        var info = await ffmpeg.ProbeAsync(media.HugeDimensions, TestContext.Current.CancellationToken);

        // Assert
        info.PrimaryVideo.ShouldNotBeNull().PixelCount.ShouldBe(144_000_000);
    }

    [Fact]
    public async Task ProbeAsync_FileNamedLikeAnOption_IsReadAsAFile()
    {
        // Arrange
        var path = media.CopyToNewPath(media.Sine, "-show_entries");

        // Act
        var info = await ffmpeg.ProbeAsync(path, TestContext.Current.CancellationToken);

        // Assert
        info.FormatName.ShouldBe("wav");
    }
}
