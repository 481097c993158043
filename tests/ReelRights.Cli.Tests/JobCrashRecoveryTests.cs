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
        await RunFfmpegAsync("-f", "lavfi", "-i", "mandelbrot=s=360x640:r=25,trim=duration=90", "-f", "lavfi", "-i", "sine=f=440:d=90:sample_rate=16000",
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

    private static async Task RunFfmpegAsync(params string[] arguments)
    {
        var start = new System.Diagnostics.ProcessStartInfo("ffmpeg") { UseShellExecute = false, RedirectStandardError = true };
        foreach (var a in (string[])["-nostdin", "-hide_banner", "-v", "error", "-y", .. arguments])
        {
            start.ArgumentList.Add(a);
        }
        using var process = System.Diagnostics.Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        process.ExitCode.ShouldBe(0, await stderr);
    }
}
