using System.Net.Http.Json;
using System.Text.Json;
using ReelRights.Testing;

namespace ReelRights.Cli.Tests;

/// <summary><c>reelrights valuation run|show|verify</c> against a real server: a report run, shown, and its PDF and JSON verified offline against the receipt.</summary>
public sealed class ValuationCommandTests
{
    [Fact]
    public async Task RunShowVerify_ASealedReport_FilesMatchAndATamperedCopyFails()
    {
        await using var server = await LoopbackServer.StartAsync("Sqlite");
        var tenant = await server.CreateTenantAsync("星河影业");
        using var owner = server.CreateClient(tenant.ApiKey);
        var work = (await (await owner.PostAsJsonAsync("/api/works", new { title = "替身新娘", type = "micro-drama" })).Content.ReadFromJsonAsync<JsonElement>())
            .GetProperty("code").GetString()!;
        await owner.PutAsJsonAsync($"/api/works/{work}/valuation/profile", new { genres = new[] { "romance" }, productionCostMinor = 12_345_00, productionCostCurrency = "CNY" });
        var folder = Directory.CreateTempSubdirectory("rr-valuation-cli-").FullName;
        try
        {
            var pdf = Path.Combine(folder, "report.pdf");
            var run = await RunAsync(["valuation", "run", work, "--horizon", "12", "--pdf", pdf, "--server", server.BaseAddress.ToString(), "--api-key", tenant.ApiKey]);
            run.Exit.ShouldBe(0, run.Out + run.Err);
            var number = run.Out.Split(' ')[0];
            run.Out.ShouldContain("CNY 12,345.00 – CNY 12,345.00");
            var index = await SealedIndexAsync(owner, number);
            var receipt = Path.Combine(folder, "receipt.txt");
            await File.WriteAllTextAsync(receipt, await owner.GetStringAsync($"/api/ledger/receipts/{index}"));
            var json = Path.Combine(folder, "report.json");
            await File.WriteAllBytesAsync(json, await owner.GetByteArrayAsync($"/api/valuations/{number}/report.json"));
            var keys = Path.Combine(folder, "keys.json");
            await File.WriteAllTextAsync(keys, await server.CreateClient().GetStringAsync("/api/ledger/keys"));
            var tampered = Path.Combine(folder, "tampered.json");
            await File.WriteAllTextAsync(tampered, (await File.ReadAllTextAsync(json)).Replace("1234500", "9234500", StringComparison.Ordinal));

            var shown = await RunAsync(["valuation", "show", number, "--server", server.BaseAddress.ToString(), "--api-key", tenant.ApiKey]);
            var verified = await RunAsync(["valuation", "verify", pdf, json, "--receipt", receipt, "--key-file", keys]);
            var refused = await RunAsync(["valuation", "verify", tampered, "--receipt", receipt, "--key-file", keys]);

            shown.Exit.ShouldBe(0, shown.Err);
            shown.Out.ShouldContain("Only the cost approach applies");
            verified.Exit.ShouldBe(0, verified.Out + verified.Err);
            verified.Out.ShouldContain($"valuation report {number}");
            verified.Out.ShouldContain("VALID  report.pdf: 报告 PDF");
            verified.Out.ShouldContain("VALID  report.json: 报告内容 JSON");
            refused.Exit.ShouldBe(1);
            refused.Out.ShouldContain("INVALID  tampered.json");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static async Task<long> SealedIndexAsync(HttpClient owner, string number)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            var report = (await owner.GetFromJsonAsync<JsonElement>($"/api/valuations/{number}")).GetProperty("report");
            if (report.GetProperty("ledgerIndex").ValueKind == JsonValueKind.Number)
            {
                return report.GetProperty("ledgerIndex").GetInt64();
            }
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"report {number} was not sealed within 60 s");
            }
            await Task.Delay(200);
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
