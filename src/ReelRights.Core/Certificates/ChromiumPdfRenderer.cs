using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ReelRights.Core.Certificates;

/// <summary>
/// Prints certificate (and evidence report) HTML to PDF with headless Chromium, run by
/// <see cref="ChromiumProcess"/> (no shell, output drained, time-limited, process tree killed), and
/// checks the output's size before it is read. Each render gets a private folder holding the page,
/// the PDF, the browser profile, HOME and TMPDIR, deleted afterwards.
/// </summary>
public sealed partial class ChromiumPdfRenderer
{
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
    public static string? FindChromium(string? configuredPath = ChromiumOptions.DefaultExecutablePath) => ChromiumProcess.Find(configuredPath);

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
        string output;
        try
        {
            output = await ChromiumProcess.RunAsync(executable, work, Arguments(work, page, pdf), options.Timeout, logger, cancellationToken);
        }
        catch (ChromiumRunException e)
        {
            throw e.Failure switch
            {
                ChromiumFailure.NotStarted => CertificateErrors.Missing(),
                ChromiumFailure.TimedOut => CertificateErrors.Timeout(options.Timeout),
                _ => CertificateErrors.Failed($"Chromium 退出码 {e.ExitCode}", $"Chromium exited with code {e.ExitCode}"),
            };
        }

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

    [LoggerMessage(Level = LogLevel.Warning, Message = "Chromium exited normally but wrote no PDF; its output ended with: {Output}")]
    private static partial void LogNoPdf(ILogger logger, string output);
}
