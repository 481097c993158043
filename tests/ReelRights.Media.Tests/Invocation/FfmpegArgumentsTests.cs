using ReelRights.Media.Audio;
using ReelRights.Media.Frames;
using ReelRights.Media.Invocation;
using ReelRights.Media.Thumbnails;

namespace ReelRights.Media.Tests.Invocation;

/// <summary>Pins every argument list exactly: a change to what ffmpeg is told must show up in review.</summary>
public sealed class FfmpegArgumentsTests
{
    private const string Input = "file:/media/episode 1.mp4";

    private static readonly MediaOptions Options = new()
    {
        AllowedDemuxers = ["mov", "matroska"],
        MaxAllocationBytes = 1000,
    };

    private static readonly string[] FfmpegPrefix =
    [
        "-nostdin", "-hide_banner", "-nostats", "-v", "error", "-max_alloc", "1000",
        "-protocol_whitelist", "file", "-format_whitelist", "mov,matroska",
    ];

    [Fact]
    public void Probe_DefaultOptions_ListsJsonFormatAndStreams()
    {
        // Act
        var args = FfmpegArguments.Probe(Options, Input);

        // Assert
        args.ShouldBe([
            "-hide_banner", "-v", "error", "-max_alloc", "1000",
            "-protocol_whitelist", "file", "-format_whitelist", "mov,matroska",
            "-i", Input, "-print_format", "json", "-show_format", "-show_streams",
        ]);
    }

    [Fact]
    public void Probe_NoAllocationLimit_OmitsMaxAlloc()
    {
        // Arrange
        var options = Options with { MaxAllocationBytes = null };

        // Act
        var args = FfmpegArguments.Probe(options, Input);

        // Assert
        args.ShouldNotContain("-max_alloc");
    }

    [Fact]
    public void GrayFrames_PadWithRange_SeeksBeforeInputAndPadsInYuvBeforeGray()
    {
        // Arrange
        var request = new GrayFrameRequest(64, 64, new Rational(5, 1)) { StartSeconds = 1.5, DurationSeconds = 10 };

        // Act
        var args = FfmpegArguments.GrayFrames(Options, Input, 0, request);

        // Assert
        args.ShouldBe([
            .. FfmpegPrefix, "-ss", "1.5", "-t", "10", "-i", Input,
            "-map", "0:0",
            "-vf", "fps=5/1,scale=64:64:force_original_aspect_ratio=decrease:flags=area,format=yuv444p,pad=64:64:(ow-iw)/2:(oh-ih)/2:color=black,format=gray",
            "-f", "rawvideo", "-pix_fmt", "gray", "pipe:1",
        ]);
    }

    [Fact]
    public void GrayFrames_StretchWithThreads_SetsDecoderThreadsAndScalesExactly()
    {
        // Arrange
        var options = Options with { DecoderThreads = 2 };
        var request = new GrayFrameRequest(32, 18, new Rational(30000, 1001)) { Fit = FrameFit.Stretch };

        // Act
        var args = FfmpegArguments.GrayFrames(options, Input, 3, request);

        // Assert
        args.ShouldBe([
            "-nostdin", "-hide_banner", "-nostats", "-v", "error", "-max_alloc", "1000", "-threads", "2",
            "-protocol_whitelist", "file", "-format_whitelist", "mov,matroska", "-i", Input,
            "-map", "0:3", "-vf", "fps=30000/1001,scale=32:18:flags=area,format=gray",
            "-f", "rawvideo", "-pix_fmt", "gray", "pipe:1",
        ]);
    }

    [Fact]
    public void GrayFrames_FastDecode_SkipsDeblockingAndUnreferencedFramesAsInputOptions()
    {
        // Arrange
        var request = new GrayFrameRequest(32, 18, new Rational(8, 1)) { Fit = FrameFit.Stretch, FastDecode = true, StartSeconds = 2 };

        // Act
        var args = FfmpegArguments.GrayFrames(Options, Input, 0, request);

        // Assert
        args.ShouldBe([
            .. FfmpegPrefix, "-ss", "2", "-skip_loop_filter", "all", "-skip_frame", "noref", "-i", Input,
            "-map", "0:0", "-vf", "fps=8/1,scale=32:18:flags=area,format=gray",
            "-f", "rawvideo", "-pix_fmt", "gray", "pipe:1",
        ]);
    }

    [Fact]
    public void GrayFramesAndPcm_FastDecode_LimitsShortcutsToVideoAndWritesBoundedPcmFile()
    {
        // Arrange
        var video = new GrayFrameRequest(32, 18, new Rational(8, 1)) { Fit = FrameFit.Stretch, FastDecode = true };
        var audio = new PcmRequest(8000);

        // Act
        var args = FfmpegArguments.GrayFramesAndPcm(Options, Input, 0, video, 1, audio, "/tmp/x.f32", 4096);

        // Assert
        args.ShouldBe([
            .. FfmpegPrefix, "-skip_loop_filter:v", "all", "-skip_frame:v", "noref", "-i", Input,
            "-map", "0:0", "-vf", "fps=8/1,scale=32:18:flags=area,format=gray",
            "-f", "rawvideo", "-pix_fmt", "gray", "pipe:1",
            "-map", "0:1", "-ac", "1", "-ar", "8000", "-fs", "4096", "-f", "f32le", "file:/tmp/x.f32",
        ]);
    }

    [Fact]
    public void Pcm_WithStart_MapsStreamDownmixesAndResamples()
    {
        // Arrange
        var request = new PcmRequest(16000) { StartSeconds = 0.25 };

        // Act
        var args = FfmpegArguments.Pcm(Options, Input, 1, request);

        // Assert
        args.ShouldBe([
            .. FfmpegPrefix, "-ss", "0.25", "-i", Input,
            "-map", "0:1", "-ac", "1", "-ar", "16000", "-f", "f32le", "pipe:1",
        ]);
    }

    [Fact]
    public void Thumbnail_Jpeg_SeeksAndEncodesOneMjpegFrame()
    {
        // Arrange
        var request = new ThumbnailRequest(12.345) { MaxWidth = 320 };

        // Act
        var args = FfmpegArguments.Thumbnail(Options, Input, 0, request);

        // Assert
        args.ShouldBe([
            .. FfmpegPrefix, "-ss", "12.345", "-i", Input,
            "-map", "0:0", "-frames:v", "1", "-vf", "scale=w='min(iw,320)':h=-2",
            "-c:v", "mjpeg", "-q:v", "3", "-f", "image2pipe", "pipe:1",
        ]);
    }

    [Fact]
    public void Thumbnail_Png_UsesPngEncoderWithoutQuality()
    {
        // Arrange
        var request = new ThumbnailRequest(0) { Format = ThumbnailFormat.Png };

        // Act
        var args = FfmpegArguments.Thumbnail(Options, Input, 2, request);

        // Assert
        args.ShouldBe([
            .. FfmpegPrefix, "-ss", "0", "-i", Input,
            "-map", "0:2", "-frames:v", "1", "-vf", "scale=w='min(iw,640)':h=-2",
            "-c:v", "png", "-f", "image2pipe", "pipe:1",
        ]);
    }

    [Fact]
    public void BareDecode_SameThreadSettings_DecodesToNullMuxer()
    {
        // Arrange
        var options = Options with { DecoderThreads = 1 };

        // Act
        var args = FfmpegArguments.BareDecode(options, Input);

        // Assert
        args.ShouldBe([
            "-nostdin", "-hide_banner", "-nostats", "-v", "error", "-max_alloc", "1000", "-threads", "1",
            "-protocol_whitelist", "file", "-format_whitelist", "mov,matroska", "-i", Input,
            "-f", "null", "-",
        ]);
    }

    [Theory]
    [InlineData(0, "0")]
    [InlineData(1.5, "1.5")]
    [InlineData(1e-7, "0")]
    [InlineData(3600.1234567, "3600.123457")]
    public void Seconds_AnyCulture_UsesInvariantDecimalPoint(double seconds, string expected)
    {
        // Arrange
        var previous = System.Globalization.CultureInfo.CurrentCulture;
        System.Globalization.CultureInfo.CurrentCulture = new System.Globalization.CultureInfo("de-DE");

        try
        {
            // Act
            var text = FfmpegArguments.Seconds(seconds);

            // Assert
            text.ShouldBe(expected);
        }
        finally
        {
            System.Globalization.CultureInfo.CurrentCulture = previous;
        }
    }
}
