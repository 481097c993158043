using System.Net;
using System.Net.Http.Headers;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Options;
using ReelRights.Core.Monitoring.Hls;

namespace ReelRights.Core.Monitoring;

/// <summary>Limits for fetching from the open internet (configuration section <c>Monitoring:Fetch</c>).</summary>
public sealed class FetchOptions
{
    public long MaxBytes { get; set; } = 4L << 30;
    /// <summary>Whole fetch, redirects included.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromMinutes(10);
    /// <summary>Longest wait for the next bytes (a slow-loris server ends here).</summary>
    public TimeSpan ReadTimeout { get; set; } = TimeSpan.FromSeconds(30);
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(15);
    public int MaxRedirects { get; set; } = 5;

    /// <summary>
    /// Networks allowed although they are not public (e.g. an intranet video server, or 127.0.0.1
    /// in tests). Everything private, loopback, link-local, multicast or reserved is refused otherwise.
    /// </summary>
    public List<string> AllowedNetworks { get; set; } = [];

    /// <summary>Networks refused in addition to the non-public ones (also wins over <see cref="AllowedNetworks"/>).</summary>
    public List<string> ForbiddenNetworks { get; set; } = [];

    public string UserAgent { get; set; } = "ReelRights-Monitor/1.0 (+https://github.com/reelrights)";

    /// <summary>Limits on HLS playlists and the streams they list (section <c>Monitoring:Fetch:Hls</c>).</summary>
    public HlsOptions Hls { get; set; } = new();
}

/// <summary>What a fetch brought back, with everything evidence capture records.</summary>
public sealed record FetchResult(
    Uri RequestedUrl, Uri FinalUrl, int Status, string? ContentType, IReadOnlyList<KeyValuePair<string, string>> ResponseHeaders,
    IReadOnlyList<Uri> Redirects, string RemoteAddress, IReadOnlyList<byte[]> TlsCertificates, string Path, long Length, string Sha256);

/// <summary>Why a fetch was refused or failed; <see cref="Code"/> is stable.</summary>
public sealed class FetchException(string code, string messageZh, string messageEn, Exception? inner = null) : Exception($"{messageEn} ({code})", inner)
{
    public string Code { get; } = code;
    public string MessageZh { get; } = messageZh;
    public string MessageEn { get; } = messageEn;
}

/// <summary>
/// Downloads what monitoring is pointed at without becoming a tool against the network it runs
/// in (SSRF, OWASP ASVS 5.0 V1.3 / CWE-918): every address a name resolves to is checked when the
/// connection is made (so DNS rebinding cannot slip past a check made earlier), redirects are
/// followed by hand and checked again, only http and https, and size, total time and the wait for
/// each read are bounded. The body goes to a file the caller owns.
/// </summary>
public sealed class SafeFetcher : IDisposable
{
    private static readonly IPNetwork[] NonPublic =
    [
        IPNetwork.Parse("0.0.0.0/8"), IPNetwork.Parse("10.0.0.0/8"), IPNetwork.Parse("100.64.0.0/10"), IPNetwork.Parse("127.0.0.0/8"),
        IPNetwork.Parse("169.254.0.0/16"), IPNetwork.Parse("172.16.0.0/12"), IPNetwork.Parse("192.0.0.0/24"), IPNetwork.Parse("192.0.2.0/24"),
        IPNetwork.Parse("192.168.0.0/16"), IPNetwork.Parse("198.18.0.0/15"), IPNetwork.Parse("198.51.100.0/24"), IPNetwork.Parse("203.0.113.0/24"),
        IPNetwork.Parse("224.0.0.0/4"), IPNetwork.Parse("240.0.0.0/4"),
        IPNetwork.Parse("::/128"), IPNetwork.Parse("::1/128"), IPNetwork.Parse("fc00::/7"), IPNetwork.Parse("fe80::/10"), IPNetwork.Parse("ff00::/8"),
        IPNetwork.Parse("2001:db8::/32"), IPNetwork.Parse("64:ff9b::/96"),
    ];

    private readonly FetchOptions options;
    private readonly IPNetwork[] allowed;
    private readonly IPNetwork[] forbidden;
    private readonly HttpClient http;
    private readonly AsyncLocal<FetchState?> state = new();

    public SafeFetcher(IOptions<FetchOptions> options)
    {
        this.options = options.Value;
        allowed = this.options.AllowedNetworks.Select(IPNetwork.Parse).ToArray();
        forbidden = this.options.ForbiddenNetworks.Select(IPNetwork.Parse).ToArray();
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseProxy = false,
            UseCookies = false,
            AutomaticDecompression = DecompressionMethods.None,
            ConnectTimeout = this.options.ConnectTimeout,
            PooledConnectionLifetime = TimeSpan.FromMinutes(1),
            ConnectCallback = ConnectAsync,
            SslOptions = new SslClientAuthenticationOptions { RemoteCertificateValidationCallback = RecordCertificate },
        };
        http = new HttpClient(handler) { Timeout = System.Threading.Timeout.InfiniteTimeSpan };
        http.DefaultRequestHeaders.UserAgent.ParseAdd(this.options.UserAgent);
    }

    /// <summary>The headers every request carries (besides Host), for the evidence record.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> RequestHeaders =>
        [new("User-Agent", options.UserAgent), new("Accept", "*/*"), new("Connection", "close")];

    /// <summary>Whether monitoring may connect to <paramref name="address"/> under the configured policy.</summary>
    public bool IsAllowed(IPAddress address)
    {
        var ip = address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
        if (forbidden.Any(n => n.Contains(ip)))
        {
            return false;
        }
        return allowed.Any(n => n.Contains(ip)) || !NonPublic.Any(n => n.Contains(ip));
    }

    /// <summary>Fetches <paramref name="url"/> into <paramref name="destination"/> (created; deleted on failure).</summary>
    public async Task<FetchResult> FetchAsync(Uri url, string destination, CancellationToken cancellationToken, long? maxBytes = null)
    {
        var limit = Math.Min(maxBytes ?? options.MaxBytes, options.MaxBytes);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(options.Timeout);
        var fetch = new FetchState();
        state.Value = fetch;
        var redirects = new List<Uri>();
        var current = url;
        try
        {
            for (var hop = 0; ; hop++)
            {
                RequireHttp(current);
                using var request = new HttpRequestMessage(HttpMethod.Get, current);
                request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("*/*"));
                // A fresh connection per request: the address and TLS chain are recorded when a
                // connection is made, so a pooled one would leave the evidence without them (and
                // every connect is checked against the policy again).
                request.Headers.ConnectionClose = true;
                using var response = await WithReadTimeout(ct => http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct), deadline.Token);
                if ((int)response.StatusCode is >= 300 and < 400 && response.Headers.Location is { } location)
                {
                    if (hop >= options.MaxRedirects)
                    {
                        throw new FetchException("too-many-redirects", $"重定向超过 {options.MaxRedirects} 次。", $"More than {options.MaxRedirects} redirects.");
                    }
                    current = location.IsAbsoluteUri ? location : new Uri(current, location);
                    redirects.Add(current);
                    continue;
                }
                if (!response.IsSuccessStatusCode)
                {
                    throw new FetchException("http-error", $"服务器返回 {(int)response.StatusCode}。", $"The server answered {(int)response.StatusCode}.");
                }
                if (response.Content.Headers.ContentLength is { } declared && declared > limit)
                {
                    throw new FetchException("too-large", $"声明的大小 {declared} 字节超过上限 {limit}。", $"The declared size of {declared} bytes exceeds the limit of {limit}.");
                }
                var (length, sha256) = await CopyAsync(response, destination, limit, deadline.Token);
                return new FetchResult(url, current, (int)response.StatusCode, response.Content.Headers.ContentType?.ToString(),
                    response.Headers.Concat(response.Content.Headers).SelectMany(h => h.Value.Select(v => new KeyValuePair<string, string>(h.Key, v))).ToList(),
                    redirects, fetch.RemoteAddress ?? "", fetch.Certificates, destination, length, sha256);
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            File.Delete(destination);
            throw new FetchException("timeout", $"下载超过 {options.Timeout.TotalSeconds:F0} 秒，已停止。", $"The download took longer than {options.Timeout.TotalSeconds:F0} s and was stopped.");
        }
        catch (HttpRequestException e) when (e.InnerException is FetchException inner)
        {
            File.Delete(destination);
            throw inner;
        }
        catch (HttpRequestException e)
        {
            File.Delete(destination);
            throw new FetchException("connection-failed", $"无法连接：{e.Message}", $"Could not connect: {e.Message}", e);
        }
        catch
        {
            File.Delete(destination);
            throw;
        }
    }

    /// <summary>
    /// POSTs <paramref name="body"/> under the same address policy as every fetch (a webhook can
    /// name no private address the policy refuses); redirects are not followed. Returns the status
    /// code and up to 1 KiB of the answer.
    /// </summary>
    public async Task<(int Status, string Answer)> PostAsync(Uri url, byte[] body, string contentType, IEnumerable<KeyValuePair<string, string>> headers,
        TimeSpan timeout, CancellationToken cancellationToken)
    {
        RequireHttp(url);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        state.Value = new FetchState();
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        foreach (var (name, value) in headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }
        request.Headers.ConnectionClose = true;
        try
        {
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, deadline.Token);
            var buffer = new byte[1024];
            await using var stream = await response.Content.ReadAsStreamAsync(deadline.Token);
            var read = await stream.ReadAtLeastAsync(buffer, buffer.Length, throwOnEndOfStream: false, deadline.Token);
            return ((int)response.StatusCode, System.Text.Encoding.UTF8.GetString(buffer, 0, read));
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new FetchException("timeout", $"超过 {timeout.TotalSeconds:F0} 秒未响应。", $"No answer within {timeout.TotalSeconds:F0} s.");
        }
        catch (HttpRequestException e) when (e.InnerException is FetchException inner)
        {
            throw inner;
        }
        catch (HttpRequestException e)
        {
            throw new FetchException("connection-failed", $"无法连接：{e.Message}", $"Could not connect: {e.Message}", e);
        }
    }

    public void Dispose() => http.Dispose();

    private async Task<(long Length, string Sha256)> CopyAsync(HttpResponseMessage response, string destination, long limit, CancellationToken cancellationToken)
    {
        await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
        await using var file = new FileStream(destination, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, FileOptions.Asynchronous);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new byte[81920];
        long length = 0;
        while (true)
        {
            var read = await WithReadTimeout(ct => body.ReadAsync(buffer, ct).AsTask(), cancellationToken);
            if (read == 0)
            {
                break;
            }
            length += read;
            if (length > limit)
            {
                throw new FetchException("too-large", $"下载超过大小上限 {limit} 字节，已停止。", $"The download exceeded the limit of {limit} bytes and was stopped.");
            }
            hash.AppendData(buffer, 0, read);
            await file.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
        }
        return (length, Convert.ToHexStringLower(hash.GetHashAndReset()));
    }

    /// <summary>Each wait for the server (headers, then every read) gets at most the read timeout.</summary>
    private async Task<T> WithReadTimeout<T>(Func<CancellationToken, Task<T>> operation, CancellationToken cancellationToken)
    {
        using var read = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        read.CancelAfter(options.ReadTimeout);
        try
        {
            return await operation(read.Token);
        }
        catch (OperationCanceledException) when (read.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new FetchException("stalled", $"服务器 {options.ReadTimeout.TotalSeconds:F0} 秒内没有发送数据，已停止。",
                $"The server sent nothing for {options.ReadTimeout.TotalSeconds:F0} s; stopped.");
        }
    }

    private async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var host = context.DnsEndPoint.Host;
        var addresses = IPAddress.TryParse(host, out var literal) ? [literal] : await Dns.GetHostAddressesAsync(host, cancellationToken);
        var refused = addresses.FirstOrDefault(a => !IsAllowed(a));
        if (addresses.Length == 0 || refused is not null)
        {
            throw new FetchException("forbidden-address",
                $"拒绝连接 {host}（{refused}）：非公网地址，未被允许。", $"Refused to connect to {host} ({refused}): not a public address and not allowed.");
        }
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(addresses, context.DnsEndPoint.Port, cancellationToken);
            if (state.Value is { } fetch && socket.RemoteEndPoint is IPEndPoint remote)
            {
                var ip = remote.Address.IsIPv4MappedToIPv6 ? remote.Address.MapToIPv4() : remote.Address;
                fetch.RemoteAddress = new IPEndPoint(ip, remote.Port).ToString();
            }
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    private bool RecordCertificate(object sender, X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors)
    {
        if (state.Value is { } fetch && chain is not null)
        {
            fetch.Certificates.Clear();
            fetch.Certificates.AddRange(chain.ChainElements.Select(e => e.Certificate.RawData));
        }
        return errors == SslPolicyErrors.None;
    }

    private static void RequireHttp(Uri url)
    {
        if (!url.IsAbsoluteUri || url.Scheme is not ("http" or "https"))
        {
            throw new FetchException("bad-scheme", "只能抓取 http(s) 地址。", "Only http(s) addresses can be fetched.");
        }
    }

    private sealed class FetchState
    {
        public string? RemoteAddress { get; set; }
        public List<byte[]> Certificates { get; } = [];
    }
}
