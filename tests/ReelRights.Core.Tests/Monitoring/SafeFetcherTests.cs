using Microsoft.Extensions.Options;
using ReelRights.Core.Monitoring;

namespace ReelRights.Core.Tests.Monitoring;

/// <summary>
/// Hostile sources end in a recorded failure with a reason, within the configured limits. Only
/// 127.0.0.1 is ever contacted: it is allowed by configuration, and 127.0.0.2 is the address the
/// policy must refuse.
/// </summary>
public sealed class SafeFetcherTests : IAsyncLifetime
{
    private readonly HostileHttpServer server = new();
    private readonly string dir = Directory.CreateTempSubdirectory("rr-fetch-").FullName;
    private SafeFetcher fetcher = null!;

    public ValueTask InitializeAsync()
    {
        fetcher = new SafeFetcher(Options.Create(new FetchOptions
        {
            AllowedNetworks = ["127.0.0.1/32"],
            ForbiddenNetworks = ["127.0.0.2/32"],
            MaxBytes = 1 << 20,
            Timeout = TimeSpan.FromSeconds(20),
            ReadTimeout = TimeSpan.FromSeconds(1),
        }));
        var port = server.BaseAddress.Port;
        server.Map("/media.mp4", (s, ct) => HostileHttpServer.WriteAsync(s, "HTTP/1.1 200 OK\nContent-Type: video/mp4\nContent-Length: 5\nConnection: close\n\nhello", ct));
        server.Map("/hop", (s, ct) => HostileHttpServer.WriteAsync(s, "HTTP/1.1 302 Found\nLocation: /media.mp4\nContent-Length: 0\nConnection: close\n\n", ct));
        server.Map("/to-forbidden", (s, ct) => HostileHttpServer.WriteAsync(s, $"HTTP/1.1 302 Found\nLocation: http://127.0.0.2:{port}/media.mp4\nContent-Length: 0\nConnection: close\n\n", ct));
        server.Map("/loop", (s, ct) => HostileHttpServer.WriteAsync(s, "HTTP/1.1 302 Found\nLocation: /loop\nContent-Length: 0\nConnection: close\n\n", ct));
        server.Map("/to-ftp", (s, ct) => HostileHttpServer.WriteAsync(s, "HTTP/1.1 302 Found\nLocation: ftp://127.0.0.1/x\nContent-Length: 0\nConnection: close\n\n", ct));
        server.Map("/huge", (s, ct) => HostileHttpServer.WriteAsync(s, "HTTP/1.1 200 OK\nContent-Type: video/mp4\nContent-Length: 10737418240\nConnection: close\n\nxxxx", ct));
        server.Map("/endless", async (s, ct) =>
        {
            await HostileHttpServer.WriteAsync(s, "HTTP/1.1 200 OK\nContent-Type: video/mp4\nConnection: close\n\n", ct);
            var block = new byte[64 * 1024];
            while (!ct.IsCancellationRequested)
            {
                await s.WriteAsync(block, ct);
            }
        });
        server.Map("/slow", async (s, ct) =>
        {
            await HostileHttpServer.WriteAsync(s, "HTTP/1.1 200 OK\nContent-Type: video/mp4\nContent-Length: 1000\nConnection: close\n\n", ct);
            for (var i = 0; i < 1000 && !ct.IsCancellationRequested; i++)
            {
                await s.WriteAsync(new byte[] { 1 }, ct);
                await Task.Delay(3000, ct);
            }
        });
        server.Map("/silent-headers", async (_, ct) => await Task.Delay(TimeSpan.FromMinutes(5), ct));
        server.Map("/page.html", (s, ct) => HostileHttpServer.WriteAsync(s, "HTTP/1.1 200 OK\nContent-Type: text/html\nContent-Length: 27\nConnection: close\n\n<html><p>not media</p></html>", ct));
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        fetcher.Dispose();
        await server.DisposeAsync();
        Directory.Delete(dir, recursive: true);
    }

    [Fact]
    public async Task Fetch_AllowedServerThroughARedirect_RecordsEverything()
    {
        var result = await fetcher.FetchAsync(new Uri(server.BaseAddress, "/hop"), Target(), CancellationToken.None);

        result.Status.ShouldBe(200);
        result.Length.ShouldBe(5);
        result.Sha256.ShouldBe(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData("hello"u8)));
        result.Redirects.ShouldHaveSingleItem().AbsolutePath.ShouldBe("/media.mp4");
        result.RemoteAddress.ShouldStartWith("127.0.0.1:");
        result.ResponseHeaders.ShouldContain(h => h.Key == "Content-Type" && h.Value == "video/mp4");
        (await File.ReadAllTextAsync(result.Path)).ShouldBe("hello");
    }

    [Theory]
    [InlineData("/to-forbidden", "forbidden-address")]
    [InlineData("/loop", "too-many-redirects")]
    [InlineData("/to-ftp", "bad-scheme")]
    [InlineData("/huge", "too-large")]
    [InlineData("/endless", "too-large")]
    [InlineData("/slow", "stalled")]
    [InlineData("/silent-headers", "stalled")]
    public async Task Fetch_HostileSource_FailsWithTheReasonAndLeavesNoFile(string path, string code)
    {
        var target = Target();
        var watch = System.Diagnostics.Stopwatch.StartNew();

        var error = await Should.ThrowAsync<FetchException>(() => fetcher.FetchAsync(new Uri(server.BaseAddress, path), target, CancellationToken.None));

        error.Code.ShouldBe(code);
        error.MessageZh.ShouldNotBeNullOrWhiteSpace();
        File.Exists(target).ShouldBeFalse();
        watch.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(15));
    }

    [Fact]
    public async Task Fetch_HtmlPage_IsFetchedAndSaysSo()
    {
        var result = await fetcher.FetchAsync(new Uri(server.BaseAddress, "/page.html"), Target(), CancellationToken.None);

        result.ContentType.ShouldBe("text/html");
        result.Length.ShouldBe(27);
    }

    [Theory]
    [InlineData("127.0.0.1", true)]
    [InlineData("127.0.0.2", false)]
    [InlineData("127.0.0.3", false)]
    [InlineData("::1", false)]
    [InlineData("::ffff:127.0.0.2", false)]
    public void IsAllowed_LoopbackOutsideTheConfiguredAllowance_IsRefused(string address, bool expected)
    {
        // Loopback only (tests never name other addresses): 127.0.0.1 is allowed by configuration,
        // 127.0.0.2 is explicitly forbidden, and the rest of loopback is non-public, hence refused.
        fetcher.IsAllowed(System.Net.IPAddress.Parse(address)).ShouldBe(expected);
    }

    private string Target() => Path.Combine(dir, Guid.NewGuid().ToString("N"));
}
