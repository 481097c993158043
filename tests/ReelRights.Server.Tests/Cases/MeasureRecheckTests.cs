using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using ReelRights.Core.Accounts;
using ReelRights.Testing;
using static ReelRights.Server.Tests.Monitoring.MonitoringSteps;

namespace ReelRights.Server.Tests.Cases;

/// <summary>
/// After a takedown measure monitoring looks at each place again: a copy still served is shown as
/// "measure not effective" and the claimant is told; a place that answers 404 took the measure.
/// </summary>
public sealed class MeasureRecheckTests : IAsyncLifetime
{
    private readonly string dir = Directory.CreateTempSubdirectory("rr-recheck-").FullName;
    private readonly ConcurrentDictionary<string, bool> takenDown = new();
    private WebApplication? site;
    private Uri? siteAddress;

    public async ValueTask InitializeAsync()
    {
        await MakeEpisodeAndCopyAsync(dir, "pirated.mp4");
        File.Copy(Path.Combine(dir, "pirated.mp4"), Path.Combine(dir, "mirror.mp4"));
        (site, siteAddress) = await StartSiteAsync(app => app.MapGet("/v/{name}.mp4", (string name) =>
            takenDown.ContainsKey(name) ? Results.NotFound() : Results.File(Path.Combine(dir, name + ".mp4"), "video/mp4")));
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
    public async Task TakedownMeasure_StillServedCopyIsNotEffective_RemovedCopyIsGone()
    {
        await using var server = await LoopbackServer.StartAsync("Sqlite",
            LoopbackPolicy(("Cases:CalendarFile", TestCalendar.WriteWeekendsOnly()), ("Cases:RecheckDelay", "00:00:00")));
        var claimantTenant = await server.CreateTenantAsync("星河影业");
        var platformTenant = await server.CreateTenantAsync("快看视频", OrganizationKind.Platform);
        using var claimant = server.CreateClient(claimantTenant.ApiKey);
        using var platform = server.CreateClient(platformTenant.ApiKey);
        await RegisterAsync(claimant, Path.Combine(dir, "episode.mp4"));
        var task = await CreateTaskAsync(claimant, new
        {
            name = "巡查",
            urls = new[] { new Uri(siteAddress!, "/v/pirated.mp4").ToString(), new Uri(siteAddress!, "/v/mirror.mp4").ToString() },
        });
        await WaitForRunAsync(claimant, task);
        var hits = (await claimant.GetFromJsonAsync<JsonElement>($"/api/monitoring/hits?taskId={task}", ReelRights.Server.Tests.Monitoring.MonitoringSteps.Web)).EnumerateArray()
            .Select(h => h.GetProperty("id").GetString()).ToList();
        var opened = await claimant.PostAsJsonAsync("/api/cases", new { hitIds = hits, platform = new { organizationId = platformTenant.Organization.Id } });
        opened.StatusCode.ShouldBe(HttpStatusCode.Created, await opened.Content.ReadAsStringAsync());
        var id = (await opened.Content.ReadFromJsonAsync<JsonElement>())[0].GetProperty("id").GetString();
        (await claimant.PostAsJsonAsync($"/api/cases/{id}/actions/send-notice", new { })).EnsureSuccessStatusCode();
        var locations = (await platform.GetFromJsonAsync<JsonElement>($"/api/cases/{id}", ReelRights.Server.Tests.Monitoring.MonitoringSteps.Web)).GetProperty("locations").EnumerateArray().ToList();

        // The platform takes the mirror down for real; the other copy it only says it removed.
        takenDown["mirror"] = true;
        (await platform.PostAsJsonAsync($"/api/cases/{id}/actions/record-measure", new
        {
            measures = locations.Select(l => new { locationId = l.GetProperty("id").GetString(), measure = "removed" }).ToArray(),
        })).EnsureSuccessStatusCode();
        var rechecked = await Eventually.UntilAsync("both places to be re-checked", TimeSpan.FromSeconds(120),
            () => claimant.GetFromJsonAsync<JsonElement>($"/api/cases/{id}", ReelRights.Server.Tests.Monitoring.MonitoringSteps.Web),
            d => d.GetProperty("locations").EnumerateArray().All(l => l.GetProperty("recheck").ValueKind == JsonValueKind.String));
        var notifications = await claimant.GetFromJsonAsync<JsonElement>("/api/notifications", ReelRights.Server.Tests.Monitoring.MonitoringSteps.Web);

        var byUrl = rechecked.GetProperty("locations").EnumerateArray().ToDictionary(l => l.GetProperty("url").GetString()!, l => l.GetProperty("recheck").GetString());
        byUrl[new Uri(siteAddress!, "/v/pirated.mp4").ToString()].ShouldBe("still-served");
        byUrl[new Uri(siteAddress!, "/v/mirror.mp4").ToString()].ShouldBe("gone");
        notifications.EnumerateArray().ShouldContain(n => n.GetProperty("titleZh").GetString() == "必要措施未生效");
    }
}
