using System.ComponentModel;
using System.Diagnostics;
using System.Text;
using Microsoft.Extensions.Logging;

namespace ReelRights.Core.Certificates;

/// <summary>
/// Runs headless Chromium the way ReelRights.Media runs ffmpeg: arguments passed one by one (never a
/// shell), stdin closed, stdout and stderr drained with only a tail kept, a wall-clock limit and the
/// caller's token both killing the whole process tree. HOME, the XDG folders and TMPDIR point into
/// the caller's private work folder, so a run shares nothing and leaves nothing behind, not even
/// Chromium's crash-report folder. Shared by the certificate PDF and the evidence screenshot.
/// </summary>
internal static partial class ChromiumProcess
{
    /// <summary>How much of Chromium's output is kept for the log when a run fails.</summary>
    private const int OutputTailChars = 8 * 1024;

    private static readonly TimeSpan ExitGrace = TimeSpan.FromSeconds(5);

    /// <summary>
    /// The Chromium to run. A bare name is looked up on PATH and an existing path is returned as is.
    /// Only the default path falls back to chromium or chromium-browser on PATH (Debian and Ubuntu
    /// name it differently): a path an operator chose is not swapped for another browser silently.
    /// </summary>
    public static string? Find(string? configuredPath)
    {
        if (!string.IsNullOrWhiteSpace(configuredPath))
        {
            if (Path.GetFileName(configuredPath) == configuredPath)
            {
                return SearchPath(configuredPath);
            }

            if (File.Exists(configuredPath))
            {
                return Path.GetFullPath(configuredPath);
            }

            if (configuredPath != ChromiumOptions.DefaultExecutablePath)
            {
                return null;
            }
        }

        return SearchPath("chromium") ?? SearchPath("chromium-browser");
    }

    /// <summary>Runs Chromium with <paramref name="arguments"/> to its exit within <paramref name="timeout"/>.</summary>
    /// <returns>The tail of what Chromium wrote to stdout and stderr, for the log.</returns>
    /// <exception cref="ChromiumRunException">It did not start, ran too long or exited with an error.</exception>
    public static async Task<string> RunAsync(string executable, string work, IEnumerable<string> arguments, TimeSpan timeout, ILogger logger,
        CancellationToken cancellationToken)
    {
        var startInfo = StartInfo(executable, work, arguments);
        Process process;
        try
        {
            process = Process.Start(startInfo) ?? throw new InvalidOperationException("Process.Start returned no process.");
        }
        catch (Win32Exception e)
        {
            LogStartFailed(logger, e, startInfo.FileName);
            throw new ChromiumRunException(ChromiumFailure.NotStarted);
        }

        using (process)
        {
            var output = new OutputTail(OutputTailChars);
            var pumps = Task.WhenAll(PumpAsync(process.StandardOutput, output), PumpAsync(process.StandardError, output));
            try
            {
                process.StandardInput.Close();
            }
            catch (IOException)
            {
                // Chromium already exited; its exit code says why.
            }

            using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            limit.CancelAfter(timeout);
            try
            {
                await process.WaitForExitAsync(limit.Token);
            }
            catch (OperationCanceledException)
            {
                await KillTreeAsync(process);
                cancellationToken.ThrowIfCancellationRequested();
                LogTimedOut(logger, timeout.TotalSeconds, output.ToString());
                throw new ChromiumRunException(ChromiumFailure.TimedOut);
            }
            finally
            {
                if (!process.HasExited)
                {
                    await KillTreeAsync(process);
                }
            }

            try
            {
                await pumps.WaitAsync(ExitGrace, CancellationToken.None);
            }
            catch (TimeoutException)
            {
                // Chromium's crash handler detaches from the tree and may hold the pipes a moment
                // longer; the tail is complete enough without waiting for it.
            }

            if (process.ExitCode != 0)
            {
                LogFailed(logger, process.ExitCode, output.ToString());
                throw new ChromiumRunException(ChromiumFailure.Failed, process.ExitCode);
            }

            return output.ToString();
        }
    }

    private static ProcessStartInfo StartInfo(string executable, string work, IEnumerable<string> arguments)
    {
        var startInfo = new ProcessStartInfo(executable)
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            CreateNoWindow = true,
            WorkingDirectory = work,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        // Chromium keeps its crash reports under $XDG_CONFIG_HOME (or ~/.config) whatever the profile,
        // and puts shared-memory files in TMPDIR when /dev/shm is small: both stay in the work folder.
        var home = Directory.CreateDirectory(Path.Combine(work, "home")).FullName;
        var tmp = Directory.CreateDirectory(Path.Combine(work, "tmp")).FullName;
        startInfo.Environment["HOME"] = home;
        startInfo.Environment["XDG_CONFIG_HOME"] = Path.Combine(home, ".config");
        startInfo.Environment["XDG_CACHE_HOME"] = Path.Combine(home, ".cache");
        startInfo.Environment["TMPDIR"] = tmp;
        return startInfo;
    }

    private static async Task PumpAsync(StreamReader reader, OutputTail output)
    {
        var buffer = new char[4096];
        try
        {
            int read;
            while ((read = await reader.ReadAsync(buffer.AsMemory(), CancellationToken.None)) > 0)
            {
                output.Append(buffer.AsSpan(0, read));
            }
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException)
        {
            // The pipe broke because the process was killed or disposed; what was read is kept.
        }
    }

    private static async Task KillTreeAsync(Process process)
    {
        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (Exception e) when (e is InvalidOperationException or Win32Exception or NotSupportedException)
        {
            // Already exited (or exiting): nothing left to kill.
        }

        try
        {
            await process.WaitForExitAsync(CancellationToken.None).WaitAsync(ExitGrace);
        }
        catch (TimeoutException)
        {
            // A process stuck in uninterruptible I/O cannot be waited for; it was sent SIGKILL and
            // the OS reaps it. Not waiting longer keeps the caller from hanging.
        }
    }

    private static string? SearchPath(string name)
    {
        var path = Environment.GetEnvironmentVariable("PATH") ?? "";
        foreach (var directory in path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var candidate = Path.Combine(directory, name);
            if (File.Exists(candidate))
            {
                return Path.GetFullPath(candidate);
            }
        }

        return null;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Chromium ({Executable}) could not be started")]
    private static partial void LogStartFailed(ILogger logger, Exception exception, string executable);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Chromium ran longer than {Seconds} s and was killed; its output ended with: {Output}")]
    private static partial void LogTimedOut(ILogger logger, double seconds, string output);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Chromium failed (exit code {ExitCode}); its output ended with: {Output}")]
    private static partial void LogFailed(ILogger logger, int exitCode, string output);
}
