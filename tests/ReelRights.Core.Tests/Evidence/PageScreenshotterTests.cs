using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using ReelRights.Core.Certificates;
using ReelRights.Core.Evidence;
using ReelRights.Core.Tests.Support;
using ReelRights.Testing;

namespace ReelRights.Core.Tests.Evidence;

/// <summary>
/// The screenshot renders a hostile page with the real Chromium. Every trick the page tries would
/// paint red or reach a listener on 127.0.0.1 if it worked: scripts, a meta refresh, frames and
/// images from the server's disk (file://) and from the network. The picture must hold the page's
/// own inline image (blue) and no red, and the listener must see no connection at all.
/// </summary>
public sealed class PageScreenshotterTests : IAsyncLifetime
{
    // Short: Chromium's socket path limit bounds TempRoot (ChromiumOptions.MaxTempRootLength).
    private readonly string root = Directory.CreateTempSubdirectory("rrsh").FullName;
    private readonly TcpListener listener = new(IPAddress.Loopback, 0);
    private int connections;
    private Task accepting = Task.CompletedTask;
    private readonly CancellationTokenSource stop = new();

    public ValueTask InitializeAsync()
    {
        listener.Start();
        accepting = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                using var client = await listener.AcceptTcpClientAsync(stop.Token);
                Interlocked.Increment(ref connections);
                // Answer like a web server would, so a request that got through would also paint red.
                await client.GetStream().WriteAsync("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nConnection: close\r\n\r\n<body style=\"background:red\">"u8.ToArray(), stop.Token);
            }
        });
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        listener.Stop();
        try
        {
            await accepting;
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
        {
        }
        stop.Dispose();
        Directory.Delete(root, recursive: true);
    }

    [Fact]
    public async Task CaptureAsync_HostilePage_RendersOfflineWithNothingLoadedOrRun()
    {
        var red = Path.Combine(root, "red.png");
        var blue = Path.Combine(root, "blue.png");
        await Ffmpeg.RunAsync("-f", "lavfi", "-i", "color=c=red:s=64x64", "-frames:v", "1", red);
        await Ffmpeg.RunAsync("-f", "lavfi", "-i", "color=c=blue:s=64x64", "-frames:v", "1", blue);
        var redPage = Path.Combine(root, "red.html");
        await File.WriteAllTextAsync(redPage, "<body style=\"background:red\">", TestContext.Current.CancellationToken);
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        var net = $"http://127.0.0.1:{port}";
        var page = $"""
            <html><head>
            <META HTTP-EQUIV="Refresh" CONTENT="0;url={new Uri(redPage).AbsoluteUri}">
            <meta http-equiv="refresh" content="0;url={net}/nav">
            <link rel="stylesheet" href="{net}/style.css">
            <style>body {"{"} background: white {"}"}</style>
            </head>
            <body onload="document.body.style.background='red'">
            <h1>替身新娘 第1集</h1>
            <img src="data:image/png;base64,{Convert.ToBase64String(await File.ReadAllBytesAsync(blue, TestContext.Current.CancellationToken))}" width="120" height="120">
            <img src="{new Uri(red).AbsoluteUri}" width="120" height="120">
            <iframe src="{new Uri(redPage).AbsoluteUri}" width="150" height="150"></iframe>
            <iframe src="{net}/frame" width="150" height="150"></iframe>
            <img src="{net}/pixel.png" width="60" height="60">
            <video autoplay src="{net}/v.mp4"></video>
            <script>document.body.style.background = 'red';</script>
            <script src="{net}/x.js"></script>
            </body></html>
            """;

        var shot = await Screenshotter(new ChromiumOptions { TempRoot = root }).CaptureAsync(Encoding.UTF8.GetBytes(page), "text/html", TestContext.Current.CancellationToken);

        shot.ReasonEn.ShouldBeNull();
        var png = shot.Png.ShouldNotBeNull();
        (shot.Width, shot.Height).ShouldBe((412 * 2, 915 * 2));
        var pixels = PngPixels.Decode(png);
        (pixels.Width, pixels.Height).ShouldBe((shot.Width, shot.Height));
        pixels.Count((r, g, b) => b > 200 && r < 40 && g < 40).ShouldBeGreaterThan(120 * 120, "the page's own inline image is drawn");
        pixels.Count((r, g, b) => r > 200 && g < 40 && b < 40).ShouldBe(0, "nothing the page tried to load or run took effect");
        await Task.Delay(500, TestContext.Current.CancellationToken);
        connections.ShouldBe(0, "Chromium reached the network");
        Directory.EnumerateDirectories(root).ShouldBeEmpty("the render folder is deleted");
    }

    [Fact]
    public async Task CaptureAsync_NoChromium_IsUnavailableWithAReason()
    {
        var shot = await Screenshotter(new ChromiumOptions { ExecutablePath = Path.Combine(root, "no-such-chromium"), TempRoot = root })
            .CaptureAsync("<p>x</p>"u8.ToArray(), "text/html", TestContext.Current.CancellationToken);

        shot.Png.ShouldBeNull();
        shot.ReasonZh!.ShouldContain("Chromium");
        shot.ReasonEn!.ShouldContain("not installed");
    }

    [Fact]
    public async Task CaptureAsync_ChromiumFails_IsUnavailableWithTheExitCode()
    {
        var script = Path.Combine(root, "broken");
        await File.WriteAllTextAsync(script, "#!/bin/sh\nexit 7\n", TestContext.Current.CancellationToken);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        var shot = await Screenshotter(new ChromiumOptions { ExecutablePath = script, TempRoot = root })
            .CaptureAsync("<p>x</p>"u8.ToArray(), "text/html", TestContext.Current.CancellationToken);

        shot.Png.ShouldBeNull();
        shot.ReasonEn!.ShouldContain("exit");
        shot.ReasonEn!.ShouldContain("7");
    }

    [Fact]
    public async Task CaptureAsync_TurnedOff_SaysSo()
    {
        var shot = await Screenshotter(new ChromiumOptions { TempRoot = root }, new ScreenshotOptions { Enabled = false })
            .CaptureAsync("<p>x</p>"u8.ToArray(), "text/html", TestContext.Current.CancellationToken);

        shot.Png.ShouldBeNull();
        shot.ReasonEn!.ShouldContain("Evidence:Screenshot:Enabled");
    }

    [Fact]
    public void Arguments_AnyPage_BlockEveryNetworkPath()
    {
        var arguments = PageScreenshotter.Arguments("/tmp/rrc-x", "/tmp/rrc-x/page.html", "/tmp/rrc-x/page.png", new ScreenshotOptions());

        arguments.ShouldContain("--headless");
        arguments.ShouldContain("--host-resolver-rules=MAP * ~NOTFOUND");
        arguments.ShouldContain("--proxy-server=127.0.0.1:9");
        arguments.ShouldContain("--proxy-bypass-list=<-loopback>");
        arguments.ShouldContain("--user-data-dir=/tmp/rrc-x/profile");
        arguments.ShouldContain("--screenshot=/tmp/rrc-x/page.png");
        arguments.ShouldContain("--window-size=412,915");
        arguments[^1].ShouldBe("file:///tmp/rrc-x/page.html");
    }

    [Fact]
    public void Constructor_ImpossibleWindow_Throws()
    {
        Should.Throw<ArgumentOutOfRangeException>(() => Screenshotter(new ChromiumOptions(), new ScreenshotOptions { Width = 10 }));
    }

    private static PageScreenshotter Screenshotter(ChromiumOptions chromium, ScreenshotOptions? options = null) =>
        new(Options.Create(chromium), Options.Create(options ?? new ScreenshotOptions()), NullLogger<PageScreenshotter>.Instance);
}
