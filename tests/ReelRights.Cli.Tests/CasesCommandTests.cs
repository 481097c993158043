using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using ReelRights.Core.Accounts;
using ReelRights.Core.Data;
using ReelRights.Core.Monitoring;
using ReelRights.Testing;

namespace ReelRights.Cli.Tests;

/// <summary><c>reelrights cases open --hits …</c>, <c>list</c> and <c>show</c> against a real server.</summary>
public sealed class CasesCommandTests
{
    [Theory]
    [InlineData("Sqlite")]
    [InlineData("Postgres")]
    public async Task OpenFromHits_OneCasePerWorkListingEveryHit_ThenListAndShow(string provider)
    {
        await using var server = await LoopbackServer.StartAsync(provider);
        var claimant = await server.CreateTenantAsync("星河影业");
        var platform = await server.CreateTenantAsync("快看视频", OrganizationKind.Platform);
        var other = await server.CreateTenantAsync("别家影业");
        using var client = server.CreateClient(claimant.ApiKey);
        var work = (await (await client.PostAsJsonAsync("/api/works", new { title = "替身新娘", type = "micro-drama" })).Content.ReadFromJsonAsync<JsonElement>())
            .GetProperty("id").GetGuid();
        // Hits as a monitoring run leaves them (the run itself is tested in Server.Tests).
        var hits = Enumerable.Range(1, 3).Select(i => Hit(claimant.Organization.Id, work, $"https://video.example/v/{i}", i * 10)).ToList();
        var foreign = Hit(other.Organization.Id, Guid.NewGuid(), "https://video.example/v/9", 5);
        await using (var scope = server.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ReelRightsDbContext>();
            foreach (var org in new[] { claimant.Organization.Id, other.Organization.Id })
            {
                db.MonitoringTasks.Add(new MonitoringTask { Id = TaskOf(org), OrganizationId = org, Name = "巡查", CreatedAt = DateTime.UtcNow });
            }
            db.MonitoringHits.AddRange([.. hits, foreign]);
            await db.SaveChangesAsync();
        }
        string[] connect = ["--server", server.BaseAddress.ToString(), "--api-key", claimant.ApiKey];

        var refused = await RunAsync(["cases", "open", "--hits", $"{hits[0].Id},{foreign.Id}", "--platform", platform.Organization.Id.ToString(), .. connect]);
        var opened = await RunAsync(["cases", "open", "--hits", string.Join(',', hits.Select(h => h.Id)), "--platform", platform.Organization.Id.ToString(), .. connect]);
        var listed = await RunAsync(["cases", "list", "--json", .. connect]);
        var id = JsonDocument.Parse(listed.Out).RootElement[0].GetProperty("id").GetString()!;
        var shown = await RunAsync(["cases", "show", id, .. connect]);

        refused.Exit.ShouldBe(1);
        refused.Err.ShouldContain("hit was not found");
        opened.Exit.ShouldBe(0, opened.Err);
        opened.Out.Trim().Split('\n').Length.ShouldBe(1);
        opened.Out.ShouldContain("替身新娘 → 快看视频");
        JsonDocument.Parse(listed.Out).RootElement.GetArrayLength().ShouldBe(1);
        shown.Exit.ShouldBe(0, shown.Err);
        foreach (var h in hits)
        {
            shown.Out.ShouldContain(h.Source);
        }
        shown.Out.ShouldContain("20 s");
        shown.Out.ShouldContain("存证 / ledger #");
        shown.Out.ShouldContain("send-notice");
    }

    [Fact]
    public async Task Package_OfASettledCase_DownloadsAndVerifiesOffline_AndATamperedCopyFails()
    {
        await using var server = await LoopbackServer.StartAsync("Sqlite", new Dictionary<string, string?> { ["Cases:CalendarFile"] = TestCalendar.WriteWeekendsOnly() });
        var (id, claimant) = await CaseSteps.SettledCaseAsync(server);
        var dir = Directory.CreateTempSubdirectory("rr-package-").FullName;
        try
        {
            using var anonymous = server.CreateClient();
            var keys = Path.Combine(dir, "keys.json");
            await File.WriteAllTextAsync(keys, await anonymous.GetStringAsync("/api/ledger/keys"));
            var zip = Path.Combine(dir, "package.zip");

            var downloaded = await RunAsync(["cases", "package", id, "-o", zip, "--server", server.BaseAddress.ToString(), "--api-key", claimant.ApiKey]);
            var verified = await RunAsync(["verify", zip, "--key-file", keys]);
            // One byte of the signed agreement changed inside the zip.
            var tampered = Path.Combine(dir, "tampered.zip");
            File.Copy(zip, tampered);
            using (var archive = System.IO.Compression.ZipFile.Open(tampered, System.IO.Compression.ZipArchiveMode.Update))
            {
                var entry = archive.GetEntry("agreement/agreement.pdf")!;
                byte[] bytes;
                using (var read = entry.Open())
                using (var copy = new MemoryStream())
                {
                    read.CopyTo(copy);
                    bytes = copy.ToArray();
                }
                entry.Delete();
                bytes[^10] ^= 1;
                using var write = archive.CreateEntry("agreement/agreement.pdf").Open();
                write.Write(bytes);
            }
            var refused = await RunAsync(["verify", tampered, "--key-file", keys]);

            downloaded.Exit.ShouldBe(0, downloaded.Err);
            downloaded.Out.ShouldContain("reelrights verify");
            verified.Exit.ShouldBe(0, verified.Out + verified.Err);
            verified.Out.ShouldContain("司法确认申请材料验证");
            verified.Out.ShouldContain("VALID");
            verified.Out.ShouldContain("settle");
            refused.Exit.ShouldBe(1);
            refused.Err.ShouldContain("agreement/agreement.pdf");
            File.Exists(zip + ".part").ShouldBeFalse();
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public async Task OpenWithSendNotice_HitsOfTwoWorks_GoOutAsOneNotice_AndSendingAgainIsRefused()
    {
        await using var server = await LoopbackServer.StartAsync("Sqlite", new Dictionary<string, string?> { ["Cases:CalendarFile"] = TestCalendar.WriteWeekendsOnly() });
        var claimant = await server.CreateTenantAsync("星河影业");
        using var client = server.CreateClient(claimant.ApiKey);
        async Task<Guid> WorkAsync(string title) =>
            (await (await client.PostAsJsonAsync("/api/works", new { title, type = "micro-drama" })).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var first = await WorkAsync("替身新娘");
        var second = await WorkAsync("横店群演");
        var hits = new[] { Hit(claimant.Organization.Id, first, "https://video.example/v/1", 12), Hit(claimant.Organization.Id, first, "https://video.example/v/2", 8),
            Hit(claimant.Organization.Id, second, "https://video.example/v/3", 30) };
        await using (var scope = server.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ReelRightsDbContext>();
            db.MonitoringTasks.Add(new MonitoringTask { Id = TaskOf(claimant.Organization.Id), OrganizationId = claimant.Organization.Id, Name = "巡查", CreatedAt = DateTime.UtcNow });
            db.MonitoringHits.AddRange(hits);
            await db.SaveChangesAsync();
        }
        string[] connect = ["--server", server.BaseAddress.ToString(), "--api-key", claimant.ApiKey];

        var opened = await RunAsync(["cases", "open", "--hits", string.Join(',', hits.Select(h => h.Id)), "--platform-name", "某视频站",
            "--platform-email", "abuse@video.example", "--send-notice", .. connect]);
        var listed = JsonDocument.Parse((await RunAsync(["cases", "list", "--json", .. connect])).Out).RootElement;
        var again = await RunAsync(["cases", "send-notice", .. listed.EnumerateArray().Select(c => c.GetProperty("id").GetString()!), .. connect]);
        var none = await RunAsync(["cases", "send-notice", Guid.NewGuid().ToString(), .. connect]);

        opened.Exit.ShouldBe(0, opened.Err);
        opened.Out.Trim().Split('\n').Length.ShouldBe(2);
        opened.Out.ShouldContain("通知已送达");
        listed.GetArrayLength().ShouldBe(2);
        listed.EnumerateArray().Select(c => c.GetProperty("noticeSha256").GetString()).Distinct().Count().ShouldBe(1);
        listed[0].GetProperty("noticeSha256").GetString().ShouldNotBeNull().ShouldMatch("^[0-9a-f]{64}$");
        again.Exit.ShouldBe(1);
        again.Err.ShouldContain("Case WQ-");
        none.Exit.ShouldBe(1);
        none.Err.ShouldContain("not found");
    }

    private static Guid TaskOf(Guid org) => new(org.ToByteArray().Reverse().ToArray());

    private static MonitoringHit Hit(Guid org, Guid work, string source, double seconds) => new()
    {
        Id = Guid.NewGuid(),
        OrganizationId = org,
        TaskId = TaskOf(org),
        Source = source,
        EpisodeId = Guid.NewGuid(),
        WorkId = work,
        MediaSha256 = new string('e', 64),
        Score = 0.9,
        Modality = "both",
        Segments = JsonSerializer.Serialize(new[] { new { queryStart = 0.0, queryEnd = seconds, referenceStart = 5.0, referenceEnd = 5.0 + seconds } }),
        Class = MatchClass.Suspected,
        FirstSeenAt = DateTime.UtcNow,
        LastSeenAt = DateTime.UtcNow,
        TimesSeen = 1,
    };

    private static async Task<(int Exit, string Out, string Err)> RunAsync(string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var exit = await CliApp.RunAsync(args, stdout, stderr);
        return (exit, stdout.ToString(), stderr.ToString());
    }
}
