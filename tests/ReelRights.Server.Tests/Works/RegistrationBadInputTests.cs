using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ReelRights.Server.Tests.Api;
using ReelRights.Testing;

namespace ReelRights.Server.Tests.Works;

/// <summary>
/// Every bad upload gets a clear problem response and leaves nothing behind: no episode or document
/// row, no blob in the store, the work still accepting that episode number.
/// </summary>
public sealed class RegistrationBadInputTests : IAsyncLifetime
{
    private readonly string dir = Directory.CreateTempSubdirectory("rr-register-bad-").FullName;
    private LoopbackServer server = null!;
    private HttpClient client = null!;
    private string work = "";

    private string Clip => Path.Combine(dir, "clip.mp4");

    public async ValueTask InitializeAsync()
    {
        await Ffmpeg.RunAsync([
            "-f", "lavfi", "-i", "testsrc=s=180x320:r=25:d=4", "-f", "lavfi", "-i", "sine=f=440:d=4:sample_rate=16000",
            "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", "-c:a", "aac", "-movflags", "+faststart", Clip]);
        server = await LoopbackServer.StartAsync("Sqlite", new Dictionary<string, string?> { ["Registration:MaxMediaBytes"] = "300000" });
        var tenant = await server.CreateTenantAsync("星河短剧");
        client = server.CreateClient(tenant.ApiKey);
        var created = await client.PostAsJsonAsync("/api/works", new { title = "测试剧", type = "micro-drama" });
        work = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
    }

    public async ValueTask DisposeAsync()
    {
        client.Dispose();
        await server.DisposeAsync();
        Directory.Delete(dir, recursive: true);
    }

    public static TheoryData<string> BadMedia => ["not-media", "truncated", "empty", "over-limit"];

    [Theory]
    [MemberData(nameof(BadMedia))]
    public async Task MediaUpload_BadFile_IsRefusedClearlyAndLeavesNothing(string kind)
    {
        var clip = await File.ReadAllBytesAsync(Clip);
        var (body, status, code) = kind switch
        {
            "not-media" => ("这是一份剧本，不是视频。"u8.ToArray(), HttpStatusCode.BadRequest, "invalid-media"),
            "truncated" => (clip[..(clip.Length / 3)], HttpStatusCode.BadRequest, "invalid-media"),
            "empty" => (Array.Empty<byte>(), HttpStatusCode.BadRequest, "empty-file"),
            // The declared length is over the limit: refused before a byte is stored.
            _ => (new byte[400_000], HttpStatusCode.RequestEntityTooLarge, "payload-too-large"),
        };
        var before = BlobFiles();

        using var content = new ByteArrayContent(body);
        var response = await client.PutAsync($"/api/works/{work}/episodes/1?fileName=ep1.mp4", content);

        await response.ShouldBeProblemAsync(status, code);
        await ShouldHaveNoEpisodesAsync();
        BlobFiles().ShouldBe(before);
        // The number is still free: a good file is accepted after the bad one.
        using var good = new ByteArrayContent(clip);
        (await client.PutAsync($"/api/works/{work}/episodes/1?fileName=ep1.mp4", good)).StatusCode.ShouldBe(HttpStatusCode.Accepted);
    }

    public static TheoryData<string> BadFingerprints => ["wrong-version", "bad-checksum", "garbage"];

    [Theory]
    [MemberData(nameof(BadFingerprints))]
    public async Task FingerprintUpload_WrongVersionOrChecksum_IsRefusedClearlyAndLeavesNothing(string kind)
    {
        var good = await FingerprintOfClipAsync();
        var body = (byte[])good.Clone();
        switch (kind)
        {
            case "wrong-version":
                body[4] = 99;
                break;
            case "bad-checksum":
                body[body.Length / 2] ^= 0x40;
                break;
            default:
                body = "RRFP not really"u8.ToArray();
                break;
        }
        var before = BlobFiles();

        using var content = new ByteArrayContent(body);
        var response = await client.PutAsync($"/api/works/{work}/episodes/2/fingerprint", content);

        await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "invalid-fingerprint");
        await ShouldHaveNoEpisodesAsync();
        BlobFiles().ShouldBe(before);
    }

    [Theory]
    [InlineData("../../etc/passwd")]
    [InlineData("..\\secret.docx")]
    [InlineData(".hidden")]
    [InlineData("a\u0000b.pdf")]
    public async Task DocumentUpload_PathTraversalName_IsRefusedAndLeavesNothing(string name)
    {
        var before = BlobFiles();

        using var content = new ByteArrayContent("改编授权书"u8.ToArray());
        var response = await client.PutAsync($"/api/works/{work}/documents?kind=adaptation-license&fileName={Uri.EscapeDataString(name)}", content);

        await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "invalid-file-name");
        var detail = await client.GetFromJsonAsync<JsonElement>($"/api/works/{work}");
        detail.GetProperty("documents").GetArrayLength().ShouldBe(0);
        BlobFiles().ShouldBe(before);
    }

    [Fact]
    public async Task MediaUpload_StreamedWithoutLengthOverTheLimit_IsRefusedAndLeavesNothing()
    {
        var before = BlobFiles();
        using var content = new StreamContent(new MemoryStream(new byte[400_000]));
        using var request = new HttpRequestMessage(HttpMethod.Put, $"/api/works/{work}/episodes/1?fileName=big.mp4") { Content = content };
        request.Headers.TransferEncodingChunked = true;

        var response = await client.SendAsync(request);

        response.StatusCode.ShouldBeOneOf(HttpStatusCode.BadRequest, HttpStatusCode.RequestEntityTooLarge);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        problem.GetProperty("code").GetString().ShouldBeOneOf("too-large", "payload-too-large");
        await ShouldHaveNoEpisodesAsync();
        BlobFiles().ShouldBe(before);
    }

    [Fact]
    public async Task CreateWork_MalformedOrContradictoryInput_IsRefused()
    {
        using var malformed = new StringContent("{\"title\": \"x\", \"type\": ", System.Text.Encoding.UTF8, "application/json");
        await (await client.PostAsync("/api/works", malformed)).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "invalid-json");
        await (await client.PostAsJsonAsync("/api/works", new { title = "", type = "micro-drama" })).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "invalid-title");
        await (await client.PostAsJsonAsync("/api/works", new { title = "x", type = "opera" })).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "invalid-json");
        await (await client.PostAsJsonAsync("/api/works", new { title = "x", type = "micro-drama", aigc = new { usesAi = false, tools = new[] { "Sora" } } }))
            .ShouldBeProblemAsync(HttpStatusCode.BadRequest, "invalid-aigc");
        await (await client.PostAsync($"/api/works/{work}/registrations", null)).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "nothing-to-register");
    }

    private async Task<byte[]> FingerprintOfClipAsync()
    {
        var path = Path.Combine(dir, "clip.rrfp");
        if (!File.Exists(path))
        {
            var fingerprint = await new ReelRights.Core.Fingerprints.MediaFingerprinter(new ReelRights.Media.FfmpegMedia()).FingerprintAsync(Clip, CancellationToken.None);
            await using var output = File.Create(path);
            fingerprint.WriteTo(output);
        }
        return await File.ReadAllBytesAsync(path);
    }

    private async Task ShouldHaveNoEpisodesAsync()
    {
        var detail = await client.GetFromJsonAsync<JsonElement>($"/api/works/{work}");
        detail.GetProperty("episodes").GetArrayLength().ShouldBe(0);
    }

    private List<string> BlobFiles()
    {
        var root = Path.Combine(server.DataDirectory, "blobs");
        return Directory.Exists(root) ? Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToList() : [];
    }
}
