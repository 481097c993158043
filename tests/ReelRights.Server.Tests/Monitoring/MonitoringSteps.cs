using System.Diagnostics;
using System.IO.Compression;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ReelRights.Testing;

namespace ReelRights.Server.Tests.Monitoring;

/// <summary>What an owner does through the monitoring API, as steps the monitoring tests share.</summary>
internal static class MonitoringSteps
{
    public static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    /// <summary>The encoding every generated clip of these tests uses.</summary>
    public static readonly string[] Encode = ["-c:v", "libx264", "-preset", "ultrafast", "-crf", "26", "-pix_fmt", "yuv420p", "-c:a", "aac"];

    /// <summary>
    /// The fetch policy of the tests: the fake site on 127.0.0.1 is allowed, 127.0.0.2 stands for
    /// a forbidden address (redirects go there); plus any further settings.
    /// </summary>
    public static Dictionary<string, string?> LoopbackPolicy(params (string Key, string Value)[] more)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Monitoring:Fetch:AllowedNetworks:0"] = "127.0.0.1/32",
            ["Monitoring:Fetch:ForbiddenNetworks:0"] = "127.0.0.2/32",
        };
        foreach (var (key, value) in more)
        {
            settings[key] = value;
        }
        return settings;
    }

    /// <summary>
    /// Makes dir/episode.mp4 (12 s of generated picture and sound) and dir/<paramref name="copyName"/>:
    /// the pirated copy, mirrored, cropped to 85 % and a second cut off.
    /// </summary>
    public static async Task MakeEpisodeAndCopyAsync(string dir, string copyName, params string[] copyOptions)
    {
        await Ffmpeg.RunAsync([
            "-f", "lavfi", "-i", "mandelbrot=s=180x320:r=25,trim=duration=12",
            "-f", "lavfi", "-i", "aevalsrc='0.3*sin(2*PI*t*(500+300*sin(13*floor(4*t))))':s=16000:d=12", .. Encode, Path.Combine(dir, "episode.mp4")]);
        await Ffmpeg.RunAsync([
            "-ss", "1", "-i", Path.Combine(dir, "episode.mp4"), "-filter_complex", "[0:v]hflip,crop=iw*0.85:ih*0.85,scale=180:320[v]", "-map", "[v]", "-map", "0:a",
            .. Encode, .. copyOptions, Path.Combine(dir, copyName)]);
    }

    /// <summary>Starts a fake site on a free port of 127.0.0.1 with the routes <paramref name="map"/> adds; returns it and its address.</summary>
    public static async Task<(WebApplication Site, Uri Address)> StartSiteAsync(Action<WebApplication> map)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var site = builder.Build();
        map(site);
        await site.StartAsync();
        return (site, new Uri(site.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First()));
    }

    /// <summary>Creates a work with <paramref name="media"/> as episode 1 and waits until its registration is decided.</summary>
    public static async Task<string> RegisterAsync(HttpClient client, string media)
    {
        var work = (await (await client.PostAsJsonAsync("/api/works", new { title = "替身新娘", type = "micro-drama" })).Content.ReadFromJsonAsync<JsonElement>(Web)).GetProperty("id").GetString()!;
        await using (var file = File.OpenRead(media))
        {
            using var content = new StreamContent(file);
            (await client.PutAsync($"/api/works/{work}/episodes/1", content)).EnsureSuccessStatusCode();
        }
        var id = (await (await client.PostAsync($"/api/works/{work}/registrations", null)).Content.ReadFromJsonAsync<JsonElement>(Web)).GetProperty("id").GetString();
        await Eventually.UntilAsync($"registration {id} to leave checking", TimeSpan.FromSeconds(90),
            () => client.GetFromJsonAsync<JsonElement>($"/api/registrations/{id}", Web),
            r => r.GetProperty("state").GetString() != "checking");
        return work;
    }

    /// <summary>Creates a task from <paramref name="body"/> and returns its id.</summary>
    public static async Task<string> CreateTaskAsync(HttpClient client, object body)
    {
        var created = await client.PostAsJsonAsync("/api/monitoring/tasks", body);
        created.StatusCode.ShouldBe(System.Net.HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        return (await created.Content.ReadFromJsonAsync<JsonElement>(Web)).GetProperty("id").GetString()!;
    }

    /// <summary>Waits for the task's latest run to finish; it must end done, whatever its sources did.</summary>
    public static async Task<JsonElement> WaitForRunAsync(HttpClient client, string? taskId)
    {
        var detail = await Eventually.UntilAsync($"monitoring task {taskId} to finish its run", TimeSpan.FromSeconds(180),
            () => client.GetFromJsonAsync<JsonElement>($"/api/monitoring/tasks/{taskId}", Web),
            d => d.GetProperty("runState").GetString() is "done" or "dead");
        detail.GetProperty("runState").GetString().ShouldBe("done", detail.ToString());
        return detail;
    }

    /// <summary>Requests evidence for a hit and waits until the capture is sealed or failed.</summary>
    public static async Task<JsonElement> CaptureAsync(HttpClient client, string? hitId)
    {
        var requested = await client.PostAsync($"/api/monitoring/hits/{hitId}/evidence", null);
        requested.StatusCode.ShouldBe(System.Net.HttpStatusCode.Accepted, await requested.Content.ReadAsStringAsync());
        return await WaitForBundleAsync(client, (await requested.Content.ReadFromJsonAsync<JsonElement>(Web)).GetProperty("id").GetString());
    }

    public static async Task<JsonElement> WaitForBundleAsync(HttpClient client, string? id)
    {
        return await Eventually.UntilAsync($"evidence capture {id} to end", TimeSpan.FromSeconds(180),
            () => client.GetFromJsonAsync<JsonElement>($"/api/evidence/{id}", Web),
            b => b.GetProperty("state").GetString() != "capturing");
    }

    /// <summary>A verifier that trusts only what the server publishes: its log keys and its TSA certificate.</summary>
    public static async Task<ReelRights.Ledger.Evidence.EvidenceBundleVerifier> BundleVerifierAsync(LoopbackServer server) =>
        new(await ReceiptVerifierAsync(server));

    /// <summary>A receipt verifier that trusts only the server's published log keys and TSA certificate.</summary>
    public static async Task<ReelRights.Ledger.Receipts.ReceiptVerifier> ReceiptVerifierAsync(LoopbackServer server)
    {
        using var anonymous = server.CreateClient();
        var keys = await anonymous.GetFromJsonAsync<JsonElement>("/api/ledger/keys", Web);
        var verifiers = keys.GetProperty("keys").EnumerateArray().Select(k => ReelRights.Ledger.Notes.NoteKeys.ParseVerifierKey(k.GetProperty("verifierKey").GetString()!)).ToList();
        var tsa = System.Security.Cryptography.X509Certificates.X509Certificate2.CreateFromPem(keys.GetProperty("tsaCertificatePem").GetString()!);
        return new ReelRights.Ledger.Receipts.ReceiptVerifier(verifiers, [tsa], requireTimestamp: true);
    }

    /// <summary>One entry of a zip, as bytes.</summary>
    public static byte[] Entry(byte[] zip, string name)
    {
        using var archive = new ZipArchive(new MemoryStream(zip), ZipArchiveMode.Read);
        using var read = (archive.GetEntry(name) ?? throw new ShouldAssertException($"{name} is not in the bundle")).Open();
        using var buffer = new MemoryStream();
        read.CopyTo(buffer);
        return buffer.ToArray();
    }

    public static string EntryText(byte[] zip, string name) => Encoding.UTF8.GetString(Entry(zip, name));

    /// <summary>The same zip with one entry's bytes changed.</summary>
    public static byte[] Rewrite(byte[] zip, string entryName, Action<byte[]> change)
    {
        using var input = new ZipArchive(new MemoryStream(zip), ZipArchiveMode.Read);
        using var output = new MemoryStream();
        using (var copy = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var entry in input.Entries)
            {
                using var read = entry.Open();
                using var buffer = new MemoryStream();
                read.CopyTo(buffer);
                var bytes = buffer.ToArray();
                if (entry.FullName == entryName)
                {
                    change(bytes);
                }
                using var write = copy.CreateEntry(entry.FullName).Open();
                write.Write(bytes);
            }
        }
        return output.ToArray();
    }
}
