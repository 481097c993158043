using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using ReelRights.Core.Accounts;
using ReelRights.Server.Tests.Api;
using ReelRights.Testing;

namespace ReelRights.Server.Tests.Licensing;

/// <summary>Royalties over real HTTP: a usage CSV as the body, the month's statement, both confirmations, a payment, CSV and PDF; refusals and another organization's 404s.</summary>
public abstract class RoyaltiesApiTests(string provider)
{
    [Fact]
    public async Task UsageCsv_Statement_Confirmed_Paid_Exported_AndStrangersSeeNothing()
    {
        await using var server = await LoopbackServer.StartAsync(provider);
        var ownerTenant = await server.CreateTenantAsync("星河影业");
        var buyerTenant = await server.CreateTenantAsync("Viu 东南亚", OrganizationKind.Licensee);
        var strangerTenant = await server.CreateTenantAsync("另一家发行方", OrganizationKind.Licensee);
        using var owner = server.CreateClient(ownerTenant.ApiKey);
        using var buyer = server.CreateClient(buyerTenant.ApiKey);
        using var stranger = server.CreateClient(strangerTenant.ApiKey);
        var work = (await (await owner.PostAsJsonAsync("/api/works", new { title = "替身新娘", type = "micro-drama" })).Content.ReadFromJsonAsync<JsonElement>())
            .GetProperty("id").GetString()!;
        // The term runs from the first of last month (China time) for a year, so last month and this one can be reported whatever day the test runs.
        var today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8));
        var start = new DateOnly(today.Year, today.Month, 1).AddMonths(-1);
        var last = start.ToString("yyyy-MM", CultureInfo.InvariantCulture);
        var code = await LicensingSteps.LicenseOverHttpAsync(owner, buyer, work, new
        {
            rights = new[] { "streaming" }, territories = new[] { "southeast-asia" }, start = start.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            end = start.AddYears(1).AddDays(-1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), exclusivity = "non-exclusive",
            price = new { model = "revenue-share", currency = "CNY", sharePercent = 20 },
        });

        var bad = await PostCsvAsync(buyer, code, $"period,territory,platform,episode,views,revenue,currency\r\n{last},TH,Viu,,10,5,CNY\r\n{last},VN,Viu,,-3,5,CNY\r\n");
        var problem = await bad.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "invalid-usage");
        problem.GetProperty("errors")[0].GetProperty("row").GetInt32().ShouldBe(3);
        problem.GetProperty("errors")[0].GetProperty("column").GetString().ShouldBe("views");
        (await buyer.GetFromJsonAsync<JsonElement>($"/api/licenses/{code}/usage")).GetArrayLength().ShouldBe(0);
        var malformed = await buyer.PostAsync($"/api/licenses/{code}/usage", new StringContent("{\"rows\":[{\"views\":", Encoding.UTF8, "application/json"));
        await malformed.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "invalid-json");
        var noRevenue = await buyer.PostAsJsonAsync($"/api/licenses/{code}/usage", new { rows = new[] { new { period = last, territory = "TH", platform = "Viu", views = 5, currency = "CNY" } } });
        (await noRevenue.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "invalid-usage")).GetProperty("errors")[0].GetProperty("column").GetString().ShouldBe("revenue");

        var imported = await PostCsvAsync(buyer, code, $"\uFEFFperiod,territory,platform,episode,views,revenue,currency,fx_rate\r\n{last},TH,Viu,,1200,10000.50,CNY,\r\n{last},SG,Viu,,300,100,SGD,5.4\r\n");
        imported.StatusCode.ShouldBe(HttpStatusCode.Created, await imported.Content.ReadAsStringAsync());
        var reported = await buyer.PostAsJsonAsync($"/api/licenses/{code}/usage", new { rows = new[] { new { period = last, territory = "MY", platform = "Viu", views = 5, revenue = 0, currency = "CNY" } } });
        reported.StatusCode.ShouldBe(HttpStatusCode.Created, await reported.Content.ReadAsStringAsync());
        await (await stranger.GetAsync($"/api/licenses/{code}/usage")).ShouldBeProblemAsync(HttpStatusCode.NotFound, "not-found");
        await (await stranger.PostAsJsonAsync($"/api/licenses/{code}/usage", new { rows = new[] { new { period = last } } })).ShouldBeProblemAsync(HttpStatusCode.NotFound, "not-found");
        await (await PostCsvAsync(stranger, code, "period")).ShouldBeProblemAsync(HttpStatusCode.NotFound, "not-found");
        await (await stranger.PostAsJsonAsync($"/api/licenses/{code}/statements", new { period = last })).ShouldBeProblemAsync(HttpStatusCode.NotFound, "not-found");
        await (await stranger.GetAsync($"/api/licenses/{code}/statements")).ShouldBeProblemAsync(HttpStatusCode.NotFound, "not-found");

        var drawn = await (await owner.PostAsJsonAsync($"/api/licenses/{code}/statements", new { period = last })).Content.ReadFromJsonAsync<JsonElement>();
        var number = drawn.GetProperty("number").GetString()!;
        var sha = drawn.GetProperty("contentSha256").GetString()!;
        drawn.GetProperty("owedMinor").GetInt64().ShouldBe(2_108_10); // (10,000.50 + 100 × 5.4) × 20% = 2,108.10
        drawn.GetProperty("usage").GetArrayLength().ShouldBe(3);
        foreach (var path in new[] { $"/api/statements/{number}", $"/api/statements/{number}/statement.csv", $"/api/statements/{number}/statement.pdf" })
        {
            await (await stranger.GetAsync(path)).ShouldBeProblemAsync(HttpStatusCode.NotFound, "not-found");
        }
        await (await stranger.PostAsJsonAsync($"/api/statements/{number}/confirm", new { contentSha256 = sha })).ShouldBeProblemAsync(HttpStatusCode.NotFound, "not-found");
        await (await stranger.PostAsJsonAsync($"/api/statements/{number}/payments", new { amountMinor = 1, paidOn = today, reference = "x" })).ShouldBeProblemAsync(HttpStatusCode.NotFound, "not-found");
        await (await buyer.PostAsJsonAsync($"/api/statements/{number}/confirm", new { contentSha256 = new string('0', 64) })).ShouldBeProblemAsync(HttpStatusCode.Conflict, "statement-changed");
        (await buyer.PostAsJsonAsync($"/api/statements/{number}/confirm", new { contentSha256 = sha })).EnsureSuccessStatusCode();
        (await owner.PostAsJsonAsync($"/api/statements/{number}/confirm", new { contentSha256 = sha })).EnsureSuccessStatusCode();
        var paid = await (await buyer.PostAsJsonAsync($"/api/statements/{number}/payments", new { amountMinor = 2_108_10, paidOn = today, reference = "SWIFT 0042" })).Content.ReadFromJsonAsync<JsonElement>();
        var csv = await owner.GetStringAsync($"/api/statements/{number}/statement.csv");
        var pdf = await owner.GetByteArrayAsync($"/api/statements/{number}/statement.pdf");
        var list = await buyer.GetFromJsonAsync<JsonElement>($"/api/licenses/{code}/statements");

        paid.GetProperty("confirmed").GetBoolean().ShouldBeTrue();
        paid.GetProperty("outstandingMinor").GetInt64().ShouldBe(0);
        paid.GetProperty("ledgerIndex").ValueKind.ShouldBe(JsonValueKind.Number);
        paid.GetProperty("payments")[0].GetProperty("ledgerIndex").ValueKind.ShouldBe(JsonValueKind.Number);
        csv.ShouldContain("应付 / Owed,2108.10");
        csv.ShouldContain("SWIFT 0042");
        Encoding.ASCII.GetString(pdf, 0, 5).ShouldBe("%PDF-");
        list.GetArrayLength().ShouldBe(1);
        list[0].GetProperty("number").GetString().ShouldBe(number);
    }

    private static Task<HttpResponseMessage> PostCsvAsync(HttpClient client, string code, string csv)
    {
        var content = new StringContent(csv, Encoding.UTF8, "text/csv");
        return client.PostAsync($"/api/licenses/{code}/usage.csv", content);
    }
}

public sealed class SqliteRoyaltiesApiTests() : RoyaltiesApiTests("Sqlite");

public sealed class PostgresRoyaltiesApiTests() : RoyaltiesApiTests("Postgres");
