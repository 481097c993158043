using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ReelRights.Core.Accounts;
using ReelRights.Ledger.Receipts;
using ReelRights.Server.Tests.Api;
using ReelRights.Testing;

namespace ReelRights.Server.Tests.Cases;

/// <summary>The cases API over real HTTP: a notice case from opening to a forwarded counter-notice, and the refusals.</summary>
public abstract class CasesApiTests(string provider)
{
    [Fact]
    public async Task NoticeCase_OverHttp_PartiesMoveItAndEachStepHasAReceipt()
    {
        var calendar = TestCalendar.WriteWeekendsOnly();
        await using var server = await LoopbackServer.StartAsync(provider, new Dictionary<string, string?> { ["Cases:CalendarFile"] = calendar });
        var claimantTenant = await server.CreateTenantAsync("星河影业");
        var platformTenant = await server.CreateTenantAsync("快看视频", OrganizationKind.Platform);
        var otherTenant = await server.CreateTenantAsync("别家影业");
        using var claimant = server.CreateClient(claimantTenant.ApiKey);
        using var platform = server.CreateClient(platformTenant.ApiKey);
        using var other = server.CreateClient(otherTenant.ApiKey);
        using var anonymous = server.CreateClient();
        var work = (await (await claimant.PostAsJsonAsync("/api/works", new { title = "替身新娘", type = "micro-drama" })).Content.ReadFromJsonAsync<JsonElement>())
            .GetProperty("id").GetString();

        var opened = await claimant.PostAsJsonAsync("/api/cases", new
        {
            workId = work,
            platform = new { organizationId = platformTenant.Organization.Id },
            locations = new[] { new { url = "https://video.example/v/1", platformItemId = "v1" } },
        });
        opened.StatusCode.ShouldBe(HttpStatusCode.Created, await opened.Content.ReadAsStringAsync());
        var id = (await opened.Content.ReadFromJsonAsync<JsonElement>())[0].GetProperty("id").GetString();
        var tooEarly = await platform.PostAsJsonAsync($"/api/cases/{id}/actions/record-measure", new { });
        (await claimant.PostAsJsonAsync($"/api/cases/{id}/actions/send-notice", new { })).EnsureSuccessStatusCode();
        var inbox = await platform.GetFromJsonAsync<JsonElement>("/api/cases/notices?status=open");
        var detail = await platform.GetFromJsonAsync<JsonElement>($"/api/cases/{id}");
        var location = detail.GetProperty("locations")[0].GetProperty("id").GetString();
        (await platform.PostAsJsonAsync($"/api/cases/{id}/actions/record-measure",
            new { measures = new[] { new { locationId = location, measure = "removed" } } })).EnsureSuccessStatusCode();
        var forwarded = await (await platform.PostAsJsonAsync($"/api/cases/{id}/actions/forward-to-respondent", new { })).Content.ReadFromJsonAsync<JsonElement>();
        var link = forwarded.GetProperty("respondentLink").GetString()!;
        var token = link[(link.LastIndexOf('/') + 1)..];
        var respondentView = await anonymous.GetFromJsonAsync<JsonElement>($"/api/respond/{token}");
        var counter = await anonymous.PostAsJsonAsync($"/api/respond/{token}/actions/submit-counter-notice",
            new { respondentName = "李某", respondentContact = "li@example.test", note = "原创 / my own footage" });
        (await platform.PostAsJsonAsync($"/api/cases/{id}/actions/forward-counter-notice", new { })).EnsureSuccessStatusCode();
        var final = await claimant.GetFromJsonAsync<JsonElement>($"/api/cases/{id}");
        var notice = await platform.GetByteArrayAsync($"/api/cases/{id}/notice");
        var noticePdf = await platform.GetAsync($"/api/cases/{id}/notice.pdf");
        var otherNotice = await other.GetAsync($"/api/cases/{id}/notice");

        await tooEarly.ShouldBeProblemAsync(HttpStatusCode.Conflict, "illegal-transition");
        inbox.EnumerateArray().Select(c => c.GetProperty("id").GetString()).ShouldBe([id]);
        detail.GetProperty("actions").EnumerateArray().Select(a => a.GetString()).ShouldBe(["record-measure", "reject-notice"], ignoreOrder: true);
        respondentView.GetProperty("roles").EnumerateArray().Select(r => r.GetString()).ShouldBe(["respondent"]);
        counter.StatusCode.ShouldBe(HttpStatusCode.OK, await counter.Content.ReadAsStringAsync());
        final.GetProperty("case").GetProperty("state").GetString().ShouldBe("counter-notice-forwarded");
        final.GetProperty("deadlines")[0].GetProperty("clock").GetString().ShouldBe("complaint-period");
        var steps = final.GetProperty("steps").EnumerateArray().ToList();
        steps.Count.ShouldBe(6);
        // The notice as the platform received it is the one the send-notice step sealed.
        var noticeText = System.Text.Encoding.UTF8.GetString(notice);
        noticeText.ShouldContain("侵权通知书");
        noticeText.ShouldContain("星河影业");
        noticeText.ShouldContain("https://video.example/v/1");
        noticeText.ShouldContain("第一千一百九十五条");
        Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(notice)).ShouldBe(steps[1].GetProperty("attachmentsSha256").GetString());
        final.GetProperty("case").GetProperty("noticeSha256").GetString().ShouldBe(steps[1].GetProperty("attachmentsSha256").GetString());
        noticePdf.Content.Headers.ContentType!.MediaType.ShouldBe("application/pdf");
        (await noticePdf.Content.ReadAsByteArrayAsync()).AsSpan(0, 5).ToArray().ShouldBe("%PDF-"u8.ToArray());
        await otherNotice.ShouldBeProblemAsync(HttpStatusCode.NotFound, "not-found");
        var keys = await anonymous.GetFromJsonAsync<JsonElement>("/api/ledger/keys");
        var verifier = new ReceiptVerifier(
            keys.GetProperty("keys").EnumerateArray().Select(k => ReelRights.Ledger.Notes.NoteKeys.ParseVerifierKey(k.GetProperty("verifierKey").GetString()!)).ToList(),
            [System.Security.Cryptography.X509Certificates.X509Certificate2.CreateFromPem(keys.GetProperty("tsaCertificatePem").GetString())], requireTimestamp: true);
        foreach (var step in steps)
        {
            var receipt = Receipt.Parse(await anonymous.GetStringAsync(step.GetProperty("receipt").GetString()));
            var result = verifier.Verify(receipt);
            result.IsValid.ShouldBeTrue(result.FailureMessage);
            result.Record!.Payload.ShouldContain(id!);
        }

        // Another organization, a forged link, an unknown move: each a problem, nothing changed.
        await (await other.GetAsync($"/api/cases/{id}")).ShouldBeProblemAsync(HttpStatusCode.NotFound, "not-found");
        await (await other.PostAsJsonAsync($"/api/cases/{id}/actions/withdraw", new { })).ShouldBeProblemAsync(HttpStatusCode.NotFound, "not-found");
        await (await other.GetAsync($"/api/cases/{id}/notice.pdf")).ShouldBeProblemAsync(HttpStatusCode.NotFound, "not-found");
        await (await other.PostAsJsonAsync($"/api/cases/{id}/mediator", new { mediatorOrganizationId = otherTenant.Organization.Id }))
            .ShouldBeProblemAsync(HttpStatusCode.Forbidden, "forbidden");
        (await other.GetFromJsonAsync<JsonElement>("/api/cases/notices?status=all")).GetArrayLength().ShouldBe(0);
        await (await anonymous.GetAsync("/api/respond/forged")).ShouldBeProblemAsync(HttpStatusCode.NotFound, "invalid-link");
        await (await claimant.PostAsJsonAsync($"/api/cases/{id}/actions/fly-away", new { })).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "unknown-action");
        await (await platform.PostAsJsonAsync($"/api/cases/{id}/actions/record-complaint", new { })).ShouldBeProblemAsync(HttpStatusCode.Forbidden, "forbidden");
        (await other.GetFromJsonAsync<JsonElement>("/api/cases")).GetArrayLength().ShouldBe(0);
        (await claimant.GetFromJsonAsync<JsonElement>($"/api/cases/{id}")).GetProperty("steps").GetArrayLength().ShouldBe(6);
        // The list filters by platform name.
        (await claimant.GetFromJsonAsync<JsonElement>($"/api/cases?platform={Uri.EscapeDataString("快看")}")).GetArrayLength().ShouldBe(1);
        (await claimant.GetFromJsonAsync<JsonElement>($"/api/cases?platform={Uri.EscapeDataString("别处视频")}")).GetArrayLength().ShouldBe(0);
    }

    [Fact]
    public async Task OneNotice_ForSeveralWorks_OnOnePlatform_OverHttp()
    {
        await using var server = await LoopbackServer.StartAsync(provider, new Dictionary<string, string?> { ["Cases:CalendarFile"] = TestCalendar.WriteWeekendsOnly() });
        var claimantTenant = await server.CreateTenantAsync("星河影业");
        var platformTenant = await server.CreateTenantAsync("快看视频", OrganizationKind.Platform);
        var otherTenant = await server.CreateTenantAsync("别家影业");
        using var claimant = server.CreateClient(claimantTenant.ApiKey);
        using var platform = server.CreateClient(platformTenant.ApiKey);
        using var other = server.CreateClient(otherTenant.ApiKey);
        async Task<string> OpenAsync(HttpClient client, string title)
        {
            var work = (await (await client.PostAsJsonAsync("/api/works", new { title, type = "micro-drama" })).Content.ReadFromJsonAsync<JsonElement>())
                .GetProperty("id").GetString();
            var opened = await client.PostAsJsonAsync("/api/cases", new
            {
                workId = work,
                platform = new { organizationId = platformTenant.Organization.Id },
                locations = new[] { new { url = $"https://video.example/v/{Guid.NewGuid():N}" } },
            });
            opened.StatusCode.ShouldBe(HttpStatusCode.Created, await opened.Content.ReadAsStringAsync());
            return (await opened.Content.ReadFromJsonAsync<JsonElement>())[0].GetProperty("id").GetString()!;
        }
        var ids = new[] { await OpenAsync(claimant, "替身新娘"), await OpenAsync(claimant, "横店群演"), await OpenAsync(claimant, "傅先生的马甲") };
        var theirs = await OpenAsync(other, "别家的剧");

        var foreign = await claimant.PostAsJsonAsync("/api/cases/notices", new { caseIds = new[] { ids[0], theirs } });
        var sent = await claimant.PostAsJsonAsync("/api/cases/notices", new { caseIds = ids });
        var again = await claimant.PostAsJsonAsync("/api/cases/notices", new { caseIds = ids });
        var malformed = await claimant.PostAsync("/api/cases/notices", new StringContent("{\"caseIds\": [", System.Text.Encoding.UTF8, "application/json"));

        await foreign.ShouldBeProblemAsync(HttpStatusCode.NotFound, "not-found");
        sent.StatusCode.ShouldBe(HttpStatusCode.OK, await sent.Content.ReadAsStringAsync());
        await again.ShouldBeProblemAsync(HttpStatusCode.Conflict, "illegal-transition");
        malformed.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var batch = await sent.Content.ReadFromJsonAsync<JsonElement>();
        var sha = batch.GetProperty("noticeSha256").GetString();
        batch.GetProperty("cases").EnumerateArray().Select(c => c.GetProperty("step").GetProperty("attachmentsSha256").GetString()).ShouldAllBe(s => s == sha);
        var inbox = await platform.GetFromJsonAsync<JsonElement>("/api/cases/notices?status=open");
        inbox.EnumerateArray().Select(c => c.GetProperty("id").GetString()).ShouldBe(ids, ignoreOrder: true);
        foreach (var id in ids)
        {
            var notice = await platform.GetByteArrayAsync($"/api/cases/{id}/notice");
            Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(notice)).ShouldBe(sha);
        }
        var text = System.Text.Encoding.UTF8.GetString(await platform.GetByteArrayAsync($"/api/cases/{ids[2]}/notice"));
        text.ShouldContain("替身新娘");
        text.ShouldContain("傅先生的马甲");
        text.ShouldNotContain("别家的剧");
        // The platform is told once about the notice, not once per case.
        var told = await platform.GetFromJsonAsync<JsonElement>("/api/notifications");
        told.EnumerateArray().Count(n => n.GetProperty("titleZh").GetString() == "新的侵权通知").ShouldBe(1);
        (await other.GetFromJsonAsync<JsonElement>($"/api/cases/{theirs}")).GetProperty("case").GetProperty("state").GetString().ShouldBe("open");
    }
}

public sealed class SqliteCasesApiTests() : CasesApiTests("Sqlite");

public sealed class PostgresCasesApiTests() : CasesApiTests("Postgres");
