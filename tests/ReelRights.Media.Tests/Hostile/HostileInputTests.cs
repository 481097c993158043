using System.Diagnostics;
using System.Text;
using ReelRights.Media.Frames;
using ReelRights.Media.Tests.Support;
using ReelRights.Media.Thumbnails;

namespace ReelRights.Media.Tests.Hostile;

/// <summary>
/// Uploaded media is hostile input (DESIGN.md, "Security"): each case must end in a typed
/// MediaException, quickly, with no ffmpeg left running.
/// </summary>
public sealed class HostileInputTests(GeneratedMedia media)
{
    private static readonly GrayFrameRequest SmallFrames = new(16, 16, new Rational(10, 1));

    private readonly FfmpegMedia ffmpeg = new();

    public static TheoryData<string> NotMediaCases => ["zero-length", "text-renamed-mp4", "text-file", "truncated-moov-at-end", "random-bytes"];

    [Theory]
    [MemberData(nameof(NotMediaCases))]
    public async Task ProbeAsync_NotMedia_ThrowsNotMediaWithBilingualMessage(string kind)
    {
        // Arrange
        var path = await MakeHostileFileAsync(kind);

        // Act
        var act = () => ffmpeg.ProbeAsync(path, TestContext.Current.CancellationToken);

        // Assert
        var error = await act.ShouldThrowAsync<MediaException>();
        error.Code.ShouldBe(MediaErrorCodes.NotMedia);
        error.Message.ShouldStartWith("无法识别");
        error.Message.ShouldContain(" / The file is not recognised");
    }

    [Fact]
    public async Task ProbeAsync_TextFile_IsRefusedByTheDemuxerWhitelist()
    {
        // Arrange: without -format_whitelist ffprobe opens text as the "tty" (ANSI art) format.
        var path = await MakeHostileFileAsync("text-file");

        // Act
        var act = () => ffmpeg.ProbeAsync(path, TestContext.Current.CancellationToken);

        // Assert
        (await act.ShouldThrowAsync<MediaException>()).ToolOutput.ShouldNotBeNull().ShouldContain("not on whitelist");
    }

    [Fact]
    public async Task ProbeAsync_TextFileWithTtyAllowed_OpensAsAnsiArt()
    {
        // Arrange: the control for the test above: the same file is "media" once tty is allowed.
        var path = await MakeHostileFileAsync("text-file");
        var permissive = new FfmpegMedia(new MediaOptions { AllowedDemuxers = [.. MediaOptions.DefaultDemuxers, "tty"] });

        // Act
        var info = await permissive.ProbeAsync(path, TestContext.Current.CancellationToken);

        // Assert
        info.FormatName.ShouldBe("tty");
    }

    [Fact]
    public async Task ReadGrayFramesAsync_TruncatedFastStartFile_EndsEarlyWithoutHanging()
    {
        // Arrange: the moov atom is intact, half the samples are missing. ffmpeg decodes what is
        // there and exits 0, so the caller gets fewer frames than the declared 2 s would give.
        var path = media.NewPath("truncated-faststart.mp4");
        var whole = await File.ReadAllBytesAsync(media.FastStart, TestContext.Current.CancellationToken);
        await File.WriteAllBytesAsync(path, whole.AsMemory(0, whole.Length / 2), TestContext.Current.CancellationToken);

        // Act
        var frames = await ffmpeg.ReadGrayFramesAsync(path, SmallFrames, TestContext.Current.CancellationToken).ToListAsync(TestContext.Current.CancellationToken);

        // Assert
        (await ffmpeg.ProbeAsync(path, TestContext.Current.CancellationToken)).DurationSeconds.ShouldNotBeNull().ShouldBe(2.0, 0.1);
        frames.Count.ShouldBeInRange(1, 19);
    }

    [Fact]
    public async Task ReadGrayFramesAsync_HugeDeclaredDimensions_ThrowsBeforeDecoding()
    {
        // Act
        var act = () => ffmpeg.ReadGrayFramesAsync(media.HugeDimensions, SmallFrames, TestContext.Current.CancellationToken).ToListAsync(TestContext.Current.CancellationToken).AsTask();

        // Assert
        var error = await act.ShouldThrowAsync<MediaException>();
        error.Code.ShouldBe(MediaErrorCodes.TooLargeDimensions);
        error.EnglishMessage.ShouldContain("12000x12000");
    }

    [Fact]
    public async Task GetThumbnailAsync_HugeDeclaredDimensions_ThrowsTooLargeDimensions()
    {
        // Act
        var act = () => ffmpeg.GetThumbnailAsync(media.HugeDimensions, new ThumbnailRequest(0), TestContext.Current.CancellationToken);

        // Assert
        (await act.ShouldThrowAsync<MediaException>()).Code.ShouldBe(MediaErrorCodes.TooLargeDimensions);
    }

    [Fact]
    public async Task ReadGrayFramesAsync_PixelLimitBelowSource_ThrowsTooLargeDimensions()
    {
        // Arrange: 160x90 = 14400 pixels.
        var strict = new FfmpegMedia(new MediaOptions { MaxPixels = 14399 });

        // Act
        var act = () => strict.ReadGrayFramesAsync(media.AudioVideo, SmallFrames, TestContext.Current.CancellationToken).ToListAsync(TestContext.Current.CancellationToken).AsTask();

        // Assert
        (await act.ShouldThrowAsync<MediaException>()).Code.ShouldBe(MediaErrorCodes.TooLargeDimensions);
    }

    [Fact]
    public async Task ReadGrayFramesAsync_HeaderPromisesFramesTheFileLacks_ThrowsDecodeFailed()
    {
        // Arrange: with the pixel limit raised, the patched AVI passes the probe check, and
        // ffmpeg then fails on its 256-byte packets ("Packet too small") with a non-zero exit.
        var lenient = new FfmpegMedia(new MediaOptions { MaxPixels = 200_000_000 });

        // Act
        var act = () => lenient.ReadGrayFramesAsync(media.HugeDimensions, SmallFrames, TestContext.Current.CancellationToken).ToListAsync(TestContext.Current.CancellationToken).AsTask();

        // Assert
        var error = await act.ShouldThrowAsync<MediaException>();
        error.Code.ShouldBe(MediaErrorCodes.DecodeFailed);
        error.ToolOutput.ShouldNotBeNull().ShouldContain("Packet too small");
    }

    [Fact]
    public async Task ProbeAsync_NamedPipeThatNeverCloses_TimesOutAndKillsFfprobe()
    {
        // Arrange: the test holds the FIFO's write end open (O_RDWR does not block on Linux) and
        // never writes, so ffprobe blocks in read() forever.
        var fifo = media.NewPath("endless.mp4");
        await FfmpegCli.RunAsync("mkfifo", fifo);
        await using var writer = new FileStream(fifo, FileMode.Open, FileAccess.ReadWrite);
        var impatient = new FfmpegMedia(new MediaOptions { ProbeTimeout = TimeSpan.FromSeconds(1) });
        var stopwatch = Stopwatch.StartNew();

        // Act
        var act = () => impatient.ProbeAsync(fifo, TestContext.Current.CancellationToken);

        // Assert
        var error = await act.ShouldThrowAsync<MediaException>();
        error.Code.ShouldBe(MediaErrorCodes.Timeout);
        stopwatch.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(10));
        ProcessTable.AliveWithArgumentContaining(fifo).ShouldBeEmpty();
    }

    [Fact]
    public async Task ReadGrayFramesAsync_SlowerThanTimeout_TimesOutAndKillsFfmpeg()
    {
        // Arrange: a consumer that takes 300 ms per frame against a 1 s limit; ffmpeg is blocked
        // on a full pipe when the timer fires.
        var path = media.CopyToNewPath(media.AudioVideo, "slow-consumer.mp4");
        var impatient = new FfmpegMedia(new MediaOptions { DecodeTimeout = TimeSpan.FromSeconds(1) });
        var request = new GrayFrameRequest(160, 90, new Rational(10, 1));
        var consumed = 0;

        // Act
        var act = async () =>
        {
            await foreach (var frame in impatient.ReadGrayFramesAsync(path, request, TestContext.Current.CancellationToken))
            {
                consumed++;
                await Task.Delay(300, TestContext.Current.CancellationToken);
            }
        };

        // Assert
        (await act.ShouldThrowAsync<MediaException>()).Code.ShouldBe(MediaErrorCodes.Timeout);
        consumed.ShouldBeLessThan(20);
        ProcessTable.AliveWithArgumentContaining(path).ShouldBeEmpty();
    }

    [Fact]
    public async Task ReadGrayFramesAsync_OutputOverLimit_StopsAfterAllowedFrames()
    {
        // Arrange: room for exactly three 16x16 frames.
        var capped = new FfmpegMedia(new MediaOptions { MaxStreamedOutputBytes = 3 * 16 * 16 });
        var frames = new List<GrayFrame>();

        // Act
        var act = async () =>
        {
            await foreach (var frame in capped.ReadGrayFramesAsync(media.AudioVideo, SmallFrames, TestContext.Current.CancellationToken))
            {
                frames.Add(frame);
            }
        };

        // Assert
        (await act.ShouldThrowAsync<MediaException>()).Code.ShouldBe(MediaErrorCodes.OutputTooLarge);
        frames.Count.ShouldBe(3);
    }

    [Fact]
    public async Task ReadGrayFramesAsync_CallerCancels_ThrowsOperationCanceledAndKillsFfmpeg()
    {
        // Arrange
        var path = media.CopyToNewPath(media.AudioVideo, "cancelled.mp4");
        using var cancellation = new CancellationTokenSource();

        // Act
        var act = async () =>
        {
            await foreach (var frame in ffmpeg.ReadGrayFramesAsync(path, SmallFrames, cancellation.Token))
            {
                await cancellation.CancelAsync();
            }
        };

        // Assert
        await act.ShouldThrowAsync<OperationCanceledException>();
        ProcessTable.AliveWithArgumentContaining(path).ShouldBeEmpty();
    }

    [Fact]
    public async Task ProbeAsync_FfprobeNotInstalled_ThrowsFfmpegMissing()
    {
        // Arrange
        var missing = new FfmpegMedia(new MediaOptions { FfprobePath = "/nonexistent/bin/ffprobe" });

        // Act
        var act = () => missing.ProbeAsync(media.Sine, TestContext.Current.CancellationToken);

        // Assert
        var error = await act.ShouldThrowAsync<MediaException>();
        error.Code.ShouldBe(MediaErrorCodes.FfmpegMissing);
        error.Message.ShouldNotContain("/nonexistent");
    }

    [Theory]
    [InlineData("concat:/etc/hosts|/etc/hosts")]
    [InlineData("http://127.0.0.1:9/a.mp4")]
    public async Task ProbeAsync_ProtocolPath_ThrowsUnsafePathWithoutRunningFfprobe(string path)
    {
        // Arrange: a probe of a missing ffprobe would fail with ffmpeg-missing if it ran.
        var guarded = new FfmpegMedia(new MediaOptions { FfprobePath = "/nonexistent/bin/ffprobe" });

        // Act
        var act = () => guarded.ProbeAsync(path, TestContext.Current.CancellationToken);

        // Assert
        (await act.ShouldThrowAsync<MediaException>()).Code.ShouldBe(MediaErrorCodes.UnsafePath);
    }

    private async Task<string> MakeHostileFileAsync(string kind)
    {
        var token = TestContext.Current.CancellationToken;
        // Plain ASCII: ffmpeg's tty demuxer claims such text (UTF-8 Chinese it does not).
        var text = Encoding.ASCII.GetBytes(string.Concat(Enumerable.Repeat("this is not a video\n", 100)));
        switch (kind)
        {
            case "zero-length":
                var empty = media.NewPath("empty.mp4");
                await File.WriteAllBytesAsync(empty, [], token);
                return empty;
            case "text-renamed-mp4":
                var renamed = media.NewPath("notes.mp4");
                await File.WriteAllBytesAsync(renamed, text, token);
                return renamed;
            case "text-file":
                var plain = media.NewPath("notes.txt");
                await File.WriteAllBytesAsync(plain, text, token);
                return plain;
            case "truncated-moov-at-end":
                // ffmpeg writes the moov atom last unless +faststart, so the first half has none.
                var truncated = media.NewPath("truncated.mp4");
                var whole = await File.ReadAllBytesAsync(media.AudioVideo, token);
                await File.WriteAllBytesAsync(truncated, whole.AsMemory(0, whole.Length / 2), token);
                return truncated;
            case "random-bytes":
                var random = media.NewPath("random.mkv");
                await File.WriteAllBytesAsync(random, new Random(42).GetItems<byte>(Enumerable.Range(0, 256).Select(i => (byte)i).ToArray(), 50_000), token);
                return random;
            default:
                throw new ArgumentOutOfRangeException(nameof(kind));
        }
    }
}
