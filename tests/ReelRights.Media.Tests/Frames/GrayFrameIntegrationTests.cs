using ReelRights.Media.Audio;
using ReelRights.Media.Frames;
using ReelRights.Media.Tests.Support;

namespace ReelRights.Media.Tests.Frames;

/// <summary>ReadGrayFramesAsync against real ffmpeg.</summary>
public sealed class GrayFrameIntegrationTests(GeneratedMedia media)
{
    private readonly FfmpegMedia ffmpeg = new();

    [Fact]
    public async Task ReadGrayFramesAsync_TwoSecondsAtTenFps_YieldsTwentyFramesOfRequestedSize()
    {
        // Arrange
        var request = new GrayFrameRequest(64, 36, new Rational(10, 1)) { Fit = FrameFit.Stretch };

        // Act
        var frames = await ffmpeg.ReadGrayFramesAsync(media.AudioVideo, request, TestContext.Current.CancellationToken).ToListAsync(TestContext.Current.CancellationToken);

        // Assert
        frames.Count.ShouldBe(20);
        frames.ShouldAllBe(f => f.Pixels.Length == 64 * 36 && f.Width == 64 && f.Height == 36);
        frames.Select(f => f.Index).ShouldBe(Enumerable.Range(0, 20).Select(i => (long)i));
        frames[7].TimestampSeconds.ShouldBe(0.7, 1e-9);
        frames.Select(f => f.Pixels).Distinct().Count().ShouldBe(20); // a fresh array per frame
    }

    [Fact]
    public async Task ReadGrayFramesAndPcmAsync_OneRun_SameFramesAndSamplesAsSeparateRunsAndNoFileLeft()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var probed = await ffmpeg.ProbeAsync(media.AudioVideo, ct);
        var video = new GrayFrameRequest(64, 36, new Rational(8, 1)) { Fit = FrameFit.Stretch, FastDecode = true };
        var audio = new PcmRequest(8000) { ChunkSamples = 3000 };
        var before = Directory.GetFiles(Path.GetTempPath(), "reelrights-pcm-*").Length;
        var frames = new List<GrayFrame>();
        var chunks = new List<PcmChunk>();

        // Act
        await ffmpeg.ReadGrayFramesAndPcmAsync(media.AudioVideo, probed, video, audio, f => { frames.Add(f); return ValueTask.CompletedTask; }, chunks.Add, ct);
        var separateFrames = await ffmpeg.ReadGrayFramesAsync(media.AudioVideo, probed, video, ct).ToListAsync(ct);
        var separateChunks = await ffmpeg.ReadPcmAsync(media.AudioVideo, probed, audio, ct).ToListAsync(ct);

        // Assert
        frames.Count.ShouldBe(16);
        frames.Select(f => f.Pixels).ShouldBe(separateFrames.Select(f => f.Pixels));
        chunks.Select(c => c.StartSeconds).ShouldBe(separateChunks.Select(c => c.StartSeconds));
        chunks.SelectMany(c => c.Samples).ShouldBe(separateChunks.SelectMany(c => c.Samples));
        chunks.Sum(c => c.Samples.Length).ShouldBeInRange(15_900, 16_500); // 2 s, plus AAC padding
        Directory.GetFiles(Path.GetTempPath(), "reelrights-pcm-*").Length.ShouldBeLessThanOrEqualTo(before);
    }

    [Fact]
    public async Task ReadGrayFramesAndPcmAsync_DifferentRanges_IsRefusedBeforeDecoding()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var probed = await ffmpeg.ProbeAsync(media.AudioVideo, ct);
        var video = new GrayFrameRequest(64, 36, new Rational(8, 1)) { Fit = FrameFit.Stretch, StartSeconds = 0.5 };

        // Act
        var act = () => ffmpeg.ReadGrayFramesAndPcmAsync(media.AudioVideo, probed, video, new PcmRequest(8000), _ => ValueTask.CompletedTask, _ => { }, ct);

        // Assert
        await act.ShouldThrowAsync<ArgumentException>();
    }

    [Fact]
    public async Task ReadGrayFramesAsync_FastDecodeWithProbe_SameFramesAsFullDecodeWithinCodingNoise()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var probed = await ffmpeg.ProbeAsync(media.AudioVideo, ct);
        var full = new GrayFrameRequest(64, 36, new Rational(8, 1)) { Fit = FrameFit.Stretch };

        // Act
        var reference = await ffmpeg.ReadGrayFramesAsync(media.AudioVideo, full, ct).ToListAsync(ct);
        var fast = await ffmpeg.ReadGrayFramesAsync(media.AudioVideo, probed, full with { FastDecode = true }, ct).ToListAsync(ct);

        // Assert: one frame per analysis tick, each close to the fully decoded one (at most a
        // source frame or two earlier, without deblocking).
        fast.Count.ShouldBe(reference.Count);
        for (var i = 0; i < fast.Count; i++)
        {
            var difference = fast[i].Pixels.Zip(reference[i].Pixels, (a, b) => Math.Abs(a - b)).Average();
            difference.ShouldBeLessThan(16, $"frame {i}");
        }
    }

    [Fact]
    public async Task ReadGrayFramesAsync_LowerRate_DropsFramesToMatch()
    {
        // Arrange
        var request = new GrayFrameRequest(16, 16, new Rational(5, 2));

        // Act
        var frames = await ffmpeg.ReadGrayFramesAsync(media.AudioVideo, request, TestContext.Current.CancellationToken).ToListAsync(TestContext.Current.CancellationToken);

        // Assert
        frames.Count.ShouldBe(5);
        frames[^1].TimestampSeconds.ShouldBe(1.6, 1e-9);
    }

    [Fact]
    public async Task ReadGrayFramesAsync_SolidGrayPadded_ContentIs128AndBarsAreBlack()
    {
        // Arrange: 160x90 into 64x64 keeps 16:9 as 64x36, so rows 0-13 and 50-63 are bars.
        var request = new GrayFrameRequest(64, 64, new Rational(10, 1)) { Fit = FrameFit.Pad };

        // Act
        var frame = await ffmpeg.ReadGrayFramesAsync(media.Gray, request, TestContext.Current.CancellationToken).FirstAsync(TestContext.Current.CancellationToken);

        // Assert
        Row(frame, 0).ShouldAllBe(p => p == 0);
        Row(frame, 13).ShouldAllBe(p => p == 0);
        Row(frame, 32).ShouldAllBe(p => p >= 126 && p <= 130);
        Row(frame, 50).ShouldAllBe(p => p == 0);
        Row(frame, 63).ShouldAllBe(p => p == 0);
    }

    [Fact]
    public async Task ReadGrayFramesAsync_SolidGrayStretched_EveryPixelIs128()
    {
        // Arrange
        var request = new GrayFrameRequest(64, 64, new Rational(10, 1)) { Fit = FrameFit.Stretch };

        // Act
        var frame = await ffmpeg.ReadGrayFramesAsync(media.Gray, request, TestContext.Current.CancellationToken).FirstAsync(TestContext.Current.CancellationToken);

        // Assert
        frame.Pixels.ShouldAllBe(p => p >= 126 && p <= 130);
    }

    [Fact]
    public async Task ReadGrayFramesAsync_StartAndDuration_DecodesOnlyThatRange()
    {
        // Arrange
        var request = new GrayFrameRequest(16, 16, new Rational(10, 1)) { StartSeconds = 0.5, DurationSeconds = 1 };

        // Act
        var frames = await ffmpeg.ReadGrayFramesAsync(media.AudioVideo, request, TestContext.Current.CancellationToken).ToListAsync(TestContext.Current.CancellationToken);

        // Assert
        frames.Count.ShouldBe(10);
        frames[0].TimestampSeconds.ShouldBe(0.5);
        frames[^1].TimestampSeconds.ShouldBe(1.4, 1e-9);
    }

    [Fact]
    public async Task ReadGrayFramesAsync_RotatedSource_IsDecodedUpright()
    {
        // Arrange: the source is 160x90, left half black, with a 90° counter-clockwise display
        // matrix. Upright it is 90x160, fitting the box exactly: white on top, black below. An
        // unrotated decode would instead be letterboxed, with black bars at the top.
        var request = new GrayFrameRequest(90, 160, new Rational(10, 1)) { Fit = FrameFit.Pad };

        // Act
        var frame = await ffmpeg.ReadGrayFramesAsync(media.Rotated, request, TestContext.Current.CancellationToken).FirstAsync(TestContext.Current.CancellationToken);

        // Assert
        Row(frame, 10).ShouldAllBe(p => p >= 250);
        Row(frame, 150).ShouldAllBe(p => p <= 5);
    }

    [Fact]
    public async Task ReadGrayFramesAsync_ConsumerStopsEarly_KillsFfmpeg()
    {
        // Arrange
        var path = media.CopyToNewPath(media.AudioVideo, "stop-early.mp4");
        var request = new GrayFrameRequest(16, 16, new Rational(10, 1));

        // Act
        await foreach (var frame in ffmpeg.ReadGrayFramesAsync(path, request, TestContext.Current.CancellationToken))
        {
            frame.Index.ShouldBe(0);
            break;
        }

        // Assert
        ProcessTable.AliveWithArgumentContaining(path).ShouldBeEmpty();
    }

    [Fact]
    public async Task ReadGrayFramesAsync_AudioOnlyFile_ThrowsNoVideoStream()
    {
        // Arrange
        var request = new GrayFrameRequest(16, 16, new Rational(10, 1));

        // Act
        var act = () => ffmpeg.ReadGrayFramesAsync(media.Sine, request, TestContext.Current.CancellationToken).ToListAsync(TestContext.Current.CancellationToken).AsTask();

        // Assert
        (await act.ShouldThrowAsync<MediaException>()).Code.ShouldBe(MediaErrorCodes.NoVideoStream);
    }

    [Fact]
    public void ReadGrayFramesAsync_ZeroFrameRate_ThrowsBeforeEnumerating()
    {
        // Arrange
        var request = new GrayFrameRequest(16, 16, new Rational(0, 1));

        // Act
        var act = () => ffmpeg.ReadGrayFramesAsync(media.AudioVideo, request);

        // Assert
        act.ShouldThrow<ArgumentOutOfRangeException>();
    }

    private static byte[] Row(GrayFrame frame, int y) => frame.Pixels.AsSpan(y * frame.Width, frame.Width).ToArray();
}
