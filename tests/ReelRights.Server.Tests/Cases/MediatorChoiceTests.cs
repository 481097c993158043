using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ReelRights.Core.Accounts;
using ReelRights.Server.Tests.Api;
using ReelRights.Testing;

namespace ReelRights.Server.Tests.Cases;

/// <summary>A mediator chosen by both sides: it is the case's mediator only once the claimant and the respondent chose the same one.</summary>
public abstract class MediatorChoiceTests(string provider)
{
    [Fact]
    public async Task BothSidesChooseTheSameMediator_ItIsAssignedAndAccepts()
    {
        await using var server = await LoopbackServer.StartAsync(provider, new Dictionary<string, string?> { ["Cases:CalendarFile"] = TestCalendar.WriteWeekendsOnly() });
        var claimantTenant = await server.CreateTenantAsync("星河影业");
        var platformTenant = await server.CreateTenantAsync("快看视频", OrganizationKind.Platform);
        var first = await server.CreateTenantAsync("杭州版权调解中心", OrganizationKind.Mediator);
        var second = await server.CreateTenantAsync("上海知识产权调解中心", OrganizationKind.Mediator);
        using var claimant = server.CreateClient(claimantTenant.ApiKey);
        using var platform = server.CreateClient(platformTenant.ApiKey);
        using var mediator = server.CreateClient(first.ApiKey);
        using var anonymous = server.CreateClient();
        var work = (await (await claimant.PostAsJsonAsync("/api/works", new { title = "替身新娘", type = "micro-drama" })).Content.ReadFromJsonAsync<JsonElement>())
            .GetProperty("id").GetString();
        var id = (await (await claimant.PostAsJsonAsync("/api/cases", new
        {
            workId = work, platform = new { organizationId = platformTenant.Organization.Id }, locations = new[] { new { url = "https://video.example/v/1" } },
        })).Content.ReadFromJsonAsync<JsonElement>())[0].GetProperty("id").GetString();
        (await claimant.PostAsJsonAsync($"/api/cases/{id}/actions/send-notice", new { })).EnsureSuccessStatusCode();
        var location = (await platform.GetFromJsonAsync<JsonElement>($"/api/cases/{id}")).GetProperty("locations")[0].GetProperty("id").GetString();
        (await platform.PostAsJsonAsync($"/api/cases/{id}/actions/record-measure", new { measures = new[] { new { locationId = location, measure = "removed" } } }))
            .EnsureSuccessStatusCode();
        var link = (await (await platform.PostAsJsonAsync($"/api/cases/{id}/actions/forward-to-respondent", new { })).Content.ReadFromJsonAsync<JsonElement>())
            .GetProperty("respondentLink").GetString()!;
        var respond = $"/api/respond/{link[(link.LastIndexOf('/') + 1)..]}";
        (await anonymous.PostAsJsonAsync($"{respond}/actions/propose-mediation", new { })).EnsureSuccessStatusCode();

        var listed = await claimant.GetFromJsonAsync<JsonElement>("/api/mediators");
        var listedToRespondent = await anonymous.GetFromJsonAsync<JsonElement>($"{respond}/mediators");
        var claimantChooses = await Choice(claimant.PostAsJsonAsync($"/api/cases/{id}/mediator-choice", new { mediatorOrganizationId = first.Organization.Id }));
        var respondentDiffers = await Choice(anonymous.PostAsJsonAsync($"{respond}/mediator-choice", new { mediatorOrganizationId = second.Organization.Id }));
        var notYet = await mediator.GetAsync($"/api/cases/{id}");
        var platformChooses = await platform.PostAsJsonAsync($"/api/cases/{id}/mediator-choice", new { mediatorOrganizationId = first.Organization.Id });
        var notAMediator = await claimant.PostAsJsonAsync($"/api/cases/{id}/mediator-choice", new { mediatorOrganizationId = platformTenant.Organization.Id });
        var respondentAgrees = await Choice(anonymous.PostAsJsonAsync($"{respond}/mediator-choice", new { mediatorOrganizationId = first.Organization.Id }));
        var again = await claimant.PostAsJsonAsync($"/api/cases/{id}/mediator-choice", new { mediatorOrganizationId = second.Organization.Id });
        var accepted = await mediator.PostAsJsonAsync($"/api/cases/{id}/actions/accept-mediation", new { });

        listed.EnumerateArray().Select(m => m.GetProperty("name").GetString()).ShouldBe(["上海知识产权调解中心", "杭州版权调解中心"], ignoreOrder: true);
        listedToRespondent.GetArrayLength().ShouldBe(2);
        claimantChooses.ShouldBeFalse();
        respondentDiffers.ShouldBeFalse();
        await notYet.ShouldBeProblemAsync(HttpStatusCode.NotFound, "not-found");
        await platformChooses.ShouldBeProblemAsync(HttpStatusCode.Forbidden, "forbidden");
        await notAMediator.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "unknown-mediator");
        respondentAgrees.ShouldBeTrue();
        await again.ShouldBeProblemAsync(HttpStatusCode.Conflict, "mediator-assigned");
        accepted.StatusCode.ShouldBe(HttpStatusCode.OK, await accepted.Content.ReadAsStringAsync());
        (await claimant.GetFromJsonAsync<JsonElement>($"/api/cases/{id}")).GetProperty("case").GetProperty("state").GetString().ShouldBe("in-mediation");
    }

    private static async Task<bool> Choice(Task<HttpResponseMessage> call)
    {
        using var response = await call;
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("assigned").GetBoolean();
    }
}

public sealed class SqliteMediatorChoiceTests() : MediatorChoiceTests("Sqlite");

public sealed class PostgresMediatorChoiceTests() : MediatorChoiceTests("Postgres");
