using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using ReelRights.Core;

namespace ReelRights.Cli.Commands;

/// <summary>
/// The platform's HTTP API as the CLI uses it: an API key from <c>--api-key</c> or
/// <c>REELRIGHTS_API_KEY</c>, and problem responses turned back into the platform's own bilingual
/// errors, so a failure prints the same message the web UI would show.
/// </summary>
internal sealed class PlatformClient : IDisposable
{
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);
    private readonly HttpClient http;

    /// <summary>A client with an API key (from <paramref name="apiKey"/> or REELRIGHTS_API_KEY), or without one for public endpoints when <paramref name="anonymous"/>.</summary>
    public PlatformClient(string? server, string? apiKey, bool anonymous = false)
    {
        if (!Uri.TryCreate(server, UriKind.Absolute, out var baseAddress) || baseAddress.Scheme is not ("http" or "https"))
        {
            throw ReelRightsException.Invalid("invalid-server", "--server 需要 http(s) 地址。", "--server needs an http(s) URL.");
        }
        var key = string.IsNullOrWhiteSpace(apiKey) ? Environment.GetEnvironmentVariable("REELRIGHTS_API_KEY") : apiKey;
        if (string.IsNullOrWhiteSpace(key) && !anonymous)
        {
            throw ReelRightsException.Invalid("missing-api-key", "需要 API 密钥：--api-key 或环境变量 REELRIGHTS_API_KEY。",
                "An API key is needed: --api-key or the REELRIGHTS_API_KEY environment variable.");
        }
        // Uploads of several GB take a while; each call has its own cancellation instead.
        http = new HttpClient { BaseAddress = baseAddress, Timeout = Timeout.InfiniteTimeSpan };
        if (!string.IsNullOrWhiteSpace(key))
        {
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key.Trim());
        }
    }

    public async Task<JsonElement> GetAsync(string path, CancellationToken cancellationToken) =>
        await ReadAsync(await http.GetAsync(path, cancellationToken), cancellationToken);

    public async Task<string> GetTextAsync(string path, CancellationToken cancellationToken)
    {
        using var response = await http.GetAsync(path, cancellationToken);
        await ThrowIfProblemAsync(response, cancellationToken);
        return await response.Content.ReadAsStringAsync(cancellationToken);
    }

    public async Task<JsonElement> PostJsonAsync(string path, object body, CancellationToken cancellationToken) =>
        await ReadAsync(await http.PostAsJsonAsync(path, body, Web, cancellationToken), cancellationToken);

    public async Task<JsonElement> PutFileAsync(string path, string file, CancellationToken cancellationToken)
    {
        await using var stream = File.OpenRead(file);
        using var content = new StreamContent(stream);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        return await ReadAsync(await http.PutAsync(path, content, cancellationToken), cancellationToken);
    }

    /// <summary>Streams a response body to <paramref name="file"/> (written beside it first, so a failed download leaves nothing half-written).</summary>
    public async Task<long> DownloadAsync(string path, string file, CancellationToken cancellationToken)
    {
        using var response = await http.GetAsync(path, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        await ThrowIfProblemAsync(response, cancellationToken);
        var partial = file + ".part";
        try
        {
            await using (var output = File.Create(partial))
            {
                await response.Content.CopyToAsync(output, cancellationToken);
            }
            File.Move(partial, file, overwrite: true);
        }
        finally
        {
            File.Delete(partial);
        }
        return new FileInfo(file).Length;
    }

    public void Dispose() => http.Dispose();

    private static async Task<JsonElement> ReadAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        using (response)
        {
            await ThrowIfProblemAsync(response, cancellationToken);
            return await response.Content.ReadFromJsonAsync<JsonElement>(Web, cancellationToken);
        }
    }

    private static async Task ThrowIfProblemAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (response.IsSuccessStatusCode)
        {
            return;
        }
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        try
        {
            var problem = JsonDocument.Parse(body).RootElement;
            if (problem.TryGetProperty("messageZh", out var zh) && problem.TryGetProperty("messageEn", out var en))
            {
                throw new ReelRightsException(ErrorKind.Validation, problem.TryGetProperty("code", out var c) ? c.GetString() ?? "error" : "error",
                    zh.GetString() ?? "", en.GetString() ?? "");
            }
        }
        catch (JsonException)
        {
            // Not a problem document: fall through to the status line.
        }
        throw new ReelRightsException(ErrorKind.Validation, "http-" + (int)response.StatusCode,
            $"平台返回 {(int)response.StatusCode}。", $"The platform answered {(int)response.StatusCode} {response.ReasonPhrase}.");
    }
}
