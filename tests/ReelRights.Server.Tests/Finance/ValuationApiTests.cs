using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using ReelRights.Server.Tests.Api;
using ReelRights.Testing;

namespace ReelRights.Server.Tests.Finance;

/// <summary>Valuation over real HTTP: the profile, a preview, reports run and compared, their JSON and PDF, bad input refused, nothing seen by another organization.</summary>
public abstract class ValuationApiTests(string provider)
{
    [Fact]
    public async Task ProfileRunAndCompare_KeepTheReportAsRun_AndRefuseEveryoneElse()
    {
        await using var server = await LoopbackServer.StartAsync(provider);
        var ownerTenant = await server.CreateTenantAsync("星河影业");
        var strangerTenant = await server.CreateTenantAsync("别家影业");
        using var owner = server.CreateClient(ownerTenant.ApiKey);
        using var stranger = server.CreateClient(strangerTenant.ApiKey);
        var created = await (await owner.PostAsJsonAsync("/api/works", new { title = "替身新娘", type = "micro-drama" })).Content.ReadFromJsonAsync<JsonElement>();
        var work = created.GetProperty("code").GetString()!;

        var tooMany = await owner.PutAsJsonAsync($"/api/works/{work}/valuation/profile", new { genres = Enumerable.Range(0, 11).Select(i => $"g{i}") });
        var malformed = await owner.PutAsync($"/api/works/{work}/valuation/profile", new StringContent("{\"genres\": [", Encoding.UTF8, "application/json"));
        var saved = await owner.PutAsJsonAsync($"/api/works/{work}/valuation/profile",
            new { genres = new[] { "Romance" }, productionCostMinor = 30_000_00, productionCostCurrency = "CNY", firstPublishedOn = "2026-10-01" });
        saved.StatusCode.ShouldBe(HttpStatusCode.OK, await saved.Content.ReadAsStringAsync());
        var badRate = await owner.PostAsJsonAsync($"/api/works/{work}/valuation/reports", new { discountRatePercent = 0 });
        var preview = await owner.GetFromJsonAsync<JsonElement>($"/api/works/{work}/valuation/preview?horizonMonths=12");
        var first = await owner.PostAsJsonAsync($"/api/works/{work}/valuation/reports", new { });
        first.StatusCode.ShouldBe(HttpStatusCode.Created, await first.Content.ReadAsStringAsync());
        var number = (await first.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("number").GetString()!;
        await owner.PutAsJsonAsync($"/api/works/{work}/valuation/profile", new { genres = new[] { "romance" }, productionCostMinor = 45_000_00, productionCostCurrency = "CNY" });
        var second = (await (await owner.PostAsJsonAsync($"/api/works/{work}/valuation/reports", new { currency = "cny" })).Content.ReadFromJsonAsync<JsonElement>())
            .GetProperty("number").GetString()!;
        var report = await owner.GetFromJsonAsync<JsonElement>($"/api/valuations/{number}");
        var json = await owner.GetByteArrayAsync($"/api/valuations/{number}/report.json");
        var pdf = await owner.GetAsync($"/api/valuations/{number}/report.pdf");
        var compared = await owner.GetFromJsonAsync<JsonElement>($"/api/valuations/{second}/compare/{number}");
        var list = await owner.GetFromJsonAsync<JsonElement>($"/api/works/{work}/valuation/reports");

        await tooMany.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "invalid-genres");
        await malformed.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "invalid-json");
        await badRate.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "invalid-discount-rate");
        preview.GetProperty("parameters").GetProperty("horizonMonths").GetInt32().ShouldBe(12);
        preview.GetProperty("signals").GetProperty("declared").GetProperty("genres").EnumerateArray().Select(g => g.GetString()).ShouldBe(["romance"]);
        // Nothing registered or licensed: only the declared cost stands, and the report says so.
        var range = report.GetProperty("content").GetProperty("result").GetProperty("range");
        range.GetProperty("centralMinor").GetInt64().ShouldBe(30_000_00);
        range.GetProperty("lines")[0].GetProperty("en").GetString()!.ShouldContain("Only the cost approach applies");
        report.GetProperty("content").GetProperty("result").GetProperty("income").GetProperty("applied").GetBoolean().ShouldBeFalse();
        Convert.ToHexStringLower(SHA256.HashData(json)).ShouldBe(report.GetProperty("report").GetProperty("contentSha256").GetString());
        pdf.Content.Headers.ContentType!.MediaType.ShouldBe("application/pdf");
        Convert.ToHexStringLower(SHA256.HashData(await pdf.Content.ReadAsByteArrayAsync())).ShouldBe(report.GetProperty("report").GetProperty("pdfSha256").GetString());
        compared.GetProperty("earlier").GetString().ShouldBe(number);
        var central = compared.GetProperty("rows").EnumerateArray().Single(r => r.GetProperty("en").GetString() == "Central");
        (central.GetProperty("before").GetString(), central.GetProperty("after").GetString(), central.GetProperty("changed").GetBoolean())
            .ShouldBe(("CNY 30,000.00", "CNY 45,000.00", true));
        list.EnumerateArray().Select(r => r.GetProperty("number").GetString()).ShouldBe([second, number]);

        var refused = new List<HttpResponseMessage>
        {
            await stranger.GetAsync($"/api/works/{work}/valuation/profile"),
            await stranger.PutAsJsonAsync($"/api/works/{work}/valuation/profile", new { genres = new[] { "x" } }),
            await stranger.GetAsync($"/api/works/{work}/valuation/preview"),
            await stranger.PostAsJsonAsync($"/api/works/{work}/valuation/reports", new { }),
            await stranger.GetAsync($"/api/works/{work}/valuation/reports"),
            await stranger.GetAsync($"/api/valuations/{number}"),
            await stranger.GetAsync($"/api/valuations/{number}/report.json"),
            await stranger.GetAsync($"/api/valuations/{number}/report.pdf"),
            await stranger.GetAsync($"/api/valuations/{second}/compare/{number}"),
        };
        foreach (var answer in refused)
        {
            await answer.ShouldBeProblemAsync(HttpStatusCode.NotFound, "not-found");
        }
        // The stranger's attempt changed nothing.
        (await owner.GetFromJsonAsync<JsonElement>($"/api/works/{work}/valuation/profile")).GetProperty("genres")[0].GetString().ShouldBe("romance");
        (await owner.GetFromJsonAsync<JsonElement>($"/api/works/{work}/valuation/reports")).GetArrayLength().ShouldBe(2);
    }
}

public sealed class SqliteValuationApiTests() : ValuationApiTests("Sqlite");

public sealed class PostgresValuationApiTests() : ValuationApiTests("Postgres");
