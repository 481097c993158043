using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using ReelRights.Server.Tests.Api;
using ReelRights.Testing;

namespace ReelRights.Server.Tests.Works;

/// <summary>
/// A large master sent in chunks: a connection dropped in the middle of a chunk keeps what arrived,
/// the client asks where to continue and finishes; the finished upload becomes an episode with the
/// whole file's hashes. Another organization cannot see or touch the upload.
/// </summary>
public sealed class ResumableUploadTests : IAsyncLifetime
{
    private readonly string dir = Directory.CreateTempSubdirectory("rr-resumable-").FullName;
    private LoopbackServer server = null!;

    private string Clip => Path.Combine(dir, "master.mp4");

    public async ValueTask InitializeAsync()
    {
        await Ffmpeg.RunAsync([
            "-f", "lavfi", "-i", "testsrc=s=360x640:r=25:d=6", "-f", "lavfi", "-i", "sine=f=440:d=6:sample_rate=16000",
            "-c:v", "libx264", "-preset", "ultrafast", "-crf", "18", "-pix_fmt", "yuv420p", "-c:a", "aac", Clip]);
        server = await LoopbackServer.StartAsync("Sqlite");
    }

    public async ValueTask DisposeAsync()
    {
        await server.DisposeAsync();
        Directory.Delete(dir, recursive: true);
    }

    [Fact]
    public async Task Upload_InterruptedMidChunk_ResumesFromReportedOffsetAndBecomesEpisode()
    {
        var tenant = await server.CreateTenantAsync("星河短剧");
        var other = await server.CreateTenantAsync("别家");
        using var client = server.CreateClient(tenant.ApiKey);
        using var stranger = server.CreateClient(other.ApiKey);
        var bytes = await File.ReadAllBytesAsync(Clip);
        var work = (await (await client.PostAsJsonAsync("/api/works", new { title = "母带", type = "micro-drama" })).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();
        var created = await client.PostAsJsonAsync("/api/uploads", new { fileName = "master.mp4", length = bytes.Length });
        created.StatusCode.ShouldBe(HttpStatusCode.Created);
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();

        // First chunk arrives whole.
        var first = bytes.Length / 4;
        (await PatchAsync(client, id, 0, new MemoryStream(bytes[..first]))).StatusCode.ShouldBe(HttpStatusCode.OK);
        // The second chunk's connection drops after part of it was sent.
        await Should.ThrowAsync<HttpRequestException>(() => PatchAsync(client, id, first, new DroppingStream(bytes[first..], dropAfter: bytes.Length / 4)));
        // A stale offset is refused with the offset to continue from.
        await (await PatchAsync(client, id, 0, new MemoryStream(bytes[..10]))).ShouldBeProblemAsync(HttpStatusCode.Conflict, "offset-mismatch");
        // Using the upload before it is complete is refused.
        using (var empty = new ByteArrayContent([]))
        {
            await (await client.PutAsync($"/api/works/{work}/episodes/1?upload={id}", empty)).ShouldBeProblemAsync(HttpStatusCode.Conflict, "upload-incomplete");
        }
        // The stranger sees nothing.
        await (await stranger.GetAsync($"/api/uploads/{id}")).ShouldBeProblemAsync(HttpStatusCode.NotFound, "not-found");
        await (await PatchAsync(stranger, id, 0, new MemoryStream(bytes[..10]))).ShouldBeProblemAsync(HttpStatusCode.NotFound, "not-found");
        await (await stranger.DeleteAsync($"/api/uploads/{id}")).ShouldBeProblemAsync(HttpStatusCode.NotFound, "not-found");

        var offset = (await client.GetFromJsonAsync<JsonElement>($"/api/uploads/{id}")).GetProperty("offset").GetInt64();
        offset.ShouldBeGreaterThanOrEqualTo(first);
        offset.ShouldBeLessThan(bytes.Length);
        var finished = await PatchAsync(client, id, offset, new MemoryStream(bytes[(int)offset..]));
        finished.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await finished.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("complete").GetBoolean().ShouldBeTrue();

        using var none = new ByteArrayContent([]);
        var episode = await client.PutAsync($"/api/works/{work}/episodes/1?upload={id}", none);

        episode.StatusCode.ShouldBe(HttpStatusCode.Accepted, await episode.Content.ReadAsStringAsync());
        var body = await episode.Content.ReadFromJsonAsync<JsonElement>();
        body.GetProperty("mediaSha256").GetString().ShouldBe(Convert.ToHexStringLower(SHA256.HashData(bytes)));
        body.GetProperty("fileName").GetString().ShouldBe("master.mp4");
        await (await client.GetAsync($"/api/uploads/{id}")).ShouldBeProblemAsync(HttpStatusCode.NotFound, "not-found");
    }

    [Fact]
    public async Task Create_BadLengthOrName_IsRefused()
    {
        var tenant = await server.CreateTenantAsync("星河短剧");
        using var client = server.CreateClient(tenant.ApiKey);

        await (await client.PostAsJsonAsync("/api/uploads", new { length = 0 })).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "empty-file");
        await (await client.PostAsJsonAsync("/api/uploads", new { length = long.MaxValue })).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "too-large");
        await (await client.PostAsJsonAsync("/api/uploads", new { length = 10, fileName = "../x.mp4" })).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "invalid-file-name");
        var id = (await (await client.PostAsJsonAsync("/api/uploads", new { length = 10 })).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();
        await (await PatchAsync(client, id, 0, new MemoryStream(new byte[11]))).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "too-large");
        using var noOffset = new HttpRequestMessage(HttpMethod.Patch, $"/api/uploads/{id}") { Content = new ByteArrayContent([1]) };
        await (await client.SendAsync(noOffset)).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "missing-offset");
    }

    [Fact]
    public async Task Chunk_WhileAnotherRequestWritesTheUpload_WaitsThenAnswersBusy_AndTheWriterFinishes()
    {
        await using var shortWait = await LoopbackServer.StartAsync("Sqlite", new Dictionary<string, string?> { ["Registration:UploadLockWait"] = "00:00:00.400" });
        var tenant = await shortWait.CreateTenantAsync("星河短剧");
        using var client = shortWait.CreateClient(tenant.ApiKey);
        var id = (await (await client.PostAsJsonAsync("/api/uploads", new { length = 300_000 })).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();

        // Enough bytes before the stall that the client's send buffer goes out and the server is writing.
        var stalled = new StallingStream(new byte[300_000], stallAfter: 150_000);
        var writer = PatchAsync(client, id, 0, stalled);
        await stalled.Stalled.WaitAsync(TimeSpan.FromSeconds(30));
        // Once the first request holds the upload, a second one waits, then is told it is busy (until
        // the server gets there, a probe at a wrong offset is answered with the offset instead).
        var deadline = DateTime.UtcNow.AddSeconds(30);
        string? code;
        do
        {
            using var probe = await PatchAsync(client, id, 299_999, new MemoryStream(new byte[1]));
            probe.StatusCode.ShouldBe(HttpStatusCode.Conflict);
            code = (await probe.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString();
            code.ShouldBeOneOf("upload-busy", "offset-mismatch");
        }
        while (code != "upload-busy" && DateTime.UtcNow < deadline);
        code.ShouldBe("upload-busy");

        stalled.Release();
        var done = await writer;
        done.StatusCode.ShouldBe(HttpStatusCode.OK, await done.Content.ReadAsStringAsync());
        (await client.GetFromJsonAsync<JsonElement>($"/api/uploads/{id}")).GetProperty("offset").GetInt64().ShouldBe(300_000);
    }

    private static Task<HttpResponseMessage> PatchAsync(HttpClient client, string? id, long offset, Stream body)
    {
        var request = new HttpRequestMessage(HttpMethod.Patch, $"/api/uploads/{id}") { Content = new StreamContent(body) };
        request.Headers.Add("Upload-Offset", offset.ToString(System.Globalization.CultureInfo.InvariantCulture));
        request.Headers.TransferEncodingChunked = true;
        return client.SendAsync(request);
    }

    /// <summary>A body whose connection fails after <c>dropAfter</c> bytes, as a dropped mobile link would.</summary>
    private sealed class DroppingStream(byte[] data, int dropAfter) : Stream
    {
        private int position;

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => data.Length;
        public override long Position { get => position; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            if (position >= dropAfter)
            {
                throw new IOException("connection dropped");
            }
            var n = Math.Min(Math.Min(count, 16 * 1024), dropAfter - position);
            Array.Copy(data, position, buffer, offset, n);
            position += n;
            return n;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }

    /// <summary>A body that sends some bytes, then waits until released, as a slow link would.</summary>
    private sealed class StallingStream(byte[] data, int stallAfter) : Stream
    {
        private readonly TaskCompletionSource stalled = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource released = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int position;

        public Task Stalled => stalled.Task;
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => data.Length;
        public override long Position { get => position; set => throw new NotSupportedException(); }

        public void Release() => released.TrySetResult();

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            if (position == stallAfter)
            {
                stalled.TrySetResult();
                await released.Task.WaitAsync(cancellationToken);
            }
            var end = position < stallAfter ? stallAfter : data.Length;
            var n = Math.Min(buffer.Length, end - position);
            data.AsMemory(position, n).CopyTo(buffer);
            position += n;
            return n;
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer, offset, count, CancellationToken.None).GetAwaiter().GetResult();

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
