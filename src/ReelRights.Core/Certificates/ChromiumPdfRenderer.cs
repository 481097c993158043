using System.ComponentModel;
using System.Diagnostics;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ReelRights.Core.Certificates;

/// <summary>
/// Prints certificate HTML to PDF with headless Chromium, run the way ReelRights.Media runs ffmpeg:
/// arguments passed one by one (never a shell), stdin closed, stdout and stderr drained with only a
/// tail kept, a wall-clock limit and the caller's token both killing the whole process tree, and the
/// output's size checked before it is read. Each render gets a private folder holding the page, the
/// PDF, the browser profile, HOME and TMPDIR, deleted afterwards: renders share nothing and leave
/// nothing behind, not even Chromium's crash-report folder.
/// </summary>
public sealed partial class ChromiumPdfRenderer
{
    /// <summary>How much of Chromium's output is kept for the log when a render fails.</summary>
    private const int OutputTailChars = 8 * 1024;

    private static readonly TimeSpan ExitGrace = TimeSpan.FromSeconds(5);

    private readonly ChromiumOptions options;
    private readonly ILogger<ChromiumPdfRenderer> logger;

    public ChromiumPdfRenderer(IOptions<ChromiumOptions> options, ILogger<ChromiumPdfRenderer> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        this.options = options.Value;
        this.options.Validate();
        this.logger = logger;
    }

    /// <summary>
    /// The Chromium to run. A bare name is looked up on PATH and an existing path is returned as is.
    /// Only the default path falls back to chromium or chromium-browser on PATH (Debian and Ubuntu
    /// name it differently): a path an operator chose is not swapped for another browser silently.
    /// </summary>
    public static string? FindChromium(string? configuredPath = ChromiumOptions.DefaultExecutablePath)
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

    /// <exception cref="ReelRightsException">
    /// Codes pdf-renderer-missing, pdf-render-failed, pdf-render-timeout or pdf-too-large.
    /// </exception>
    public async Task<byte[]> RenderPdfAsync(string html, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(html);
        cancellationToken.ThrowIfCancellationRequested();
        var executable = FindChromium(options.ExecutablePath) ?? throw CertificateErrors.Missing();
        await using var folder = RenderFolder.Create(options.TempRoot, logger);
        var work = folder.Path;
        var page = Path.Combine(work, "certificate.html");
        var pdf = Path.Combine(work, "certificate.pdf");
        await File.WriteAllTextAsync(page, html, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), cancellationToken);
        var output = await RunAsync(StartInfo(executable, work, page, pdf), cancellationToken);
        return await ReadPdfAsync(pdf, output, cancellationToken);
    }

    /// <summary>Chromium's arguments, pinned by a test. Chromium ignores switches it does not know.</summary>
    internal static IReadOnlyList<string> Arguments(string work, string page, string pdf) =>
    [
        // Plain --headless: from Chromium 132 on it can only mean the new headless mode (the old one
        // moved to chrome-headless-shell), and --headless=new prints the same PDF on 156.
        "--headless",
        // The sandbox needs unprivileged user namespaces or a setuid helper, which containers and
        // root do not offer. The page is our own markup with no script and a CSP of
        // default-src 'none', so the renderer runs no untrusted code.
        "--no-sandbox",
        "--disable-gpu",
        // Otherwise every page gets the date, the title and the file:// URL (a server path).
        "--no-pdf-header-footer",
        "--print-to-pdf=" + pdf,
        "--user-data-dir=" + Path.Combine(work, "profile"),
        // Debian's launcher adds --load-extension for system-wide extensions.
        "--disable-extensions",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-sync",
        "--disable-default-apps",
        "--mute-audio",
        "--hide-scrollbars",
        new Uri(page).AbsoluteUri,
    ];

    private static ProcessStartInfo StartInfo(string executable, string work, string page, string pdf)
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
        foreach (var argument in Arguments(work, page, pdf))
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

    /// <summary>Runs Chromium to its exit within the time limit.</summary>
    /// <returns>The tail of what Chromium wrote to stdout and stderr, for the log.</returns>
    private async Task<string> RunAsync(ProcessStartInfo startInfo, CancellationToken cancellationToken)
    {
        Process process;
        try
        {
            process = Process.Start(startInfo) ?? throw new InvalidOperationException("Process.Start returned no process.");
        }
        catch (Win32Exception e)
        {
            LogStartFailed(logger, e, startInfo.FileName);
            throw CertificateErrors.Missing();
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
            limit.CancelAfter(options.Timeout);
            try
            {
                await process.WaitForExitAsync(limit.Token);
            }
            catch (OperationCanceledException)
            {
                await KillTreeAsync(process);
                cancellationToken.ThrowIfCancellationRequested();
                LogTimedOut(logger, options.Timeout.TotalSeconds, output.ToString());
                throw CertificateErrors.Timeout(options.Timeout);
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
                throw CertificateErrors.Failed($"Chromium 退出码 {process.ExitCode}", $"Chromium exited with code {process.ExitCode}");
            }

            return output.ToString();
        }
    }

    private async Task<byte[]> ReadPdfAsync(string pdf, string output, CancellationToken cancellationToken)
    {
        var file = new FileInfo(pdf);
        if (!file.Exists)
        {
            LogNoPdf(logger, output);
            throw CertificateErrors.Failed("Chromium 未写出 PDF 文件", "Chromium wrote no PDF file");
        }

        if (file.Length > options.MaxPdfBytes)
        {
            throw CertificateErrors.OutputTooLarge(options.MaxPdfBytes);
        }

        var bytes = await File.ReadAllBytesAsync(pdf, cancellationToken);
        if (!bytes.AsSpan().StartsWith("%PDF-"u8))
        {
            LogNoPdf(logger, output);
            throw CertificateErrors.Failed("输出不是 PDF 文件", "the output is not a PDF file");
        }

        return bytes;
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

    [LoggerMessage(Level = LogLevel.Warning, Message = "Chromium failed to print a PDF (exit code {ExitCode}); its output ended with: {Output}")]
    private static partial void LogFailed(ILogger logger, int exitCode, string output);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Chromium exited normally but wrote no PDF; its output ended with: {Output}")]
    private static partial void LogNoPdf(ILogger logger, string output);
}
