using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace ReelRights.Cli.Tests;

/// <summary><c>reelrights serve</c> as a child process on a free loopback port, stopped on dispose.</summary>
internal sealed class ServedCli : IAsyncDisposable
{
    private readonly Process process;
    private bool disposed;

    private ServedCli(Process process, Uri baseAddress, string? setupLink)
    {
        this.process = process;
        BaseAddress = baseAddress;
        SetupLink = setupLink;
    }

    public Uri BaseAddress { get; }
    public string? SetupLink { get; }

    public static async Task<ServedCli> StartAsync(IDictionary<string, string> env, string[] extraArgs)
    {
        var port = FreePort();
        var url = $"http://127.0.0.1:{port}";
        var process = Process.Start(CliProcess.StartInfo(["serve", "--urls", url, .. extraArgs], env))!;
        string? setupLink = null;
        var started = false;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (!timeout.IsCancellationRequested)
        {
            var line = await process.StandardOutput.ReadLineAsync(timeout.Token);
            if (line is null)
            {
                throw new InvalidOperationException("serve exited early: " + await process.StandardError.ReadToEndAsync());
            }
            if (line.Contains("/invite/", StringComparison.Ordinal))
            {
                setupLink = line.Trim();
            }
            if (line.StartsWith("数据目录", StringComparison.Ordinal))
            {
                started = true;
                // The setup link, if any, follows on the next two lines.
                if (env.ContainsKey("REELRIGHTS_Bootstrap__OperatorEmail") is false)
                {
                    var next = await process.StandardOutput.ReadLineAsync(timeout.Token);
                    if (next?.StartsWith("首次使用", StringComparison.Ordinal) == true)
                    {
                        setupLink = (await process.StandardOutput.ReadLineAsync(timeout.Token))?.Trim();
                    }
                }
                break;
            }
        }
        if (!started)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("serve did not start within 60 s");
        }
        _ = process.StandardError.ReadToEndAsync();
        _ = process.StandardOutput.ReadToEndAsync();
        return new ServedCli(process, new Uri(url), setupLink);
    }

    public async ValueTask DisposeAsync()
    {
        if (disposed)
        {
            return;
        }
        disposed = true;
        process.Kill(entireProcessTree: true);
        await process.WaitForExitAsync();
        process.Dispose();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
