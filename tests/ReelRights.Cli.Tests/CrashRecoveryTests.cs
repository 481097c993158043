using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using ReelRights.Testing;

namespace ReelRights.Cli.Tests;

/// <summary>
/// Kills the server with SIGKILL while clients append, restarts it, and checks that every
/// acknowledged entry survived, the log is consistent with the last checkpoint seen before the
/// kill (via <c>reelrights ledger audit</c>), and appends continue.
/// </summary>
public sealed class CrashRecoveryTests
{
    [Theory]
    [InlineData("Sqlite")]
    [InlineData("Postgres")]
    public async Task KillDuringAppends_AcknowledgedEntriesSurviveAndLogStaysConsistent(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var dataDir = Directory.CreateTempSubdirectory("rr-crash-").FullName;
        var env = new Dictionary<string, string>
        {
            ["REELRIGHTS_Database__Provider"] = provider,
            ["REELRIGHTS_Database__ConnectionString"] = database.ConnectionString,
        };
        string[] dir = ["--data-dir", dataDir];
        (await CliProcess.RunAsync(["admin", "create-org", "--name", "Crash Studio", "--kind", "rights-holder", .. dir], env)).Exit.ShouldBe(0);
        var keyRun = await CliProcess.RunAsync(["admin", "create-api-key", "--org", "Crash Studio", "--name", "loop", "--permissions", "ledger:attest", .. dir], env);
        var apiKey = JsonDocument.Parse(keyRun.Stdout).RootElement.GetProperty("key").GetString()!;

        var acknowledged = new ConcurrentDictionary<long, string>();
        var served = await ServedCli.StartAsync(env, dir);
        using var http = new HttpClient { BaseAddress = served.BaseAddress, Timeout = TimeSpan.FromSeconds(10) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
        var seenCheckpoint = "";
        var refused = new ConcurrentQueue<string>();
        using var stop = new CancellationTokenSource();
        // A writer keeps going through slow answers and refusals (a busy machine times requests
        // out): only the kill below, followed by the stop, ends it. Refusals are kept for the
        // failure message.
        var writers = Enumerable.Range(0, 4).Select(w => Task.Run(async () =>
        {
            for (var i = 0; !stop.IsCancellationRequested; i++)
            {
                try
                {
                    using var response = await http.PostAsJsonAsync("/api/ledger/attestations", new { title = $"w{w}-{i}", sha256 = new string('c', 64) }, stop.Token);
                    if (!response.IsSuccessStatusCode)
                    {
                        refused.Enqueue($"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync(stop.Token)}");
                        continue;
                    }
                    var body = await response.Content.ReadFromJsonAsync<JsonElement>(stop.Token);
                    acknowledged[body.GetProperty("index").GetInt64()] = body.GetProperty("leafHash").GetString()!;
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException or JsonException or IOException)
                {
                    refused.Enqueue(e.GetType().Name + ": " + e.Message);
                    await Task.Delay(50, CancellationToken.None);
                }
            }
        })).ToList();
        await Eventually.UntilAsync("80 acknowledged appends before the kill", TimeSpan.FromMinutes(3), async () =>
        {
            try
            {
                seenCheckpoint = await http.GetStringAsync("/ledger/checkpoint");
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                refused.Enqueue("checkpoint read: " + e.Message);
            }
            return acknowledged.Count;
        }, n => n >= 80, n => $"{n} acknowledged; last refusals: {string.Join(" | ", refused.TakeLast(3))}");
        await served.DisposeAsync();
        await stop.CancelAsync();
        await Task.WhenAll(writers);

        await using var restarted = await ServedCli.StartAsync(env, dir);
        using var after = new HttpClient { BaseAddress = restarted.BaseAddress };
        after.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
        foreach (var (index, leafHash) in acknowledged)
        {
            var entry = await after.GetFromJsonAsync<JsonElement>($"/api/ledger/entries/{index}");
            entry.GetProperty("leafHash").GetString().ShouldBe(leafHash);
        }
        var checkpointFile = Path.Combine(dataDir, "seen-checkpoint.txt");
        var keysFile = Path.Combine(dataDir, "keys.json");
        await File.WriteAllTextAsync(checkpointFile, seenCheckpoint);
        await File.WriteAllTextAsync(keysFile, await after.GetStringAsync("/api/ledger/keys"));
        var audit = await CliProcess.RunAsync(["ledger", "audit", "--from", checkpointFile, "--server", restarted.BaseAddress.ToString(), "--key-file", keysFile]);
        audit.Exit.ShouldBe(0, audit.Stderr);
        audit.Stdout.ShouldContain("consistent");

        var size = long.Parse(SignedCheckpointSize(await after.GetStringAsync("/ledger/checkpoint")), System.Globalization.CultureInfo.InvariantCulture);
        size.ShouldBeGreaterThanOrEqualTo(acknowledged.Keys.Max() + 1);
        var next = await (await after.PostAsJsonAsync("/api/ledger/attestations", new { title = "after restart", sha256 = new string('d', 64) }))
            .Content.ReadFromJsonAsync<JsonElement>();
        next.GetProperty("index").GetInt64().ShouldBe(size);
        await restarted.DisposeAsync();
        Directory.Delete(dataDir, recursive: true);
    }

    private static string SignedCheckpointSize(string note) => note.Split('\n')[1];
}
