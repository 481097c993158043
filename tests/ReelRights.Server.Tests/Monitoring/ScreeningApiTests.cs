using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ReelRights.Core.Accounts;
using ReelRights.Server.Tests.Api;
using ReelRights.Server.Tests.Works;
using ReelRights.Testing;

namespace ReelRights.Server.Tests.Monitoring;

/// <summary>
/// A platform screens uploads before publishing: a pirated copy of a registered episode is a match
/// with its seconds; once the owner declares the platform a licensed channel for that work, the same
/// upload is licensed; unrelated media is clear. Channels stay within their owner.
/// </summary>
public sealed class ScreeningApiTests : IAsyncLifetime
{
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);
    private readonly string dir = Directory.CreateTempSubdirectory("rr-screening-").FullName;

    private string Episode => Path.Combine(dir, "ep1.mp4");

    private string Copy => Path.Combine(dir, "copy.mp4");

    private string Unrelated => Path.Combine(dir, "unrelated.mp4");

    public async ValueTask InitializeAsync()
    {
        string[] encode = ["-c:v", "libx264", "-preset", "ultrafast", "-crf", "26", "-pix_fmt", "yuv420p", "-c:a", "aac"];
        await Ffmpeg.RunAsync([
            "-f", "lavfi", "-i", "mandelbrot=s=180x320:r=25,trim=duration=12",
            "-f", "lavfi", "-i", "aevalsrc='0.3*sin(2*PI*t*(500+300*sin(13*floor(4*t))))':s=16000:d=12", .. encode, Episode]);
        await Ffmpeg.RunAsync([
            "-ss", "2", "-i", Episode, "-filter_complex", "[0:v]hflip,setpts=PTS/1.25[v];[0:a]atempo=1.25[a]", "-map", "[v]", "-map", "[a]", .. encode, Copy]);
        await Ffmpeg.RunAsync([
            "-f", "lavfi", "-i", "cellauto=s=180x320:r=25:rule=30,trim=duration=8", "-f", "lavfi", "-i", "anoisesrc=d=8:c=brown:a=0.3:r=16000", .. encode, Unrelated]);
    }

    public ValueTask DisposeAsync()
    {
        Directory.Delete(dir, recursive: true);
        return ValueTask.CompletedTask;
    }

    [Fact]
    public async Task Screen_PiratedCopyThenLicensedThenUnrelated_GivesTheRightVerdicts()
    {
        await using var server = await LoopbackServer.StartAsync("Sqlite");
        var owner = await server.CreateTenantAsync("星河短剧");
        var platform = await server.CreateTenantAsync("快影平台", OrganizationKind.Platform);
        using var o = server.CreateClient(owner.ApiKey);
        using var p = server.CreateClient(platform.ApiKey);
        var work = await MonitoringSteps.RegisterAsync(o, Episode);

        var pirated = await ScreenAsync(p, Copy);
        var unrelated = await ScreenAsync(p, Unrelated);
        var declared = await o.PostAsJsonAsync("/api/monitoring/channels", new { kind = "licensed", workId = work, platformOrganizationId = platform.Organization.Id, note = "2026 年独家授权" });
        var licensed = await ScreenAsync(p, Copy);

        pirated.GetProperty("verdict").GetString().ShouldBe("match");
        var match = pirated.GetProperty("matches").EnumerateArray().ShouldHaveSingleItem();
        match.GetProperty("owner").GetString().ShouldBe("星河短剧");
        match.GetProperty("licensed").GetBoolean().ShouldBeFalse();
        match.GetProperty("class").GetString().ShouldBeOneOf("suspected", "needs-review");
        var segment = match.GetProperty("segments").EnumerateArray().MaxBy(s => s.GetProperty("queryEnd").GetDouble() - s.GetProperty("queryStart").GetDouble());
        segment.GetProperty("referenceStart").GetDouble().ShouldBe(2, 1.2);
        segment.GetProperty("referenceEnd").GetDouble().ShouldBe(12, 1.2);
        unrelated.GetProperty("verdict").GetString().ShouldBe("clear");
        declared.StatusCode.ShouldBe(HttpStatusCode.Created);
        licensed.GetProperty("verdict").GetString().ShouldBe("licensed");
        licensed.GetProperty("matches")[0].GetProperty("class").GetString().ShouldBe("licensed");
    }

    [Fact]
    public async Task Screen_OnALicenseesPlatform_FollowsTheLicense_ExpiredThenInForce()
    {
        await using var server = await LoopbackServer.StartAsync("Sqlite");
        var owner = await server.CreateTenantAsync("星河短剧");
        var platform = await server.CreateTenantAsync("快影平台", OrganizationKind.Platform);
        using var o = server.CreateClient(owner.ApiKey);
        using var p = server.CreateClient(platform.ApiKey);
        var work = await MonitoringSteps.RegisterAsync(o, Episode);

        var expired = await LicenseAsync(o, p, work, "2024-01-01", "2024-12-31");
        (await p.PostAsJsonAsync($"/api/licenses/{expired}/channels", new { platformOrganizationId = platform.Organization.Id }))
            .StatusCode.ShouldBe(HttpStatusCode.Conflict); // channels are declared on a license in force only
        var current = await LicenseAsync(o, p, work, "2026-01-01", "2099-12-31");
        var beforeChannel = await ScreenAsync(p, Copy);
        (await p.PostAsJsonAsync($"/api/licenses/{current}/channels", new { platformOrganizationId = platform.Organization.Id })).EnsureSuccessStatusCode();
        var licensed = await ScreenAsync(p, Copy);
        (await o.PostAsJsonAsync($"/api/licenses/{current}/terminate", new { note = "未付许可费" })).EnsureSuccessStatusCode();
        var terminated = await ScreenAsync(p, Copy);

        beforeChannel.GetProperty("verdict").GetString().ShouldBe("match");
        licensed.GetProperty("verdict").GetString().ShouldBe("licensed");
        var match = licensed.GetProperty("matches")[0];
        match.GetProperty("class").GetString().ShouldBe("licensed");
        match.GetProperty("licenseCode").GetString().ShouldBe(current);
        match.GetProperty("licenseEnd").GetString().ShouldBe("2099-12-31");
        terminated.GetProperty("verdict").GetString().ShouldBe("match");
        terminated.GetProperty("matches")[0].GetProperty("class").GetString().ShouldBe("license-expired");
        terminated.GetProperty("matches")[0].GetProperty("licenseCode").GetString().ShouldBe(current);
    }

    /// <summary>A streaming license of episode 1 from the owner to the platform, listed, offered, accepted and signed over the API.</summary>
    private static Task<string> LicenseAsync(HttpClient owner, HttpClient platform, string work, string start, string end) =>
        LicensingSteps.LicenseOverHttpAsync(owner, platform, work,
            new { rights = new[] { "streaming" }, territories = new[] { "CN" }, start, end, exclusivity = "non-exclusive", price = new { model = "flat-fee", currency = "CNY", flatFeeMinor = 100_000 } },
            "信息网络传播权");

    [Fact]
    public async Task Screen_FingerprintFileAndBadInput_AndOnlyPlatformsMayScreen()
    {
        await using var server = await LoopbackServer.StartAsync("Sqlite");
        var owner = await server.CreateTenantAsync("星河短剧");
        var platform = await server.CreateTenantAsync("快影平台", OrganizationKind.Platform);
        using var o = server.CreateClient(owner.ApiKey);
        using var p = server.CreateClient(platform.ApiKey);
        await MonitoringSteps.RegisterAsync(o, Episode);
        var rrfp = Path.Combine(dir, "copy.rrfp");
        var fingerprint = await new ReelRights.Core.Fingerprints.MediaFingerprinter(new ReelRights.Media.FfmpegMedia()).FingerprintAsync(Copy, CancellationToken.None);
        await using (var file = File.Create(rrfp))
        {
            fingerprint.WriteTo(file);
        }

        var fromFingerprint = await ScreenAsync(p, rrfp);
        using var text = new ByteArrayContent("not a video"u8.ToArray());
        var notMedia = await p.PostAsync("/api/screening", text);
        using var empty = new ByteArrayContent([]);
        var nothing = await p.PostAsync("/api/screening", empty);
        using var byOwner = new ByteArrayContent(await File.ReadAllBytesAsync(Copy));
        var ownerTries = await o.PostAsync("/api/screening", byOwner);

        fromFingerprint.GetProperty("verdict").GetString().ShouldBe("match");
        await notMedia.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "invalid-media");
        await nothing.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "empty-file");
        await ownerTries.ShouldBeProblemAsync(HttpStatusCode.Forbidden, "forbidden");
    }

    [Fact]
    public async Task Channels_AreCheckedAndStayWithTheirOwner()
    {
        await using var server = await LoopbackServer.StartAsync("Sqlite");
        var a = await server.CreateTenantAsync("A 影业");
        var b = await server.CreateTenantAsync("B 影业");
        var platform = await server.CreateTenantAsync("快影平台", OrganizationKind.Platform);
        using var ca = server.CreateClient(a.ApiKey);
        using var cb = server.CreateClient(b.ApiKey);
        var created = await ca.PostAsJsonAsync("/api/monitoring/channels", new { kind = "own", urlPrefix = "https://video.example/@a-studio" });
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>(Web)).GetProperty("id").GetString();

        await (await ca.PostAsJsonAsync("/api/monitoring/channels", new { kind = "licensed" })).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "invalid-channel");
        await (await ca.PostAsJsonAsync("/api/monitoring/channels", new { kind = "licensed", urlPrefix = "ftp://x/y" })).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "invalid-url");
        await (await ca.PostAsJsonAsync("/api/monitoring/channels", new { kind = "licensed", platformOrganizationId = b.Organization.Id })).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "invalid-platform");
        (await ca.PostAsJsonAsync("/api/monitoring/channels", new { kind = "licensed", platformOrganizationId = platform.Organization.Id })).StatusCode.ShouldBe(HttpStatusCode.Created);
        (await cb.GetStringAsync("/api/monitoring/channels")).ShouldNotContain("a-studio");
        await (await cb.DeleteAsync($"/api/monitoring/channels/{id}")).ShouldBeProblemAsync(HttpStatusCode.NotFound, "not-found");
        (await ca.GetFromJsonAsync<JsonElement>("/api/monitoring/channels", Web)).GetArrayLength().ShouldBe(2);
        (await ca.DeleteAsync($"/api/monitoring/channels/{id}")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
    }

    private static async Task<JsonElement> ScreenAsync(HttpClient client, string path)
    {
        await using var file = File.OpenRead(path);
        using var content = new StreamContent(file);
        var response = await client.PostAsync("/api/screening", content);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return await response.Content.ReadFromJsonAsync<JsonElement>(Web);
    }
}
