using System.IO.Compression;
using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using ReelRights.Core.Accounts;
using ReelRights.Ledger.Cases;
using ReelRights.Server.Tests.Api;
using ReelRights.Testing;
using static ReelRights.Server.Tests.Monitoring.MonitoringSteps;

namespace ReelRights.Server.Tests.Cases;

/// <summary>
/// The whole notice path over real HTTP, ending in mediation: a monitoring hit with sealed
/// evidence → notice → measure → forwarded → the respondent asks for mediation → the operator
/// assigns a mediator → session, messages with a document, proposal and counter-proposal →
/// agreement → both signatures → settled → the judicial-confirmation package verifies offline,
/// and every way of forging it is caught.
/// </summary>
public sealed class MediationApiTests : IAsyncLifetime
{
    private readonly string dir = Directory.CreateTempSubdirectory("rr-mediation-").FullName;
    private WebApplication? site;
    private Uri? siteAddress;

    public async ValueTask InitializeAsync()
    {
        await MakeEpisodeAndCopyAsync(dir, "pirated.mp4");
        (site, siteAddress) = await StartSiteAsync(app =>
            app.MapGet("/v/{name}.mp4", (string name) => Results.File(Path.Combine(dir, name + ".mp4"), "video/mp4")));
    }

    public async ValueTask DisposeAsync()
    {
        if (site is not null)
        {
            await site.DisposeAsync();
        }
        Directory.Delete(dir, recursive: true);
    }

    [Fact]
    public async Task HitToSettlement_OverHttp_PackageVerifiesOfflineAndForgeriesFail()
    {
        var settings = LoopbackPolicy(("Cases:CalendarFile", TestCalendar.WriteWeekendsOnly()));
        await using var server = await LoopbackServer.StartAsync("Sqlite", settings);
        var claimantTenant = await server.CreateTenantAsync("星河影业");
        var platformTenant = await server.CreateTenantAsync("快看视频", OrganizationKind.Platform);
        var mediatorTenant = await server.CreateTenantAsync("杭州版权调解中心", OrganizationKind.Mediator);
        var operatorTenant = await server.CreateTenantAsync("平台运营方", OrganizationKind.Operator);
        var otherTenant = await server.CreateTenantAsync("别家影业");
        using var claimant = server.CreateClient(claimantTenant.ApiKey);
        using var platform = server.CreateClient(platformTenant.ApiKey);
        using var mediator = server.CreateClient(mediatorTenant.ApiKey);
        using var op = server.CreateClient(operatorTenant.ApiKey);
        using var other = server.CreateClient(otherTenant.ApiKey);
        using var anonymous = server.CreateClient();

        // A registered episode, a hit on the pirated copy, its evidence sealed.
        await RegisterAsync(claimant, Path.Combine(dir, "episode.mp4"));
        var task = await CreateTaskAsync(claimant, new { name = "巡查", urls = new[] { new Uri(siteAddress!, "/v/pirated.mp4").ToString() } });
        await WaitForRunAsync(claimant, task);
        var hit = (await claimant.GetFromJsonAsync<JsonElement>($"/api/monitoring/hits?taskId={task}", ReelRights.Server.Tests.Monitoring.MonitoringSteps.Web)).EnumerateArray().Single().GetProperty("id").GetString();
        var bundle = await CaptureAsync(claimant, hit);
        bundle.GetProperty("state").GetString().ShouldBe("sealed", bundle.ToString());

        // Notice → measure → forwarded to the respondent, who asks for mediation.
        var opened = await claimant.PostAsJsonAsync("/api/cases", new { hitIds = new[] { hit }, platform = new { organizationId = platformTenant.Organization.Id } });
        opened.StatusCode.ShouldBe(HttpStatusCode.Created, await opened.Content.ReadAsStringAsync());
        var id = (await opened.Content.ReadFromJsonAsync<JsonElement>())[0].GetProperty("id").GetString();
        await Ok(claimant.PostAsJsonAsync($"/api/cases/{id}/actions/send-notice", new { }));
        var location = (await platform.GetFromJsonAsync<JsonElement>($"/api/cases/{id}")).GetProperty("locations")[0].GetProperty("id").GetString();
        await Ok(platform.PostAsJsonAsync($"/api/cases/{id}/actions/record-measure", new { measures = new[] { new { locationId = location, measure = "removed" } } }));
        var link = (await Ok(platform.PostAsJsonAsync($"/api/cases/{id}/actions/forward-to-respondent", new { }))).GetProperty("respondentLink").GetString()!;
        var respond = $"/api/respond/{link[(link.LastIndexOf('/') + 1)..]}";
        var acceptTooEarly = await mediator.PostAsJsonAsync($"/api/cases/{id}/actions/accept-mediation", new { });
        await Ok(anonymous.PostAsJsonAsync($"{respond}/actions/propose-mediation", new { note = "愿意调解 / willing to mediate" }));
        await Ok(op.PostAsJsonAsync($"/api/cases/{id}/mediator", new { mediatorOrganizationId = mediatorTenant.Organization.Id }));
        await Ok(mediator.PostAsJsonAsync($"/api/cases/{id}/actions/accept-mediation", new { }));

        // A session in Asia/Shanghai, messages (one with a PDF, an HTML file refused), proposals.
        var start = TimeZoneInfo.ConvertTimeFromUtc(DateTime.UtcNow.AddDays(2), TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai"));
        var localStart = new DateTime(start.Year, start.Month, start.Day, 14, 30, 0);
        var session = await Ok(mediator.PostAsJsonAsync($"/api/cases/{id}/sessions", new { localStart, durationMinutes = 90, onlineLink = "https://meet.example/room/1" }));
        var claimantOnSession = await claimant.PostAsJsonAsync($"/api/cases/{id}/sessions", new { localStart, durationMinutes = 90, place = "杭州" });
        var pdf = Encoding.ASCII.GetBytes("%PDF-1.4\n% license contract scan\n");
        var withDocument = await Ok(claimant.PostAsync($"/api/cases/{id}/messages", Form("授权合同见附件 / contract attached", pdf, "合同.pdf")));
        var html = await claimant.PostAsync($"/api/cases/{id}/messages", Form("看这个", "<html><script>alert(1)</script></html>"u8.ToArray(), "x.html"));
        await Ok(anonymous.PostAsJsonAsync($"{respond}/messages", new { text = "我方同意下架 / we agree to take it down" }));
        var first = await Ok(claimant.PostAsJsonAsync($"/api/cases/{id}/proposals",
            new { amountMinor = 2_000_000, currency = "CNY", paymentSchedule = "签署后 15 日内一次付清", takedownScope = "全部副本" }));
        var counter = await Ok(anonymous.PostAsJsonAsync($"{respond}/proposals", new
        {
            amountMinor = 800_000, currency = "cny", paymentSchedule = "分两期，每期 4,000 元", takedownScope = "全部副本",
            respondsTo = first.GetProperty("id").GetString(),
        }));
        var selfAccept = await anonymous.PostAsync($"{respond}/proposals/{counter.GetProperty("id").GetString()}/accept", null);
        await Ok(claimant.PostAsync($"/api/cases/{id}/proposals/{counter.GetProperty("id").GetString()}/accept", null));

        // The agreement: drafted, a signature over another PDF refused, signed by both, settled.
        var agreement = await Ok(mediator.PostAsync($"/api/cases/{id}/agreement", null));
        var sha = agreement.GetProperty("pdfSha256").GetString()!;
        var agreementPdf = await anonymous.GetByteArrayAsync($"{respond}/agreement.pdf");
        var forged = await anonymous.PostAsJsonAsync($"{respond}/actions/sign-agreement", new { agreementSha256 = new string('0', 64) });
        await Ok(claimant.PostAsJsonAsync($"/api/cases/{id}/actions/sign-agreement", new { agreementSha256 = sha }));
        var settleEarly = await mediator.PostAsJsonAsync($"/api/cases/{id}/actions/settle", new { });
        var twice = await claimant.PostAsJsonAsync($"/api/cases/{id}/actions/sign-agreement", new { agreementSha256 = sha });
        await Ok(anonymous.PostAsJsonAsync($"{respond}/actions/sign-agreement", new { agreementSha256 = sha }));
        var settled = await Ok(mediator.PostAsJsonAsync($"/api/cases/{id}/actions/settle", new { }));
        var view = await claimant.GetFromJsonAsync<JsonElement>($"/api/cases/{id}/mediation");
        var detail = await claimant.GetFromJsonAsync<JsonElement>($"/api/cases/{id}");
        var package = await claimant.GetAsync($"/api/cases/{id}/judicial-package");
        var otherPackage = await other.GetAsync($"/api/cases/{id}/judicial-package");
        var otherMediation = await other.GetAsync($"/api/cases/{id}/mediation");

        // Not assigned yet, the mediator is no party: the case does not exist for it.
        await acceptTooEarly.ShouldBeProblemAsync(HttpStatusCode.NotFound, "not-found");
        session.GetProperty("timeZone").GetString().ShouldBe("Asia/Shanghai");
        session.GetProperty("localStart").GetString().ShouldEndWith("14:30");
        await claimantOnSession.ShouldBeProblemAsync(HttpStatusCode.Forbidden, "forbidden");
        withDocument.GetProperty("document").GetProperty("type").GetString().ShouldBe("application/pdf");
        await html.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "document-type-refused");
        (await claimant.GetByteArrayAsync(withDocument.GetProperty("document").GetProperty("url").GetString())).ShouldBe(pdf);
        counter.GetProperty("currency").GetString().ShouldBe("CNY");
        await selfAccept.ShouldBeProblemAsync(HttpStatusCode.Conflict, "proposal-not-open");
        Convert.ToHexStringLower(SHA256.HashData(agreementPdf)).ShouldBe(sha);
        agreementPdf.AsSpan(0, 5).ToArray().ShouldBe("%PDF-"u8.ToArray());
        await forged.ShouldBeProblemAsync(HttpStatusCode.Conflict, "agreement-changed");
        await settleEarly.ShouldBeProblemAsync(HttpStatusCode.Conflict, "agreement-unsigned");
        await twice.ShouldBeProblemAsync(HttpStatusCode.Conflict, "already-signed");
        settled.GetProperty("case").GetProperty("state").GetString().ShouldBe("settled");
        view.GetProperty("agreement").GetProperty("state").GetString().ShouldBe("signed");
        view.GetProperty("agreement").GetProperty("signatures").EnumerateArray().Select(s => s.GetProperty("role").GetString()).ShouldBe(["claimant", "respondent"]);
        view.GetProperty("proposals").EnumerateArray().Select(p => p.GetProperty("state").GetString()).ShouldBe(["countered", "accepted"]);
        view.GetProperty("messages").GetArrayLength().ShouldBe(2);
        detail.GetProperty("deadlines").EnumerateArray().ShouldContain(d => d.GetProperty("clock").GetString() == "judicial-confirmation");
        var signSteps = detail.GetProperty("steps").EnumerateArray().Where(s => s.GetProperty("action").GetString() is "sign-agreement" or "settle").ToList();
        signSteps.Count.ShouldBe(3);
        signSteps.ShouldAllBe(s => s.GetProperty("attachmentsSha256").GetString() == sha);
        await otherPackage.ShouldBeProblemAsync(HttpStatusCode.NotFound, "not-found");
        await otherMediation.ShouldBeProblemAsync(HttpStatusCode.NotFound, "not-found");

        // The package verifies offline against the published keys only.
        package.StatusCode.ShouldBe(HttpStatusCode.OK, await package.Content.ReadAsStringAsync());
        var zip = await package.Content.ReadAsByteArrayAsync();
        var verifier = new JudicialPackageVerifier(await ReceiptVerifierAsync(server));
        var result = verifier.Verify(new MemoryStream(zip));
        result.IsValid.ShouldBeTrue(string.Join("\n", result.Checks.Where(c => !c.Passed).Select(c => $"{c.Subject}: {c.Detail}")));
        result.Checks.ShouldContain(c => c.Subject.StartsWith("evidence/", StringComparison.Ordinal) && c.Passed);
        result.Checks.ShouldContain(c => c.Subject == "notice/notice.html" && c.Passed);
        result.Manifest!.Steps.Count.ShouldBe(detail.GetProperty("steps").GetArrayLength());
        result.Manifest.Files.ShouldContain(f => f.Path.StartsWith("documents/", StringComparison.Ordinal) && f.Path.EndsWith("合同.pdf", StringComparison.Ordinal));
        Entry(zip, "agreement/agreement.pdf").ShouldBe(agreementPdf);

        // Forgeries: a changed PDF; the same with the index changed to match; a signature dropped; a step dropped.
        var changedPdf = Rewrite(zip, "agreement/agreement.pdf", b => b[^20] ^= 1);
        Failure(verifier, changedPdf).ShouldBe("agreement/agreement.pdf");
        var pdfAndIndex = RewriteIndex(changedPdf, (index, entries) =>
        {
            var (newSha, newSm3) = Digests(entries["agreement/agreement.pdf"]);
            var file = index["files"]!.AsArray().Single(f => (string?)f!["path"] == "agreement/agreement.pdf")!;
            file["sha256"] = newSha;
            file["sm3"] = newSm3;
            index["agreement"]!["sha256"] = newSha;
            index["agreement"]!["sm3"] = newSm3;
        });
        Failure(verifier, pdfAndIndex).ShouldStartWith("签署 / signature");
        var oneSignature = RewriteIndex(zip, (index, _) => index["agreement"]!["signatures"]!.AsArray().RemoveAt(1));
        Failure(verifier, oneSignature).ShouldBe("签署 / signatures");
        var stepDropped = RewriteIndex(zip, (index, _) => index["steps"]!.AsArray().RemoveAt(2));
        Failure(verifier, stepDropped).ShouldStartWith("步骤 / step");
        var noteEdited = RewriteIndex(zip, (index, _) => index["steps"]![1]!["at"] = "2020-01-01T00:00:00.000Z");
        Failure(verifier, noteEdited).ShouldStartWith("步骤 / step 2");
    }

    private static async Task<JsonElement> Ok(Task<HttpResponseMessage> call)
    {
        using var response = await call;
        var body = await response.Content.ReadAsStringAsync();
        response.IsSuccessStatusCode.ShouldBeTrue($"{response.RequestMessage?.RequestUri}: {(int)response.StatusCode} {body}");
        return body.Length == 0 ? default : JsonDocument.Parse(body).RootElement.Clone();
    }

    private static MultipartFormDataContent Form(string text, byte[] file, string name)
    {
        var form = new MultipartFormDataContent { { new StringContent(text), "text" } };
        form.Add(new ByteArrayContent(file), "file", name);
        return form;
    }

    private static string? Failure(JudicialPackageVerifier verifier, byte[] zip)
    {
        var result = verifier.Verify(new MemoryStream(zip));
        result.IsValid.ShouldBeFalse();
        return result.FirstFailure!.Subject;
    }

    private static (string Sha256, string Sm3) Digests(byte[] bytes) =>
        (Convert.ToHexStringLower(SHA256.HashData(bytes)), Convert.ToHexStringLower(ReelRights.Ledger.Records.Sm3.HashData(bytes)));

    /// <summary>The package with its index edited (and every other entry as it was).</summary>
    private static byte[] RewriteIndex(byte[] zip, Action<JsonNode, IReadOnlyDictionary<string, byte[]>> edit)
    {
        var entries = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        using (var input = new ZipArchive(new MemoryStream(zip), ZipArchiveMode.Read))
        {
            foreach (var entry in input.Entries)
            {
                entries[entry.FullName] = Entry(zip, entry.FullName);
            }
        }
        var index = JsonNode.Parse(entries[JudicialPackageManifest.ManifestPath])!;
        edit(index, entries);
        entries[JudicialPackageManifest.ManifestPath] = Encoding.UTF8.GetBytes(index.ToJsonString());
        using var output = new MemoryStream();
        using (var copy = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, bytes) in entries)
            {
                using var write = copy.CreateEntry(name).Open();
                write.Write(bytes);
            }
        }
        return output.ToArray();
    }
}
