using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Security.Cryptography.Pkcs;
using ReelRights.Core.Certificates;
using ReelRights.Core.Ledger;

namespace ReelRights.Core.Evidence;

/// <summary>
/// What the capturing machine was, as courts ask (a clean, known environment): tool versions, the
/// host clock against the time-stamping authority's, the DNS answers for the source's host, and no proxy.
/// </summary>
internal static class CaptureEnvironment
{
    public static async Task<object> RecordAsync(Uri url, ITimestamper timestamper, TimeProvider time, string? chromium, CaptureSession session,
        CancellationToken cancellationToken)
    {
        var hostClock = time.GetUtcNow();
        var nonce = RandomNumberGenerator.GetBytes(32);
        var token = await timestamper.TimestampAsync(SHA256.HashData(nonce), cancellationToken);
        var tsaTime = Rfc3161TimestampToken.TryDecode(token, out var decoded, out _) ? decoded!.TokenInfo.Timestamp : (DateTimeOffset?)null;
        session.Log("时钟比对 / clock check", $"host {hostClock:O}, TSA {tsaTime:O}");
        string[] dns;
        try
        {
            dns = IPAddress.TryParse(url.Host, out var literal) ? [literal.ToString()]
                : (await Dns.GetHostAddressesAsync(url.Host, cancellationToken)).Select(a => a.ToString()).ToArray();
        }
        catch (System.Net.Sockets.SocketException e)
        {
            dns = ["resolution failed: " + e.SocketErrorCode];
        }
        session.Log("DNS 解析 / DNS", $"{url.Host} → {string.Join(", ", dns)}");
        return new
        {
            tools = new
            {
                reelrights = typeof(EvidenceService).Assembly.GetName().Version?.ToString(),
                dotnet = RuntimeInformation.FrameworkDescription,
                os = RuntimeInformation.OSDescription,
                ffmpeg = await FirstLineAsync("ffmpeg", ["-hide_banner", "-version"], cancellationToken),
                chromium = ChromiumProcess.Find(chromium) is { } browser ? await FirstLineAsync(browser, ["--version"], cancellationToken) : "not installed",
            },
            clock = new
            {
                host = hostClock.ToString("O", CultureInfo.InvariantCulture),
                timestampAuthority = tsaTime?.ToString("O", CultureInfo.InvariantCulture),
                differenceSeconds = tsaTime is { } t ? Math.Round((hostClock - t).TotalSeconds, 3) : (double?)null,
                timestampToken = Convert.ToBase64String(token),
                timestampedNonce = Convert.ToHexStringLower(nonce),
            },
            dns = new { host = url.Host, answers = dns },
            proxy = "无：直接连接，不使用代理 / none: direct connections, proxies disabled",
            tls = "系统信任库校验证书（TLS 1.2/1.3）/ certificates validated against the system trust store (TLS 1.2/1.3)",
        };
    }

    /// <summary>The first line a tool prints about its version (ten seconds at most, then it is killed).</summary>
    private static async Task<string> FirstLineAsync(string tool, string[] arguments, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            return "unknown: " + e.Message;
        }
        using (process)
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(10));
            try
            {
                var stderr = process.StandardError.ReadToEndAsync(timeout.Token);
                var first = await process.StandardOutput.ReadLineAsync(timeout.Token) ?? "";
                await process.WaitForExitAsync(timeout.Token);
                await stderr;
                return first.Trim();
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                cancellationToken.ThrowIfCancellationRequested();
                return "unknown: no answer within 10 s";
            }
        }
    }
}
