using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ReelRights.Core.Accounts;
using ReelRights.Server.Tests.Api;
using ReelRights.Testing;

namespace ReelRights.Server.Tests.Licensing;

/// <summary>Amendments and renewals over real HTTP: proposed by one side, answered by the other, refused to anyone else, recorded in the license's history.</summary>
public abstract class AmendmentsApiTests(string provider)
{
    private static object Terms(string end, string territory = "TH") => new
    {
        rights = new[] { "streaming" },
        territories = new[] { territory },
        start = "2026-01-01",
        end,
        exclusivity = "exclusive",
        price = new { model = "flat-fee", currency = "CNY", flatFeeMinor = 1_000_000 },
    };

    [Fact]
    public async Task Renewal_ProposedByTheLicensee_AcceptedByTheOwner_ExtendsTheLicense()
    {
        await using var server = await LoopbackServer.StartAsync(provider);
        var ownerTenant = await server.CreateTenantAsync("星河影业");
        var buyerTenant = await server.CreateTenantAsync("Viu 东南亚", OrganizationKind.Licensee);
        var strangerTenant = await server.CreateTenantAsync("别家发行", OrganizationKind.Licensee);
        using var owner = server.CreateClient(ownerTenant.ApiKey);
        using var buyer = server.CreateClient(buyerTenant.ApiKey);
        using var stranger = server.CreateClient(strangerTenant.ApiKey);
        var work = (await (await owner.PostAsJsonAsync("/api/works", new { title = "替身新娘", type = "micro-drama" })).Content.ReadFromJsonAsync<JsonElement>())
            .GetProperty("id").GetString()!;
        var code = await LicensingSteps.LicenseOverHttpAsync(owner, buyer, work, Terms("2030-12-31"));

        var badKind = await buyer.PostAsJsonAsync($"/api/licenses/{code}/amendments", new { kind = "extend", terms = Terms("2031-12-31") });
        var noTerms = await buyer.PostAsJsonAsync($"/api/licenses/{code}/amendments", new { kind = "renew" });
        var shorter = await buyer.PostAsJsonAsync($"/api/licenses/{code}/amendments", new { kind = "renew", terms = Terms("2030-06-30") });
        var strangerProposes = await stranger.PostAsJsonAsync($"/api/licenses/{code}/amendments", new { kind = "renew", terms = Terms("2031-12-31") });
        var proposed = await buyer.PostAsJsonAsync($"/api/licenses/{code}/amendments", new { kind = "renew", terms = Terms("2031-12-31"), note = "续一年" });
        proposed.StatusCode.ShouldBe(HttpStatusCode.Created, await proposed.Content.ReadAsStringAsync());
        var id = (await proposed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();
        var strangerLists = await stranger.GetAsync($"/api/licenses/{code}/amendments");
        var strangerAccepts = await stranger.PostAsync($"/api/licenses/{code}/amendments/{id}/accept", null);
        var ownAccept = await buyer.PostAsync($"/api/licenses/{code}/amendments/{id}/accept", null);
        var ownerWithdraws = await owner.PostAsJsonAsync($"/api/licenses/{code}/amendments/{id}/withdraw", new { });
        var accepted = await owner.PostAsync($"/api/licenses/{code}/amendments/{id}/accept", null);
        accepted.StatusCode.ShouldBe(HttpStatusCode.OK, await accepted.Content.ReadAsStringAsync());
        var license = await accepted.Content.ReadFromJsonAsync<JsonElement>();
        var again = await owner.PostAsJsonAsync($"/api/licenses/{code}/amendments/{id}/decline", new { note = "x" });
        var list = await owner.GetFromJsonAsync<JsonElement>($"/api/licenses/{code}/amendments");
        var widen = await owner.PostAsJsonAsync($"/api/licenses/{code}/amendments", new { kind = "amend", terms = Terms("2031-12-31", "VN") });
        var widenId = (await widen.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();
        var withdrawn = await owner.PostAsJsonAsync($"/api/licenses/{code}/amendments/{widenId}/withdraw", new { });
        var publicView = await server.CreateClient().GetFromJsonAsync<JsonElement>($"/api/licenses/{code}/public");

        await badKind.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "invalid-json");
        await noTerms.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "terms-required");
        await shorter.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "invalid-renewal");
        await strangerProposes.ShouldBeProblemAsync(HttpStatusCode.NotFound, "not-found");
        await strangerLists.ShouldBeProblemAsync(HttpStatusCode.NotFound, "not-found");
        await strangerAccepts.ShouldBeProblemAsync(HttpStatusCode.NotFound, "not-found");
        await ownAccept.ShouldBeProblemAsync(HttpStatusCode.Conflict, "own-offer");
        await ownerWithdraws.ShouldBeProblemAsync(HttpStatusCode.Conflict, "illegal-transition");
        await again.ShouldBeProblemAsync(HttpStatusCode.Conflict, "amendment-closed");
        license.GetProperty("end").GetString().ShouldBe("2031-12-31");
        license.GetProperty("history").EnumerateArray().Select(e => e.GetProperty("kind").GetString()).ShouldBe(["granted", "renewed"]);
        publicView.GetProperty("end").GetString().ShouldBe("2031-12-31");
        list.EnumerateArray().Select(a => a.GetProperty("state").GetString()).ShouldBe(["accepted"]);
        (await withdrawn.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("state").GetString().ShouldBe("withdrawn");
    }
}

public sealed class SqliteAmendmentsApiTests() : AmendmentsApiTests("Sqlite");

public sealed class PostgresAmendmentsApiTests() : AmendmentsApiTests("Postgres");
