using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using ReelRights.Core.Data;
using ReelRights.Core.Notifications;
using ReelRights.Testing;

namespace ReelRights.Server.Tests.Api;

/// <summary>
/// Two organizations; everything one of them can reach of the other's must answer as if it did
/// not exist. Runs once per database provider.
/// </summary>
public abstract class IsolationTests(string provider)
{
    /// <summary>
    /// Every /api route and how this class checks it. A new endpoint fails
    /// <see cref="EveryApiEndpoint_IsCoveredByIsolationTests"/> until it is added here and tested.
    /// </summary>
    private static readonly string[] CoveredRoutes =
    [
        "GET /api/me",
        "GET /api/organizations/",
        "POST /api/organizations/",
        "GET /api/organizations/{id:guid}",
        "GET /api/organizations/{id:guid}/users",
        "POST /api/organizations/{id:guid}/invitations",
        "GET /api/api-keys/",
        "POST /api/api-keys/",
        "DELETE /api/api-keys/{id:guid}",
        "GET /api/audit",
        // The ledger is public to read by design (anyone may verify); see LedgerApiTests.
        "GET /api/ledger/checkpoint",
        "GET /api/ledger/checkpoints",
        "GET /api/ledger/entries/{index:long}",
        "GET /api/ledger/entries",
        "GET /api/ledger/proofs/inclusion",
        "GET /api/ledger/proofs/consistency",
        "GET /api/ledger/receipts/{index:long}",
        "GET /api/ledger/keys",
        "POST /api/ledger/tsa",
        "POST /api/ledger/attestations/",
        "GET /api/ledger/attestations/",
        // Registration: see WorksOfOtherOrganizations_AreNotFoundForEveryWorkRoute.
        "POST /api/works/",
        "GET /api/works/",
        "GET /api/works/{id:guid}",
        "PUT /api/works/{id:guid}/episodes/{number:int}",
        "PUT /api/works/{id:guid}/episodes/{number:int}/fingerprint",
        "POST /api/works/{id:guid}/rights",
        "PUT /api/works/{id:guid}/documents",
        "POST /api/works/{id:guid}/registrations",
        "GET /api/registrations/{id:guid}",
        "GET /api/registrations/{id:guid}/receipt",
        "GET /api/registrations/review",
        "POST /api/uploads/",
        // Monitoring: see ScreeningApiTests.
        "POST /api/monitoring/channels/",
        "GET /api/monitoring/channels/",
        "DELETE /api/monitoring/channels/{id:guid}",
        "POST /api/screening",
        "POST /api/monitoring/tasks/",
        "GET /api/monitoring/tasks/",
        "GET /api/monitoring/tasks/{id:guid}",
        "POST /api/monitoring/tasks/{id:guid}/run",
        "GET /api/monitoring/hits/",
        "POST /api/monitoring/hits/{id:guid}/dismiss",
        "POST /api/monitoring/hits/{id:guid}/restore",
        "GET /api/monitoring/hits/{id:guid}/history",
        "POST /api/monitoring/hits/{id:guid}/evidence",
        "GET /api/monitoring/hits/{id:guid}/evidence",
        "GET /api/evidence/{id:guid}",
        "GET /api/evidence/{id:guid}/bundle.zip",
        "GET /api/uploads/{id:guid}",
        "PATCH /api/uploads/{id:guid}",
        "DELETE /api/uploads/{id:guid}",
        "GET /api/registrations/{id:guid}/certificate",
        "GET /api/registrations/{id:guid}/certificate.pdf",
        // Public verification by design (anyone may check a certificate or a copy); see RegistrationApiTests.
        "POST /api/verify/",
        "GET /api/verify/certificates/{number}",
        "POST /api/registrations/{id:guid}/decision",
        // Notifications: see Notifications_OfAnotherOrganization_AreNeitherListedNorMarked (and RegistrationApiTests).
        "GET /api/notifications/",
        "GET /api/notifications/unread-count",
        "POST /api/notifications/{id:guid}/read",
        "POST /api/notifications/read-all",
        // Cases: see CasesApiTests (another organization gets 404 on the case, its moves, its notice
        // and an empty list; a forged respondent link is 404) and CaseServiceTests.Parties_SeeOnlyTheirCases.
        "POST /api/cases/",
        "GET /api/cases/",
        "GET /api/cases/notices",
        // One notice for several cases: see NoticeSenderTests (another organization's case is 404) and CasesApiTests.
        "POST /api/cases/notices",
        "GET /api/cases/{id:guid}",
        "GET /api/cases/{id:guid}/notice",
        "GET /api/cases/{id:guid}/notice.pdf",
        "POST /api/cases/{id:guid}/actions/{action}",
        "POST /api/cases/{id:guid}/mediator",
        "POST /api/cases/disputes",
        "PUT /api/cases/policy",
        "GET /api/respond/{token}",
        "POST /api/respond/{token}/actions/{action}",
        "GET /api/cases/{id:guid}/mediation",
        "POST /api/cases/{id:guid}/sessions",
        "POST /api/cases/{id:guid}/messages",
        "GET /api/cases/{id:guid}/documents/{sha256}",
        "POST /api/cases/{id:guid}/proposals",
        "POST /api/cases/{id:guid}/proposals/{proposalId:guid}/accept",
        "POST /api/cases/{id:guid}/proposals/{proposalId:guid}/withdraw",
        "POST /api/cases/{id:guid}/agreement",
        "GET /api/cases/{id:guid}/agreement.pdf",
        "GET /api/cases/{id:guid}/agreement.html",
        "GET /api/cases/{id:guid}/judicial-package",
        "GET /api/respond/{token}/mediation",
        "POST /api/respond/{token}/messages",
        "GET /api/respond/{token}/documents/{sha256}",
        "POST /api/respond/{token}/proposals",
        "POST /api/respond/{token}/proposals/{proposalId:guid}/accept",
        "POST /api/respond/{token}/proposals/{proposalId:guid}/withdraw",
        "GET /api/respond/{token}/agreement.pdf",
        "POST /api/cases/{id:guid}/mediator-choice",
        "GET /api/mediators",
        "POST /api/respond/{token}/mediator-choice",
        "GET /api/respond/{token}/mediators",
        "PUT /api/cases/webhook/",
        "GET /api/cases/webhook/deliveries",
        // Licensing: see DealServiceTests.Isolation_StrangersSeeNeitherDealsNorInvitedListings and LicensingApiTests
        // (another organization gets 404 on the deal, its contract and the license); the public check is anonymous by design.
        "POST /api/listings/",
        "GET /api/listings/",
        "GET /api/listings/mine",
        "GET /api/listings/{id:guid}",
        "POST /api/listings/{id:guid}/withdraw",
        "POST /api/listings/{id:guid}/offers",
        "GET /api/deals/",
        "GET /api/deals/{id:guid}",
        "POST /api/deals/{id:guid}/counter",
        "POST /api/deals/{id:guid}/accept",
        "POST /api/deals/{id:guid}/sign",
        "POST /api/deals/{id:guid}/withdraw",
        "GET /api/deals/{id:guid}/contract.pdf",
        "GET /api/deals/{id:guid}/contract.html",
        "GET /api/licenses/",
        "GET /api/licenses/{code}",
        "GET /api/licenses/{code}/public",
        "GET /api/licenses/{code}/channels",
        "POST /api/licenses/{code}/channels",
        "DELETE /api/licenses/{code}/channels/{channelId:guid}",
        "POST /api/licenses/{code}/terminate",
        "GET /api/licenses/{code}/amendments",
        "POST /api/licenses/{code}/amendments",
        "POST /api/licenses/{code}/amendments/{id:guid}/accept",
        "POST /api/licenses/{code}/amendments/{id:guid}/decline",
        "POST /api/licenses/{code}/amendments/{id:guid}/withdraw",
        // Royalties: see RoyaltiesApiTests (another organization gets 404 on the usage, the statements and each statement route).
        "POST /api/licenses/{code}/usage",
        "POST /api/licenses/{code}/usage.csv",
        "GET /api/licenses/{code}/usage",
        "GET /api/licenses/{code}/statements",
        "POST /api/licenses/{code}/statements",
        "GET /api/statements/{number}",
        "POST /api/statements/{number}/confirm",
        "POST /api/statements/{number}/payments",
        "GET /api/statements/{number}/statement.csv",
        "GET /api/statements/{number}/statement.pdf",
        // Valuation: see ValuationApiTests (another organization gets 404 on every route).
        "GET /api/works/{work}/valuation/profile",
        "PUT /api/works/{work}/valuation/profile",
        "GET /api/works/{work}/valuation/preview",
        "POST /api/works/{work}/valuation/reports",
        "GET /api/works/{work}/valuation/reports",
        "GET /api/valuations/{number}",
        "GET /api/valuations/{number}/report.json",
        "GET /api/valuations/{number}/report.pdf",
        "GET /api/valuations/{number}/compare/{other}",
    ];

    [Fact]
    public async Task EveryApiEndpoint_IsCoveredByIsolationTests()
    {
        await using var server = await LoopbackServer.StartAsync(provider);
        var routes = server.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.StartsWith("/api", StringComparison.Ordinal) == true)
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["*"]).Select(m => $"{m} {e.RoutePattern.RawText}"))
            .Order(StringComparer.Ordinal)
            .ToList();

        routes.ShouldBe(CoveredRoutes.Order(StringComparer.Ordinal).ToList());
    }

    [Fact]
    public async Task OtherOrganizationsObjects_AreNotFoundForEveryIdRoute()
    {
        await using var server = await LoopbackServer.StartAsync(provider);
        var a = await server.CreateTenantAsync("甲 Studio");
        var b = await server.CreateTenantAsync("乙 Studio");
        var bSecondKey = await server.CreateKeyAsync(b, "org:read");
        using var clientA = server.CreateClient(a.ApiKey);
        using var clientB = server.CreateClient(b.ApiKey);
        var bOrg = b.Organization.Id;

        await (await clientA.GetAsync($"/api/organizations/{bOrg}")).ShouldBeProblemAsync(HttpStatusCode.NotFound, "not-found");
        await (await clientA.GetAsync($"/api/organizations/{bOrg}/users")).ShouldBeProblemAsync(HttpStatusCode.NotFound, "not-found");
        await (await clientA.PostAsJsonAsync($"/api/organizations/{bOrg}/invitations", new { email = "x@y.test", isAdmin = true }))
            .ShouldBeProblemAsync(HttpStatusCode.NotFound, "not-found");
        await (await clientA.DeleteAsync($"/api/api-keys/{bSecondKey.Key.Id}")).ShouldBeProblemAsync(HttpStatusCode.NotFound, "not-found");

        // B's key still works: A's attempt changed nothing.
        using var bLimited = server.CreateClient(bSecondKey.Secret);
        (await bLimited.GetAsync("/api/me")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await clientB.GetAsync($"/api/organizations/{bOrg}/users")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task MediationRoutes_OfAnotherOrganizationsCase_AreNotFound()
    {
        await using var server = await LoopbackServer.StartAsync(provider);
        var a = await server.CreateTenantAsync("甲 Studio");
        var platform = await server.CreateTenantAsync("丙 Video", ReelRights.Core.Accounts.OrganizationKind.Platform);
        var b = await server.CreateTenantAsync("乙 Studio");
        using var clientA = server.CreateClient(a.ApiKey);
        using var clientB = server.CreateClient(b.ApiKey);
        using var anonymous = server.CreateClient();
        var work = (await (await clientA.PostAsJsonAsync("/api/works", new { title = "甲的剧", type = "micro-drama" })).Content.ReadFromJsonAsync<JsonElement>())
            .GetProperty("id").GetString();
        var opened = await clientA.PostAsJsonAsync("/api/cases", new
        {
            workId = work, platform = new { organizationId = platform.Organization.Id }, locations = new[] { new { url = "https://video.example/v/9" } },
        });
        var id = (await opened.Content.ReadFromJsonAsync<JsonElement>())[0].GetProperty("id").GetString();
        var proposal = Guid.CreateVersion7();
        var sha = new string('a', 64);

        var answers = new List<HttpResponseMessage>
        {
            await clientB.GetAsync($"/api/cases/{id}/mediation"),
            await clientB.PostAsJsonAsync($"/api/cases/{id}/sessions", new { localStart = "2030-01-01T10:00:00", place = "x" }),
            await clientB.PostAsJsonAsync($"/api/cases/{id}/messages", new { text = "hi" }),
            await clientB.GetAsync($"/api/cases/{id}/documents/{sha}"),
            await clientB.PostAsJsonAsync($"/api/cases/{id}/proposals", new { amountMinor = 1, currency = "CNY", paymentSchedule = "x", takedownScope = "x" }),
            await clientB.PostAsync($"/api/cases/{id}/proposals/{proposal}/accept", null),
            await clientB.PostAsync($"/api/cases/{id}/proposals/{proposal}/withdraw", null),
            await clientB.PostAsync($"/api/cases/{id}/agreement", null),
            await clientB.GetAsync($"/api/cases/{id}/agreement.pdf"),
            await clientB.GetAsync($"/api/cases/{id}/agreement.html"),
            await clientB.GetAsync($"/api/cases/{id}/judicial-package"),
            await clientB.PostAsJsonAsync($"/api/cases/{id}/mediator-choice", new { mediatorOrganizationId = Guid.CreateVersion7() }),
        };
        foreach (var answer in answers)
        {
            await answer.ShouldBeProblemAsync(HttpStatusCode.NotFound, "not-found");
        }
        await (await anonymous.GetAsync("/api/respond/forged-token/mediation")).ShouldBeProblemAsync(HttpStatusCode.NotFound, "invalid-link");
        await (await anonymous.PostAsJsonAsync("/api/respond/forged-token/messages", new { text = "hi" })).ShouldBeProblemAsync(HttpStatusCode.NotFound, "invalid-link");
        // A's case is untouched: no message, no proposal.
        var view = await clientA.GetFromJsonAsync<JsonElement>($"/api/cases/{id}/mediation");
        view.GetProperty("messages").GetArrayLength().ShouldBe(0);
        view.GetProperty("proposals").GetArrayLength().ShouldBe(0);
    }

    [Fact]
    public async Task Notifications_OfAnotherOrganization_AreNeitherListedNorMarked()
    {
        await using var server = await LoopbackServer.StartAsync(provider);
        var a = await server.CreateTenantAsync("甲 Studio");
        var b = await server.CreateTenantAsync("乙 Studio");
        Guid notice;
        await using (var scope = server.Services.CreateAsyncScope())
        {
            notice = scope.ServiceProvider.GetRequiredService<NotificationService>().Add(a.Organization.Id, "registration.conflict-reported",
                new("甲的通知", "A's notice"), new("只给甲", "For A only"), "/works").Id;
            await scope.ServiceProvider.GetRequiredService<ReelRightsDbContext>().SaveChangesAsync();
        }
        using var clientA = server.CreateClient(a.ApiKey);
        using var clientB = server.CreateClient(b.ApiKey);

        var listedToB = await clientB.GetFromJsonAsync<JsonElement>("/api/notifications");
        var countForB = await clientB.GetFromJsonAsync<JsonElement>("/api/notifications/unread-count");
        await (await clientB.PostAsync($"/api/notifications/{notice}/read", null)).ShouldBeProblemAsync(HttpStatusCode.NotFound, "not-found");
        await (await clientB.PostAsync($"/api/notifications/{Guid.CreateVersion7()}/read", null)).ShouldBeProblemAsync(HttpStatusCode.NotFound, "not-found");
        var markedByB = await (await clientB.PostAsync("/api/notifications/read-all", null)).Content.ReadFromJsonAsync<JsonElement>();

        listedToB.GetArrayLength().ShouldBe(0);
        countForB.GetProperty("unread").GetInt32().ShouldBe(0);
        markedByB.GetProperty("marked").GetInt32().ShouldBe(0);
        // A's notification is untouched by B's attempts.
        var listedToA = await clientA.GetFromJsonAsync<JsonElement>("/api/notifications?unread=true");
        listedToA.EnumerateArray().ShouldHaveSingleItem().GetProperty("id").GetGuid().ShouldBe(notice);
    }

    [Fact]
    public async Task GuessedIds_AreNotFoundExactlyLikeOtherTenantsIds()
    {
        await using var server = await LoopbackServer.StartAsync(provider);
        var a = await server.CreateTenantAsync("A");
        using var client = server.CreateClient(a.ApiKey);

        foreach (var guess in new[] { Guid.Empty, Guid.NewGuid(), Guid.CreateVersion7() })
        {
            await (await client.GetAsync($"/api/organizations/{guess}")).ShouldBeProblemAsync(HttpStatusCode.NotFound, "not-found");
            await (await client.GetAsync($"/api/organizations/{guess}/users")).ShouldBeProblemAsync(HttpStatusCode.NotFound, "not-found");
            await (await client.PostAsJsonAsync($"/api/organizations/{guess}/invitations", new { isAdmin = false }))
                .ShouldBeProblemAsync(HttpStatusCode.NotFound, "not-found");
            await (await client.DeleteAsync($"/api/api-keys/{guess}")).ShouldBeProblemAsync(HttpStatusCode.NotFound, "not-found");
        }
    }

    [Fact]
    public async Task Listings_ShowOnlyOwnOrganizationsData()
    {
        await using var server = await LoopbackServer.StartAsync(provider);
        var a = await server.CreateTenantAsync("A");
        var b = await server.CreateTenantAsync("B");
        await server.CreateKeyAsync(b, "org:read");
        using var clientA = server.CreateClient(a.ApiKey);
        using var clientB = server.CreateClient(b.ApiKey);
        await clientB.PostAsJsonAsync($"/api/organizations/{b.Organization.Id}/invitations", new { email = "b-only@b.test" });

        var orgs = await clientA.GetStringAsync("/api/organizations");
        var keys = await clientA.GetFromJsonAsync<JsonElement>("/api/api-keys");
        var audit = await clientA.GetStringAsync("/api/audit");
        var me = await clientA.GetFromJsonAsync<JsonElement>("/api/me");

        orgs.ShouldContain(a.Organization.Id.ToString());
        orgs.ShouldNotContain(b.Organization.Id.ToString());
        keys.GetArrayLength().ShouldBe(1);
        audit.ShouldNotContain(b.Organization.Id.ToString());
        audit.ShouldNotContain("b-only@b.test");
        audit.ShouldContain("api-key.created");
        me.GetProperty("organization").GetProperty("id").GetGuid().ShouldBe(a.Organization.Id);
    }

    [Fact]
    public async Task WorksOfOtherOrganizations_AreNotFoundForEveryWorkRoute()
    {
        await using var server = await LoopbackServer.StartAsync(provider);
        var a = await server.CreateTenantAsync("A");
        var b = await server.CreateTenantAsync("B");
        using var clientA = server.CreateClient(a.ApiKey);
        using var clientB = server.CreateClient(b.ApiKey);
        var created = await clientB.PostAsJsonAsync("/api/works", new { title = "B 的秘密剧集", type = "micro-drama" });
        created.StatusCode.ShouldBe(HttpStatusCode.Created);
        var bWork = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();
        (await clientB.PostAsJsonAsync($"/api/works/{bWork}/rights", new { right = "communication", holder = "B" })).StatusCode.ShouldBe(HttpStatusCode.Created);
        using var doc = new ByteArrayContent("screenplay"u8.ToArray());
        (await clientB.PutAsync($"/api/works/{bWork}/documents?kind=screenplay&fileName=script.txt", doc)).StatusCode.ShouldBe(HttpStatusCode.Created);

        await (await clientA.GetAsync($"/api/works/{bWork}")).ShouldBeProblemAsync(HttpStatusCode.NotFound, "not-found");
        using var media = new ByteArrayContent([1, 2, 3]);
        await (await clientA.PutAsync($"/api/works/{bWork}/episodes/1", media)).ShouldBeProblemAsync(HttpStatusCode.NotFound, "not-found");
        using var fp = new ByteArrayContent([1, 2, 3]);
        await (await clientA.PutAsync($"/api/works/{bWork}/episodes/1/fingerprint", fp)).ShouldBeProblemAsync(HttpStatusCode.NotFound, "not-found");
        await (await clientA.PostAsJsonAsync($"/api/works/{bWork}/rights", new { right = "adaptation", holder = "A" })).ShouldBeProblemAsync(HttpStatusCode.NotFound, "not-found");
        using var doc2 = new ByteArrayContent([1]);
        await (await clientA.PutAsync($"/api/works/{bWork}/documents?kind=other&fileName=x.txt", doc2)).ShouldBeProblemAsync(HttpStatusCode.NotFound, "not-found");
        await (await clientA.PostAsync($"/api/works/{bWork}/registrations", null)).ShouldBeProblemAsync(HttpStatusCode.NotFound, "not-found");
        foreach (var guess in new[] { Guid.NewGuid(), Guid.CreateVersion7() })
        {
            await (await clientA.GetAsync($"/api/registrations/{guess}")).ShouldBeProblemAsync(HttpStatusCode.NotFound, "not-found");
            await (await clientA.GetAsync($"/api/registrations/{guess}/receipt")).ShouldBeProblemAsync(HttpStatusCode.NotFound, "not-found");
            await (await clientA.GetAsync($"/api/registrations/{guess}/certificate")).ShouldBeProblemAsync(HttpStatusCode.NotFound, "not-found");
            await (await clientA.GetAsync($"/api/registrations/{guess}/certificate.pdf")).ShouldBeProblemAsync(HttpStatusCode.NotFound, "not-found");
        }
        // Reviewing is for operators only.
        await (await clientA.GetAsync("/api/registrations/review")).ShouldBeProblemAsync(HttpStatusCode.Forbidden, "forbidden");
        await (await clientA.PostAsJsonAsync($"/api/registrations/{Guid.NewGuid()}/decision", new { approve = true })).ShouldBeProblemAsync(HttpStatusCode.Forbidden, "forbidden");

        (await clientA.GetStringAsync("/api/works")).ShouldNotContain("B 的秘密剧集");
        var detail = await clientB.GetFromJsonAsync<JsonElement>($"/api/works/{bWork}");
        detail.GetProperty("episodes").GetArrayLength().ShouldBe(0);
        detail.GetProperty("rights").GetArrayLength().ShouldBe(1);
        detail.GetProperty("documents").GetArrayLength().ShouldBe(1);
    }

    [Fact]
    public async Task Attestations_ListOnlyOwnOrganizations()
    {
        await using var server = await LoopbackServer.StartAsync(provider);
        var a = await server.CreateTenantAsync("A");
        var b = await server.CreateTenantAsync("B");
        using var clientA = server.CreateClient(a.ApiKey);
        using var clientB = server.CreateClient(b.ApiKey);
        var digest = new string('a', 64);
        (await clientB.PostAsJsonAsync("/api/ledger/attestations", new { title = "B secret contract", sha256 = digest })).StatusCode.ShouldBe(HttpStatusCode.Created);
        (await clientA.PostAsJsonAsync("/api/ledger/attestations", new { title = "A script", sha256 = digest })).StatusCode.ShouldBe(HttpStatusCode.Created);

        var listA = await clientA.GetStringAsync("/api/ledger/attestations");

        listA.ShouldContain("A script");
        listA.ShouldNotContain("B secret contract");
    }

    [Fact]
    public async Task ApiKey_WithoutPermission_IsForbidden()
    {
        await using var server = await LoopbackServer.StartAsync(provider);
        var a = await server.CreateTenantAsync("A");
        var readOnly = await server.CreateKeyAsync(a, "org:read");
        using var client = server.CreateClient(readOnly.Secret);

        await (await client.GetAsync("/api/api-keys")).ShouldBeProblemAsync(HttpStatusCode.Forbidden, "forbidden");
        await (await client.PostAsJsonAsync("/api/api-keys", new { name = "x", permissions = new[] { "org:read" } }))
            .ShouldBeProblemAsync(HttpStatusCode.Forbidden, "forbidden");
        await (await client.PostAsJsonAsync("/api/organizations", new { name = "x", kind = "platform" }))
            .ShouldBeProblemAsync(HttpStatusCode.Forbidden, "forbidden");
        (await client.GetAsync($"/api/organizations/{a.Organization.Id}")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task RevokedKey_StopsWorkingOnTheNextRequest()
    {
        await using var server = await LoopbackServer.StartAsync(provider);
        var a = await server.CreateTenantAsync("A");
        using var admin = server.CreateClient(a.ApiKey);
        var created = await (await admin.PostAsJsonAsync("/api/api-keys", new { name = "temp", permissions = new[] { "org:read" } }))
            .Content.ReadFromJsonAsync<JsonElement>();
        var secret = created.GetProperty("key").GetString()!;
        var id = created.GetProperty("apiKey").GetProperty("id").GetGuid();
        using var temp = server.CreateClient(secret);
        (await temp.GetAsync("/api/me")).StatusCode.ShouldBe(HttpStatusCode.OK);

        (await admin.DeleteAsync($"/api/api-keys/{id}")).StatusCode.ShouldBe(HttpStatusCode.NoContent);

        await (await temp.GetAsync("/api/me")).ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "unauthorized");
        var listed = await admin.GetFromJsonAsync<JsonElement>("/api/api-keys");
        listed.EnumerateArray().Single(k => k.GetProperty("id").GetGuid() == id).GetProperty("revokedAt").ValueKind.ShouldBe(JsonValueKind.String);
        listed.ToString().ShouldNotContain(secret);
    }

    [Fact]
    public async Task Requests_WithoutOrWithWrongCredentials_AreUnauthorized()
    {
        await using var server = await LoopbackServer.StartAsync(provider);
        using var anonymous = server.CreateClient();
        using var wrong = server.CreateClient("rr_AAAAAAAAAAAA_notarealsecret");
        using var xHeader = server.CreateClient();
        xHeader.DefaultRequestHeaders.Add("X-Api-Key", "garbage");

        await (await anonymous.GetAsync("/api/me")).ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "unauthorized");
        await (await wrong.GetAsync("/api/organizations")).ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "unauthorized");
        await (await xHeader.GetAsync("/api/audit")).ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "unauthorized");
    }

    [Fact]
    public async Task Operator_CreatesOrganizationAndInvitesItsAdmin()
    {
        await using var server = await LoopbackServer.StartAsync(provider);
        var op = await server.CreateTenantAsync("运营", Core.Accounts.OrganizationKind.Operator);
        using var client = server.CreateClient(op.ApiKey);

        var created = await client.PostAsJsonAsync("/api/organizations", new { name = "某视频平台", kind = "platform" });
        var org = await created.Content.ReadFromJsonAsync<JsonElement>();
        var invite = await client.PostAsJsonAsync($"/api/organizations/{org.GetProperty("id").GetGuid()}/invitations", new { email = "wang@platform.test", isAdmin = true });
        var invitation = await invite.Content.ReadFromJsonAsync<JsonElement>();

        created.StatusCode.ShouldBe(HttpStatusCode.Created);
        org.GetProperty("kind").GetString().ShouldBe("platform");
        org.GetProperty("name").GetString().ShouldBe("某视频平台");
        invite.StatusCode.ShouldBe(HttpStatusCode.Created);
        invitation.GetProperty("url").GetString()!.ShouldStartWith(server.BaseAddress + "invite/");
    }
}

public sealed class SqliteIsolationTests() : IsolationTests("Sqlite");

public sealed class PostgresIsolationTests() : IsolationTests("Postgres");
