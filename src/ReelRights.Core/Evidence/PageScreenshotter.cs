using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ReelRights.Core.Certificates;

namespace ReelRights.Core.Evidence;

/// <summary>
/// Renders a captured page to PNG with headless Chromium, offline. Letting the browser load the
/// live page would bypass the monitoring address policy (SSRF), so it only ever sees the HTML the
/// safe fetcher already brought back, prepared by <see cref="OfflineHtml"/>, and runs cut off from
/// the network: scripts disabled in its private profile, every host name resolving to nothing, and
/// every request (loopback included) sent to a proxy that is not there. Run like the certificate
/// PDF (<see cref="ChromiumProcess"/>), in a private folder deleted afterwards. Never throws for a
/// missing or failing browser: evidence capture goes on without the picture and logs why.
/// </summary>
public sealed partial class PageScreenshotter
{
    private static readonly byte[] PngSignature = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];

    private readonly ChromiumOptions chromium;
    private readonly ScreenshotOptions options;
    private readonly ILogger<PageScreenshotter> logger;

    public PageScreenshotter(IOptions<ChromiumOptions> chromium, IOptions<ScreenshotOptions> options, ILogger<PageScreenshotter> logger)
    {
        this.chromium = chromium.Value;
        this.chromium.Validate();
        this.options = options.Value;
        this.options.Validate();
        this.logger = logger;
    }

    public ScreenshotOptions Options => options;

    /// <summary>Renders <paramref name="html"/> (the page's bytes as fetched, with its Content-Type) at the configured window size.</summary>
    public async Task<PageScreenshot> CaptureAsync(byte[] html, string? contentType, CancellationToken cancellationToken)
    {
        if (!options.Enabled)
        {
            return PageScreenshot.Unavailable("截图已由管理员关闭（Evidence:Screenshot:Enabled）", "screenshots are turned off (Evidence:Screenshot:Enabled)");
        }
        if (ChromiumProcess.Find(chromium.ExecutablePath) is not { } executable)
        {
            return PageScreenshot.Unavailable("服务器未安装 Chromium", "Chromium is not installed on the server");
        }
        await using var folder = RenderFolder.Create(chromium.TempRoot, logger);
        var work = folder.Path;
        var page = Path.Combine(work, "page.html");
        var png = Path.Combine(work, "page.png");
        await File.WriteAllTextAsync(page, OfflineHtml.Prepare(html, contentType), new UTF8Encoding(false), cancellationToken);
        // Scripts off in the profile: --blink-settings=scriptEnabled=false also stops --screenshot on Chromium 156.
        var preferences = Directory.CreateDirectory(Path.Combine(work, "profile", "Default")).FullName;
        await File.WriteAllTextAsync(Path.Combine(preferences, "Preferences"),
            "{\"profile\":{\"default_content_setting_values\":{\"javascript\":2}}}", cancellationToken);
        try
        {
            await ChromiumProcess.RunAsync(executable, work, Arguments(work, page, png, options), chromium.Timeout, logger, cancellationToken);
        }
        catch (ChromiumRunException e)
        {
            return e.Failure switch
            {
                ChromiumFailure.NotStarted => PageScreenshot.Unavailable("Chromium 无法启动", "Chromium could not be started"),
                ChromiumFailure.TimedOut => PageScreenshot.Unavailable($"Chromium 超过 {chromium.Timeout.TotalSeconds:0} 秒未完成，已终止",
                    $"Chromium took longer than {chromium.Timeout.TotalSeconds:0} s and was stopped"),
                _ => PageScreenshot.Unavailable($"Chromium 退出码 {e.ExitCode}", $"Chromium exited with code {e.ExitCode}"),
            };
        }
        var file = new FileInfo(png);
        if (!file.Exists || file.Length < 24)
        {
            return PageScreenshot.Unavailable("Chromium 未写出截图", "Chromium wrote no screenshot");
        }
        if (file.Length > options.MaxPngBytes)
        {
            return PageScreenshot.Unavailable($"截图超过 {options.MaxPngBytes} 字节上限", $"the screenshot exceeded the limit of {options.MaxPngBytes} bytes");
        }
        var bytes = await File.ReadAllBytesAsync(png, cancellationToken);
        if (!bytes.AsSpan().StartsWith(PngSignature))
        {
            return PageScreenshot.Unavailable("输出不是 PNG 图片", "the output is not a PNG image");
        }
        // IHDR is always the first chunk (PNG §5.6): width and height, big-endian, at bytes 16–23.
        var width = System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(16));
        var height = System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(20));
        LogRendered(logger, width, height, bytes.Length);
        return new PageScreenshot(bytes, width, height, null, null);
    }

    /// <summary>Chromium's arguments, pinned by a test: headless, private, and cut off from every network.</summary>
    internal static IReadOnlyList<string> Arguments(string work, string page, string png, ScreenshotOptions options) =>
    [
        "--headless",
        // See ChromiumPdfRenderer: no sandbox in containers. Here the page is not ours, which is why
        // scripts are off, the CSP allows nothing to load, and the network is unreachable.
        "--no-sandbox",
        "--disable-gpu",
        "--user-data-dir=" + Path.Combine(work, "profile"),
        "--disable-extensions",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-default-apps",
        "--no-pings",
        "--mute-audio",
        "--hide-scrollbars",
        // No name resolves, and everything (loopback too, which Chromium otherwise never proxies)
        // goes to a proxy on the discard port where nothing answers.
        "--host-resolver-rules=MAP * ~NOTFOUND",
        "--proxy-server=127.0.0.1:9",
        "--proxy-bypass-list=<-loopback>",
        FormattableString.Invariant($"--window-size={options.Width},{options.Height}"),
        FormattableString.Invariant($"--force-device-scale-factor={options.DeviceScaleFactor}"),
        "--screenshot=" + png,
        new Uri(page).AbsoluteUri,
    ];

    [LoggerMessage(Level = LogLevel.Debug, Message = "Page screenshot rendered: {Width}×{Height}, {Bytes} bytes")]
    private static partial void LogRendered(ILogger logger, int width, int height, int bytes);
}
