using System.Net.Http.Json;
using System.Text.Json;
using ReelRights.Core.Accounts;

namespace ReelRights.Testing;

/// <summary>Walks a case over the API, for tests that need one in a given state.</summary>
public static class CaseSteps
{
    /// <summary>
    /// A case opened by hand, noticed, measured, forwarded to the respondent, mediated, agreed and
    /// signed by both sides, and settled; returns its id and the claimant.
    /// </summary>
    public static async Task<(string CaseId, TestTenant Claimant)> SettledCaseAsync(LoopbackServer server)
    {
        var claimantTenant = await server.CreateTenantAsync("星河影业");
        var platformTenant = await server.CreateTenantAsync("快看视频", OrganizationKind.Platform);
        var mediatorTenant = await server.CreateTenantAsync("版权调解中心", OrganizationKind.Mediator);
        var operatorTenant = await server.CreateTenantAsync("运营方", OrganizationKind.Operator);
        using var claimant = server.CreateClient(claimantTenant.ApiKey);
        using var platform = server.CreateClient(platformTenant.ApiKey);
        using var mediator = server.CreateClient(mediatorTenant.ApiKey);
        using var op = server.CreateClient(operatorTenant.ApiKey);
        using var anonymous = server.CreateClient();
        var work = (await Ok(claimant.PostAsJsonAsync("/api/works", new { title = "替身新娘", type = "micro-drama" }))).GetProperty("id").GetString();
        var id = (await Ok(claimant.PostAsJsonAsync("/api/cases", new
        {
            workId = work, platform = new { organizationId = platformTenant.Organization.Id }, locations = new[] { new { url = "https://video.example/v/1" } },
        })))[0].GetProperty("id").GetString()!;
        await Ok(claimant.PostAsJsonAsync($"/api/cases/{id}/actions/send-notice", new { }));
        var location = (await platform.GetFromJsonAsync<JsonElement>($"/api/cases/{id}")).GetProperty("locations")[0].GetProperty("id").GetString();
        await Ok(platform.PostAsJsonAsync($"/api/cases/{id}/actions/record-measure", new { measures = new[] { new { locationId = location, measure = "removed" } } }));
        var link = (await Ok(platform.PostAsJsonAsync($"/api/cases/{id}/actions/forward-to-respondent", new { }))).GetProperty("respondentLink").GetString()!;
        var respond = $"/api/respond/{link[(link.LastIndexOf('/') + 1)..]}";
        await Ok(anonymous.PostAsJsonAsync($"{respond}/actions/propose-mediation", new { }));
        await Ok(op.PostAsJsonAsync($"/api/cases/{id}/mediator", new { mediatorOrganizationId = mediatorTenant.Organization.Id }));
        await Ok(mediator.PostAsJsonAsync($"/api/cases/{id}/actions/accept-mediation", new { }));
        var proposal = await Ok(claimant.PostAsJsonAsync($"/api/cases/{id}/proposals",
            new { amountMinor = 500_000, currency = "CNY", paymentSchedule = "一次付清", takedownScope = "全部副本" }));
        await Ok(anonymous.PostAsync($"{respond}/proposals/{proposal.GetProperty("id").GetString()}/accept", null));
        var sha = (await Ok(mediator.PostAsync($"/api/cases/{id}/agreement", null))).GetProperty("pdfSha256").GetString();
        await Ok(claimant.PostAsJsonAsync($"/api/cases/{id}/actions/sign-agreement", new { agreementSha256 = sha }));
        await Ok(anonymous.PostAsJsonAsync($"{respond}/actions/sign-agreement", new { agreementSha256 = sha }));
        await Ok(mediator.PostAsJsonAsync($"/api/cases/{id}/actions/settle", new { }));
        return (id, claimantTenant);
    }

    private static async Task<JsonElement> Ok(Task<HttpResponseMessage> call)
    {
        using var response = await call;
        var body = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"{response.RequestMessage?.RequestUri}: {(int)response.StatusCode} {body}");
        }
        return body.Length == 0 ? default : JsonDocument.Parse(body).RootElement.Clone();
    }
}
