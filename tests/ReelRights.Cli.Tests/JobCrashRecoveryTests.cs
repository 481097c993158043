using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using ReelRights.Testing;

namespace ReelRights.Cli.Tests;

/// <summary>
/// Kills the server (SIGKILL) while the background job fingerprints an uploaded episode: after a
/// restart the job is released, runs again and the registration completes — nothing is lost and
/// nothing is done twice.
/// </summary>
public sealed class JobCrashRecoveryTests
{
    [Fact]
    public async Task KillDuringFingerprinting_JobRunsAgainAfterRestartAndRegistrationSeals()
    {
        await using var database = await TestDatabase.CreateAsync("Sqlite");
        var dataDir = Directory.CreateTempSubdirectory("rr-jobcrash-").FullName;
        var clip = Path.Combine(dataDir, "long.mp4");
        await Ffmpeg.RunAsync("-f", "lavfi", "-i", "mandelbrot=s=360x640:r=25,trim=duration=90", "-f", "lavfi", "-i", "sine=f=440:d=90:sample_rate=16000",
            "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", "-c:a", "aac", clip);
        var env = new Dictionary<string, string>
        {
            ["REELRIGHTS_Database__Provider"] = "Sqlite",
            ["REELRIGHTS_Database__ConnectionString"] = database.ConnectionString,
        };
        string[] dir = ["--data-dir", dataDir];
        (await CliProcess.RunAsync(["admin", "create-org", "--name", "Crash Studio", "--kind", "rights-holder", .. dir], env)).Exit.ShouldBe(0);
        var keyRun = await CliProcess.RunAsync(["admin", "create-api-key", "--org", "Crash Studio", "--name", "k", "--permissions", "works:read works:write", .. dir], env);
        var apiKey = JsonDocument.Parse(keyRun.Stdout).RootElement.GetProperty("key").GetString()!;

        var served = await ServedCli.StartAsync(env, dir);
        string work;
        using (var http = Client(served.BaseAddress, apiKey))
        {
            work = (await (await http.PostAsJsonAsync("/api/works", new { title = "长集", type = "micro-drama" })).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
            await using var file = File.OpenRead(clip);
            using var content = new StreamContent(file);
            (await http.PutAsync($"/api/works/{work}/episodes/1?fileName=long.mp4", content)).EnsureSuccessStatusCode();
            (await http.PostAsync($"/api/works/{work}/registrations", null)).EnsureSuccessStatusCode();
            await WaitForAsync(http, work, e => e.GetProperty("state").GetString() == "fingerprinting", TimeSpan.FromSeconds(30));
        }
        await served.DisposeAsync();

        await using var restarted = await ServedCli.StartAsync(env, dir);
        using var after = Client(restarted.BaseAddress, apiKey);
        var ready = await WaitForAsync(after, work, e => e.GetProperty("state").GetString() == "ready", TimeSpan.FromSeconds(120));
        var detail = await WaitForDetailAsync(after, work, d => d.GetProperty("registrations")[0].GetProperty("state").GetString() == "sealed", TimeSpan.FromSeconds(60));

        ready.GetProperty("progress").GetDouble().ShouldBe(1);
        ready.GetProperty("fingerprintSha256").GetString()!.Length.ShouldBe(64);
        detail.GetProperty("registrations").GetArrayLength().ShouldBe(1);
        detail.GetProperty("registrations")[0].GetProperty("leafIndex").GetInt64().ShouldBeGreaterThanOrEqualTo(0);
    }

    [Fact]
    public async Task KillDuringMonitoringScan_ScanCompletesAfterRestartWithoutDuplicateHits()
    {
        await using var database = await TestDatabase.CreateAsync("Sqlite");
        var dataDir = Directory.CreateTempSubdirectory("rr-scancrash-").FullName;
        var episode = Path.Combine(dataDir, "episode.mp4");
        var copy = Path.Combine(dataDir, "copy.mp4");
        await Ffmpeg.RunAsync("-f", "lavfi", "-i", "mandelbrot=s=180x320:r=25,trim=duration=30", "-f", "lavfi", "-i", "aevalsrc='0.3*sin(2*PI*t*(500+300*sin(13*floor(4*t))))':s=16000:d=30",
            "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", "-c:a", "aac", episode);
        await Ffmpeg.RunAsync("-i", episode, "-vf", "hflip", "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", "-c:a", "aac", copy);
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        await using var site = builder.Build();
        site.MapGet("/v/{n}.mp4", (string n) => Results.File(copy, "video/mp4"));
        await site.StartAsync();
        var siteAddress = new Uri(site.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        var env = new Dictionary<string, string>
        {
            ["REELRIGHTS_Database__Provider"] = "Sqlite",
            ["REELRIGHTS_Database__ConnectionString"] = database.ConnectionString,
            ["REELRIGHTS_Monitoring__Fetch__AllowedNetworks__0"] = "127.0.0.1/32",
            ["REELRIGHTS_Jobs__Workers"] = "1",
        };
        string[] dir = ["--data-dir", dataDir];
        (await CliProcess.RunAsync(["admin", "create-org", "--name", "Scan Studio", "--kind", "rights-holder", .. dir], env)).Exit.ShouldBe(0);
        var keyRun = await CliProcess.RunAsync(["admin", "create-api-key", "--org", "Scan Studio", "--name", "k", "--permissions", "works:read works:write monitoring:read monitoring:write", .. dir], env);
        var apiKey = JsonDocument.Parse(keyRun.Stdout).RootElement.GetProperty("key").GetString()!;
        var urls = Enumerable.Range(1, 8).Select(i => new Uri(siteAddress, $"/v/{i}.mp4").ToString()).ToArray();

        var served = await ServedCli.StartAsync(env, dir);
        string taskId;
        using (var http = Client(served.BaseAddress, apiKey))
        {
            var work = (await (await http.PostAsJsonAsync("/api/works", new { title = "长集", type = "micro-drama" })).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
            await using (var file = File.OpenRead(episode))
            {
                using var content = new StreamContent(file);
                (await http.PutAsync($"/api/works/{work}/episodes/1", content)).EnsureSuccessStatusCode();
            }
            (await http.PostAsync($"/api/works/{work}/registrations", null)).EnsureSuccessStatusCode();
            await WaitForDetailAsync(http, work, d => d.GetProperty("registrations")[0].GetProperty("state").GetString() == "sealed", TimeSpan.FromSeconds(90));
            var created = await http.PostAsJsonAsync("/api/monitoring/tasks", new { name = "巡查", urls });
            taskId = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
            // Kill once some sources are done but not all.
            await Eventually.UntilAsync($"2 to {urls.Length - 1} of {urls.Length} sources to yield hits before the kill", TimeSpan.FromSeconds(120),
                async () => (await http.GetFromJsonAsync<JsonElement>($"/api/monitoring/hits?taskId={taskId}")).GetArrayLength(),
                n => n >= 2 && n < urls.Length, n => $"{n} hits");
        }
        await served.DisposeAsync();

        await using var restarted = await ServedCli.StartAsync(env, dir);
        using var after = Client(restarted.BaseAddress, apiKey);
        var task = await Eventually.UntilAsync($"the resumed run of task {taskId} to finish", TimeSpan.FromSeconds(180),
            () => after.GetFromJsonAsync<JsonElement>($"/api/monitoring/tasks/{taskId}"),
            t => t.GetProperty("runState").GetString() == "done");
        var hits = await after.GetFromJsonAsync<JsonElement>($"/api/monitoring/hits?taskId={taskId}");

        task.GetProperty("runState").GetString().ShouldBe("done");
        hits.GetArrayLength().ShouldBe(urls.Length);
        hits.EnumerateArray().Select(h => h.GetProperty("source").GetString()).Distinct().Count().ShouldBe(urls.Length);
    }

    private static HttpClient Client(Uri baseAddress, string apiKey)
    {
        var http = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(60) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
        return http;
    }

    private static async Task<JsonElement> WaitForAsync(HttpClient http, string work, Func<JsonElement, bool> episodeIs, TimeSpan limit)
    {
        var detail = await WaitForDetailAsync(http, work, d => episodeIs(d.GetProperty("episodes")[0]), limit);
        return detail.GetProperty("episodes")[0];
    }

    private static async Task<JsonElement> WaitForDetailAsync(HttpClient http, string work, Func<JsonElement, bool> condition, TimeSpan limit)
    {
        var deadline = DateTime.UtcNow + limit;
        while (true)
        {
            var detail = await http.GetFromJsonAsync<JsonElement>($"/api/works/{work}");
            if (condition(detail))
            {
                return detail;
            }
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("Condition not reached: " + detail);
            }
            await Task.Delay(100);
        }
    }

}
