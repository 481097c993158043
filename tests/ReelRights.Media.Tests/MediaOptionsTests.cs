namespace ReelRights.Media.Tests;

public sealed class MediaOptionsTests
{
    public static TheoryData<MediaOptions> BadOptions => new()
    {
        new MediaOptions { FfmpegPath = " " },
        new MediaOptions { ProbeTimeout = TimeSpan.Zero },
        new MediaOptions { DecodeTimeout = TimeSpan.FromDays(2) },
        new MediaOptions { MaxBufferedOutputBytes = 0 },
        new MediaOptions { MaxStreamedOutputBytes = -1 },
        new MediaOptions { MaxPixels = 0 },
        new MediaOptions { DecoderThreads = -1 },
        new MediaOptions { MaxAllocationBytes = 0 },
        new MediaOptions { AllowedDemuxers = [] },
        new MediaOptions { AllowedDemuxers = ["mov,hls"] },
    };

    [Theory]
    [MemberData(nameof(BadOptions))]
    public void Constructor_BadOptions_ThrowsArgumentException(MediaOptions options)
    {
        // Act
        var act = () => new FfmpegMedia(options);

        // Assert
        act.ShouldThrow<ArgumentException>();
    }

    [Fact]
    public void Constructor_NoOptions_UsesDefaultsOnPath()
    {
        // Act
        var media = new FfmpegMedia();

        // Assert
        media.Options.FfmpegPath.ShouldBe("ffmpeg");
        media.Options.FfprobePath.ShouldBe("ffprobe");
        media.Options.AllowedDemuxers.ShouldNotContain("hls");
        media.Options.AllowedDemuxers.ShouldNotContain("concat");
    }
}
