using System.Diagnostics;
using ReelRights.Media.Invocation;
using ReelRights.Media.Tests.Support;

namespace ReelRights.Media.Tests.Invocation;

/// <summary>
/// The process runner with /bin/sh standing in for ffmpeg, so each limit is exercised exactly and
/// in milliseconds.
/// </summary>
public sealed class ToolRunTests(GeneratedMedia media)
{
    private static readonly RunLimits Generous = new(TimeSpan.FromSeconds(20), 10_000_000);

    [Fact]
    public async Task ReadToEndAsync_StdoutAndLargeStderr_DrainsBothWithoutDeadlock()
    {
        // Arrange: 1 MB on stderr before anything on stdout; an undrained stderr pipe (64 KB)
        // would block the child forever.
        await using var run = Shell("head -c 1000000 /dev/zero | tr '\\0' e >&2; head -c 1000000 /dev/zero; echo END >&2", Generous);

        // Act
        var output = await run.ReadToEndAsync();
        var exitCode = await run.WaitForExitAsync();

        // Assert
        output.Length.ShouldBe(1_000_000);
        exitCode.ShouldBe(0);
        run.StderrTail.Length.ShouldBe(ToolRun.StderrTailChars + 1); // "…" marks the cut
        run.StderrTail.ShouldEndWith("eeeEND\n");
    }

    [Fact]
    public async Task WaitForExitAsync_NonZeroExit_ReturnsExitCode()
    {
        // Arrange
        await using var run = Shell("echo oops >&2; exit 3", Generous);

        // Act
        var exitCode = await run.WaitForExitAsync();

        // Assert
        exitCode.ShouldBe(3);
        run.StderrTail.ShouldBe("oops\n");
    }

    [Fact]
    public async Task ReadToEndAsync_Timeout_KillsWholeTreeAndThrowsTimeout()
    {
        // Arrange: the child sleep inherits stdout, so stdout only ends when both are dead.
        var pidFile = media.NewPath("child.pid");
        var stopwatch = Stopwatch.StartNew();
        await using var run = Shell($"sleep 30 & echo $! > '{pidFile}'; wait", new RunLimits(TimeSpan.FromMilliseconds(500), 1000));

        // Act
        var act = () => run.ReadToEndAsync();

        // Assert
        (await act.ShouldThrowAsync<MediaException>()).Code.ShouldBe(MediaErrorCodes.Timeout);
        stopwatch.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(10));
        // Checked before disposal: the timer, not DisposeAsync, must have killed both.
        (await ProcessTable.WaitUntilGoneAsync(run.ProcessId)).ShouldBeTrue();
        var child = int.Parse(await File.ReadAllTextAsync(pidFile), System.Globalization.CultureInfo.InvariantCulture);
        (await ProcessTable.WaitUntilGoneAsync(child)).ShouldBeTrue();
    }

    [Fact]
    public async Task ReadToEndAsync_OutputOverLimit_KillsAndThrowsOutputTooLarge()
    {
        // Arrange: an endless writer.
        await using var run = Shell("yes", new RunLimits(TimeSpan.FromSeconds(20), 100_000));

        // Act
        var act = () => run.ReadToEndAsync();

        // Assert
        (await act.ShouldThrowAsync<MediaException>()).Code.ShouldBe(MediaErrorCodes.OutputTooLarge);
        (await ProcessTable.WaitUntilGoneAsync(run.ProcessId)).ShouldBeTrue();
    }

    [Fact]
    public async Task ReadBlockAsync_OutputExactlyAtLimit_Succeeds()
    {
        // Arrange
        await using var run = Shell("head -c 4096 /dev/zero", new RunLimits(TimeSpan.FromSeconds(20), 4096));
        var buffer = new byte[5000];

        // Act
        var read = await run.ReadBlockAsync(buffer);

        // Assert
        read.ShouldBe(4096);
        (await run.WaitForExitAsync()).ShouldBe(0);
    }

    [Fact]
    public async Task ReadToEndAsync_CallerCancels_KillsAndThrowsOperationCanceled()
    {
        // Arrange
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
        await using var run = ToolRun.Start("/bin/sh", ["-c", "sleep 30"], Generous, cancellation.Token);

        // Act
        var act = () => run.ReadToEndAsync();

        // Assert
        await act.ShouldThrowAsync<OperationCanceledException>();
        (await ProcessTable.WaitUntilGoneAsync(run.ProcessId)).ShouldBeTrue();
    }

    [Fact]
    public async Task DisposeAsync_RunStillGoing_KillsIt()
    {
        // Arrange
        var run = Shell("sleep 30", Generous);
        var pid = run.ProcessId;

        // Act
        await run.DisposeAsync();

        // Assert
        ProcessTable.IsAlive(pid).ShouldBeFalse();
    }

    [Fact]
    public void Start_MissingExecutable_ThrowsFfmpegMissing()
    {
        // Act
        var act = () => ToolRun.Start("/nonexistent/ffmpeg", ["-version"], Generous, CancellationToken.None);

        // Assert
        act.ShouldThrow<MediaException>().Code.ShouldBe(MediaErrorCodes.FfmpegMissing);
    }

    [Fact]
    public async Task Start_ToolReadsStdin_SeesEndOfInputInsteadOfWaiting()
    {
        // Arrange: cat would wait forever on an open stdin.
        await using var run = Shell("cat; echo done", new RunLimits(TimeSpan.FromSeconds(10), 1000));

        // Act
        var output = await run.ReadToEndAsync();

        // Assert
        System.Text.Encoding.ASCII.GetString(output).ShouldBe("done\n");
    }

    private static ToolRun Shell(string script, RunLimits limits) =>
        ToolRun.Start("/bin/sh", ["-c", script], limits, CancellationToken.None);
}
