using System.Net.Http.Json;
using System.Text.Json;
using ReelRights.Core.Accounts;
using ReelRights.Testing;

namespace ReelRights.Cli.Tests;

/// <summary><c>reelrights licenses list|show|verify</c> against a real server, on a license signed over the API.</summary>
public sealed class LicensesCommandTests
{
    [Fact]
    public async Task Verify_ASignedLicense_EveryReceiptValid_AndListShowIt()
    {
        await using var server = await LoopbackServer.StartAsync("Sqlite");
        var ownerTenant = await server.CreateTenantAsync("星河影业");
        var buyerTenant = await server.CreateTenantAsync("Viu 东南亚", OrganizationKind.Licensee);
        using var owner = server.CreateClient(ownerTenant.ApiKey);
        using var buyer = server.CreateClient(buyerTenant.ApiKey);
        var work = (await (await owner.PostAsJsonAsync("/api/works", new { title = "替身新娘", type = "micro-drama" })).Content.ReadFromJsonAsync<JsonElement>())
            .GetProperty("id").GetString();
        var code = await LicensingSteps.LicenseOverHttpAsync(owner, buyer, work!, new
        {
            rights = new[] { "dubbing" }, territories = new[] { "TH" }, start = "2027-01-01", end = "2027-06-30", exclusivity = "sole",
            price = new { model = "revenue-share", currency = "CNY", sharePercent = 20 },
        }, "泰语配音");
        var keys = Path.GetTempFileName();
        await File.WriteAllTextAsync(keys, await server.CreateClient().GetStringAsync("/api/ledger/keys"));
        try
        {
            var verified = await RunAsync(["licenses", "verify", code, "--server", server.BaseAddress.ToString(), "--key-file", keys]);
            var unknown = await RunAsync(["licenses", "verify", "RRL-2026-UNKNOWN1", "--server", server.BaseAddress.ToString(), "--key-file", keys]);
            var listed = await RunAsync(["licenses", "list", "--server", server.BaseAddress.ToString(), "--api-key", buyerTenant.ApiKey]);
            var shown = await RunAsync(["licenses", "show", code, "--server", server.BaseAddress.ToString(), "--api-key", ownerTenant.ApiKey]);

            verified.Exit.ShouldBe(0, verified.Out + verified.Err);
            verified.Out.ShouldContain("3 receipts VALID");
            verified.Out.ShouldContain("星河影业 → Viu 东南亚");
            unknown.Exit.ShouldBe(1);
            unknown.Err.ShouldContain("not found");
            listed.Exit.ShouldBe(0, listed.Err);
            listed.Out.ShouldContain(code);
            listed.Out.ShouldContain("TH  2027-01-01…2027-06-30");
            shown.Out.ShouldContain("granted");
            shown.Out.ShouldContain("dubbing · sole");
        }
        finally
        {
            File.Delete(keys);
        }
    }

    private static async Task<(int Exit, string Out, string Err)> RunAsync(string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var exit = await CliApp.RunAsync(args, stdout, stderr);
        return (exit, stdout.ToString(), stderr.ToString());
    }
}
