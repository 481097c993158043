using System.Buffers;
using System.ComponentModel;
using System.Diagnostics;
using System.Text;

namespace ReelRights.Media.Invocation;

/// <summary>
/// One ffmpeg or ffprobe process with its limits. It never hangs and never outlives its owner:
/// stderr is drained from start to exit by its own task (only the last 8 KB kept); stdout is read
/// by the owner, every byte counted against the output limit; a wall-clock timer and the caller's
/// token both kill the whole process tree; disposing kills a process still running. Reads and
/// waits report why a run stopped: <see cref="OperationCanceledException"/> for the caller's
/// token, <see cref="MediaException"/> with code timeout or output-too-large otherwise.
/// </summary>
internal sealed class ToolRun : IAsyncDisposable
{
    /// <summary>How much of stderr is kept for error messages.</summary>
    public const int StderrTailChars = 8 * 1024;

    private static readonly TimeSpan ExitGrace = TimeSpan.FromSeconds(5);

    private readonly Process process;
    private readonly string toolName;
    private readonly RunLimits limits;
    private readonly CancellationToken callerToken;
    private readonly CancellationTokenSource lifetime;
    private readonly CancellationTokenRegistration killOnStop;
    private readonly BoundedTextTail stderr = new(StderrTailChars);
    private readonly Task stderrPump;
    private readonly Stream stdout;
    private long outputBytes;
    private bool disposed;

    private ToolRun(Process process, string toolName, RunLimits limits, CancellationToken callerToken)
    {
        this.process = process;
        this.toolName = toolName;
        this.limits = limits;
        this.callerToken = callerToken;
        ProcessId = process.Id;
        stdout = process.StandardOutput.BaseStream;
        stderrPump = PumpStderrAsync();
        lifetime = CancellationTokenSource.CreateLinkedTokenSource(callerToken);
        killOnStop = lifetime.Token.Register(static state => ((ToolRun)state!).Kill(), this);
        lifetime.CancelAfter(limits.Timeout);
    }

    /// <summary>OS process id, for tests that check the process is gone; valid after disposal.</summary>
    public int ProcessId { get; }

    /// <summary>The last <see cref="StderrTailChars"/> characters the tool wrote to stderr.</summary>
    public string StderrTail => stderr.ToString();

    /// <summary>Starts <paramref name="executable"/> with arguments passed one by one, never through a shell.</summary>
    /// <exception cref="MediaException">Code ffmpeg-missing when the executable cannot be started.</exception>
    public static ToolRun Start(string executable, IReadOnlyList<string> arguments, RunLimits limits, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var startInfo = new ProcessStartInfo(executable)
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            CreateNoWindow = true,
            StandardErrorEncoding = Encoding.UTF8,
        };
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        Process process;
        try
        {
            process = Process.Start(startInfo)
                ?? throw new InvalidOperationException("Process.Start returned no process.");
        }
        catch (Win32Exception e)
        {
            throw MediaErrors.ToolMissing(executable, e);
        }

        var run = new ToolRun(process, Path.GetFileNameWithoutExtension(executable), limits, cancellationToken);
        try
        {
            // EOF on stdin: a tool that would read it (ffprobe has no -nostdin) cannot wait on it.
            process.StandardInput.Close();
        }
        catch (IOException)
        {
            // The tool already exited; its exit code will say why.
        }

        return run;
    }

    /// <summary>Reads until <paramref name="buffer"/> is full or stdout ends.</summary>
    /// <returns>Bytes read; less than the buffer length only at the end of output.</returns>
    public async ValueTask<int> ReadBlockAsync(Memory<byte> buffer)
    {
        var total = 0;
        while (total < buffer.Length)
        {
            var read = await ReadSomeAsync(buffer[total..]).ConfigureAwait(false);
            if (read == 0)
            {
                break;
            }

            total += read;
        }

        return total;
    }

    /// <summary>
    /// As <see cref="ReadBlockAsync"/>, blocking the calling thread: for a dedicated reader
    /// thread, where it costs far less CPU than a chain of asynchronous reads of a pipe (each one
    /// a round through the runtime's I/O poller and thread pool).
    /// </summary>
    public int ReadBlock(Span<byte> buffer)
    {
        var total = 0;
        while (total < buffer.Length)
        {
            int read;
            try
            {
                read = stdout.Read(buffer[total..]);
            }
            catch (IOException)
            {
                ThrowIfStopped();
                throw;
            }

            if (Counted(read) == 0)
            {
                break;
            }

            total += read;
        }

        return total;
    }

    /// <summary>Reads stdout to its end, within the output limit.</summary>
    public async Task<byte[]> ReadToEndAsync()
    {
        var output = new ArrayBufferWriter<byte>(64 * 1024);
        while (true)
        {
            var read = await ReadSomeAsync(output.GetMemory(64 * 1024)).ConfigureAwait(false);
            if (read == 0)
            {
                return output.WrittenSpan.ToArray();
            }

            output.Advance(read);
        }
    }

    /// <summary>Waits for the tool to exit and for stderr to be drained.</summary>
    /// <returns>The exit code.</returns>
    public async Task<int> WaitForExitAsync()
    {
        try
        {
            await process.WaitForExitAsync(lifetime.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            ThrowIfStopped();
            throw;
        }

        await stderrPump.ConfigureAwait(false);
        ThrowIfStopped();
        return process.ExitCode;
    }

    /// <summary>Kills the process tree if it still runs and waits briefly for it to go.</summary>
    public async ValueTask DisposeAsync()
    {
        if (disposed)
        {
            return;
        }

        disposed = true;
        // Disposing the registration waits for a running kill callback, so the process object
        // is never disposed under it.
        await killOnStop.DisposeAsync().ConfigureAwait(false);
        Kill();
        try
        {
            await process.WaitForExitAsync(CancellationToken.None).WaitAsync(ExitGrace).ConfigureAwait(false);
            await stderrPump.WaitAsync(ExitGrace).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            // A process stuck in uninterruptible I/O cannot be waited for; it was sent SIGKILL
            // and the OS reaps it. Not waiting longer is what keeps the caller from hanging.
        }
        finally
        {
            process.Dispose();
            lifetime.Dispose();
        }
    }

    private async ValueTask<int> ReadSomeAsync(Memory<byte> buffer)
    {
        int read;
        try
        {
            read = await stdout.ReadAsync(buffer, lifetime.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is OperationCanceledException or IOException)
        {
            ThrowIfStopped();
            throw;
        }

        return Counted(read);
    }

    /// <summary>Accounts for bytes read from stdout: the output limit, and why an end came.</summary>
    private int Counted(int read)
    {
        if (read == 0)
        {
            // A killed tool closes its stdout, which reads as a normal end: report why it ended.
            ThrowIfStopped();
            return 0;
        }

        outputBytes += read;
        if (outputBytes > limits.MaxOutputBytes)
        {
            Kill();
            throw MediaErrors.OutputTooLarge(toolName, limits.MaxOutputBytes, StderrTail);
        }

        return read;
    }

    private void ThrowIfStopped()
    {
        callerToken.ThrowIfCancellationRequested();
        if (lifetime.IsCancellationRequested)
        {
            throw MediaErrors.Timeout(toolName, limits.Timeout, StderrTail);
        }
    }

    private void Kill()
    {
        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (Exception e) when (e is InvalidOperationException or Win32Exception or NotSupportedException)
        {
            // Already exited (or exiting): nothing left to kill.
        }
    }

    private async Task PumpStderrAsync()
    {
        var buffer = new char[4096];
        try
        {
            int read;
            while ((read = await process.StandardError.ReadAsync(buffer.AsMemory(), CancellationToken.None).ConfigureAwait(false)) > 0)
            {
                stderr.Append(buffer.AsSpan(0, read));
            }
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException)
        {
            // The pipe broke because the process was killed; what was read is kept.
        }
    }
}
