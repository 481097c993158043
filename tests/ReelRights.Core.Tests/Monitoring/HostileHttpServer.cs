using System.Net;
using System.Net.Sockets;
using System.Text;

namespace ReelRights.Core.Tests.Monitoring;

/// <summary>
/// A raw HTTP/1.1 server on 127.0.0.1 that misbehaves on purpose, one behaviour per path:
/// redirects, endless bodies, lying Content-Length, trickling bytes, HTML instead of media.
/// </summary>
internal sealed class HostileHttpServer : IAsyncDisposable
{
    private readonly TcpListener listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource stop = new();
    private readonly Task loop;
    private readonly Dictionary<string, Func<NetworkStream, CancellationToken, Task>> routes = new(StringComparer.Ordinal);

    public HostileHttpServer()
    {
        listener.Start();
        loop = Task.Run(AcceptAsync);
    }

    public Uri BaseAddress => new($"http://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}/");

    public void Map(string path, Func<NetworkStream, CancellationToken, Task> respond) => routes[path] = respond;

    public static Task WriteAsync(NetworkStream stream, string text, CancellationToken ct) =>
        stream.WriteAsync(Encoding.ASCII.GetBytes(text.Replace("\n", "\r\n", StringComparison.Ordinal)), ct).AsTask();

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        listener.Stop();
        try
        {
            await loop;
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
        {
        }
        stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!stop.IsCancellationRequested)
        {
            var client = await listener.AcceptTcpClientAsync(stop.Token);
            _ = Task.Run(async () =>
            {
                using (client)
                {
                    try
                    {
                        var stream = client.GetStream();
                        var path = await ReadRequestPathAsync(stream, stop.Token);
                        if (routes.TryGetValue(path, out var respond))
                        {
                            await respond(stream, stop.Token);
                        }
                        else
                        {
                            await WriteAsync(stream, "HTTP/1.1 404 Not Found\nContent-Length: 0\nConnection: close\n\n", stop.Token);
                        }
                    }
                    catch (Exception e) when (e is IOException or OperationCanceledException or SocketException or ObjectDisposedException)
                    {
                        // The client gave up, as it should with a hostile server.
                    }
                }
            });
        }
    }

    private static async Task<string> ReadRequestPathAsync(NetworkStream stream, CancellationToken ct)
    {
        var buffer = new byte[8192];
        var text = new StringBuilder();
        while (!text.ToString().Contains("\r\n\r\n", StringComparison.Ordinal))
        {
            var read = await stream.ReadAsync(buffer, ct);
            if (read == 0)
            {
                break;
            }
            text.Append(Encoding.ASCII.GetString(buffer, 0, read));
        }
        var line = text.ToString().Split("\r\n")[0].Split(' ');
        return line.Length > 1 ? line[1] : "/";
    }
}
