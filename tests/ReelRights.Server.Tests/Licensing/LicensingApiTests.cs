using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using ReelRights.Core.Accounts;
using ReelRights.Ledger.Receipts;
using ReelRights.Server.Tests.Api;
using ReelRights.Testing;

namespace ReelRights.Server.Tests.Licensing;

/// <summary>The licensing API over real HTTP: listing → catalogue → offer → accept → both sign → the public check and its receipts, and the refusals.</summary>
public abstract class LicensingApiTests(string provider)
{
    private static object Terms(string territory, string exclusivity = "exclusive") => new
    {
        rights = new[] { "dubbing", "streaming" },
        territories = new[] { territory },
        languages = new[] { "th" },
        start = "2027-01-01",
        end = "2027-12-31",
        exclusivity,
        price = new { model = "flat-fee", currency = "USD", flatFeeMinor = 3_000_000 },
    };

    [Fact]
    public async Task Deal_OverHttp_ListedOfferedAcceptedSigned_LicenseVerifiesPublicly()
    {
        await using var server = await LoopbackServer.StartAsync(provider);
        var ownerTenant = await server.CreateTenantAsync("星河影业");
        var buyerTenant = await server.CreateTenantAsync("Viu 东南亚", OrganizationKind.Licensee);
        var strangerTenant = await server.CreateTenantAsync("别家发行", OrganizationKind.Licensee);
        using var owner = server.CreateClient(ownerTenant.ApiKey);
        using var buyer = server.CreateClient(buyerTenant.ApiKey);
        using var stranger = server.CreateClient(strangerTenant.ApiKey);
        using var anonymous = server.CreateClient();
        var work = (await (await owner.PostAsJsonAsync("/api/works", new { title = "替身新娘", type = "micro-drama" })).Content.ReadFromJsonAsync<JsonElement>())
            .GetProperty("id").GetString();

        var badTerritory = await owner.PostAsJsonAsync("/api/listings", new { workId = work, title = "东南亚配音", terms = Terms("XX") });
        var malformed = await owner.PostAsync("/api/listings", new StringContent("{\"workId\":", System.Text.Encoding.UTF8, "application/json"));
        var listed = await owner.PostAsJsonAsync("/api/listings", new { workId = work, title = "东南亚配音", terms = Terms("southeast-asia"), tags = new[] { "romance" } });
        listed.StatusCode.ShouldBe(HttpStatusCode.Created, await listed.Content.ReadAsStringAsync());
        var listing = (await listed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();
        var catalogueResponse = await buyer.GetAsync("/api/listings?territory=TH&right=dubbing");
        catalogueResponse.StatusCode.ShouldBe(HttpStatusCode.OK, await catalogueResponse.Content.ReadAsStringAsync());
        var catalogue = await catalogueResponse.Content.ReadFromJsonAsync<JsonElement>();
        var elsewhere = await buyer.GetFromJsonAsync<JsonElement>("/api/listings?territory=US");
        var offered = await buyer.PostAsJsonAsync($"/api/listings/{listing}/offers", new { note = "按挂牌条款" });
        offered.StatusCode.ShouldBe(HttpStatusCode.Created, await offered.Content.ReadAsStringAsync());
        var deal = (await offered.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("deal").GetProperty("id").GetString();
        var accepted = await (await owner.PostAsJsonAsync($"/api/deals/{deal}/accept", new { version = 1 })).Content.ReadFromJsonAsync<JsonElement>();
        var pdf = await buyer.GetByteArrayAsync($"/api/deals/{deal}/contract.pdf");
        var sha = Convert.ToHexStringLower(SHA256.HashData(pdf));
        var strangerDeal = await stranger.GetAsync($"/api/deals/{deal}");
        var strangerPdf = await stranger.GetAsync($"/api/deals/{deal}/contract.pdf");
        var forged = await owner.PostAsJsonAsync($"/api/deals/{deal}/sign", new { contractSha256 = new string('a', 64) });
        (await owner.PostAsJsonAsync($"/api/deals/{deal}/sign", new { contractSha256 = sha })).EnsureSuccessStatusCode();
        var signed = await (await buyer.PostAsJsonAsync($"/api/deals/{deal}/sign", new { contractSha256 = sha })).Content.ReadFromJsonAsync<JsonElement>();
        var code = signed.GetProperty("licenseCode").GetString()!;
        var check = await anonymous.GetFromJsonAsync<JsonElement>($"/api/licenses/{code}/public");
        var mine = await buyer.GetFromJsonAsync<JsonElement>("/api/licenses");
        var strangerLicense = await stranger.GetAsync($"/api/licenses/{code}");
        var unknown = await anonymous.GetAsync("/api/licenses/RRL-2026-NOTAREAL/public");

        await badTerritory.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "unknown-territory");
        malformed.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        catalogue.GetArrayLength().ShouldBe(1);
        catalogue[0].GetProperty("workTitle").GetString().ShouldBe("替身新娘");
        elsewhere.GetArrayLength().ShouldBe(0);
        accepted.GetProperty("deal").GetProperty("state").GetString().ShouldBe("awaiting-signatures");
        accepted.GetProperty("contractPdfSha256").GetString().ShouldBe(sha);
        pdf.AsSpan(0, 5).ToArray().ShouldBe("%PDF-"u8.ToArray());
        await strangerDeal.ShouldBeProblemAsync(HttpStatusCode.NotFound, "not-found");
        await strangerPdf.ShouldBeProblemAsync(HttpStatusCode.NotFound, "not-found");
        await forged.ShouldBeProblemAsync(HttpStatusCode.Conflict, "contract-changed");
        signed.GetProperty("deal").GetProperty("state").GetString().ShouldBe("signed");
        check.GetProperty("licensee").GetString().ShouldBe("Viu 东南亚");
        check.GetProperty("territoryEn").GetString().ShouldBe("Southeast Asia");
        check.GetProperty("end").GetString().ShouldBe("2027-12-31");
        check.GetProperty("terms").ValueKind.ShouldBe(JsonValueKind.Null);
        mine[0].GetProperty("terms").GetProperty("price").GetProperty("flatFeeMinor").GetInt64().ShouldBe(3_000_000);
        await strangerLicense.ShouldBeProblemAsync(HttpStatusCode.NotFound, "not-found");
        await unknown.ShouldBeProblemAsync(HttpStatusCode.NotFound, "not-found");
        // The grant and both signatures have receipts that verify offline with the published keys.
        var keys = await anonymous.GetFromJsonAsync<JsonElement>("/api/ledger/keys");
        var verifier = new ReceiptVerifier(
            keys.GetProperty("keys").EnumerateArray().Select(k => ReelRights.Ledger.Notes.NoteKeys.ParseVerifierKey(k.GetProperty("verifierKey").GetString()!)).ToList(),
            [System.Security.Cryptography.X509Certificates.X509Certificate2.CreateFromPem(keys.GetProperty("tsaCertificatePem").GetString())], requireTimestamp: true);
        var receipts = check.GetProperty("history").EnumerateArray().Concat(check.GetProperty("signatures").EnumerateArray())
            .Select(x => x.GetProperty("receipt").GetString()!).ToList();
        receipts.Count.ShouldBe(3);
        foreach (var path in receipts)
        {
            var result = verifier.Verify(Receipt.Parse(await anonymous.GetStringAsync(path)));
            result.IsValid.ShouldBeTrue(result.FailureMessage);
            result.Record!.Payload.ShouldContain(code);
        }
    }
}

public sealed class SqliteLicensingApiTests() : LicensingApiTests("Sqlite");

public sealed class PostgresLicensingApiTests() : LicensingApiTests("Postgres");
