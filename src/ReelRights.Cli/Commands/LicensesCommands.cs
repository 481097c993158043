using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json;
using ReelRights.Core;
using ReelRights.Ledger.Receipts;

namespace ReelRights.Cli.Commands;

/// <summary><c>reelrights licenses list|show|verify</c>: licenses over the API; verify checks a license's receipts against pinned keys.</summary>
internal static class LicensesCommands
{
    public static Command Build() =>
        new("licenses", "版权许可：列出、查看、核验 / Licenses: list, show, verify") { List(), Show(), Verify() };

    private static Command List()
    {
        var server = WorksCommands.ServerOption();
        var key = WorksCommands.KeyOption();
        var json = new Option<bool>("--json") { Description = "输出 JSON / Print JSON" };
        var command = new Command("list", "本组织授出或获得的许可 / Licenses this organization granted or holds") { json, server, key };
        command.SetAction((parse, ct) => CliErrors.GuardAsync(parse, async () =>
        {
            using var client = new PlatformClient(parse.GetValue(server), parse.GetValue(key));
            var licenses = await client.GetAsync("/api/licenses", ct);
            var output = parse.InvocationConfiguration.Output;
            if (parse.GetValue(json))
            {
                await output.WriteLineAsync(licenses.GetRawText());
                return 0;
            }
            foreach (var l in licenses.EnumerateArray())
            {
                await output.WriteLineAsync(Line(l));
            }
            if (licenses.GetArrayLength() == 0)
            {
                await output.WriteLineAsync("（没有许可 / no licenses）");
            }
            return 0;
        }));
        return command;
    }

    private static Command Show()
    {
        var server = WorksCommands.ServerOption();
        var key = WorksCommands.KeyOption();
        var code = new Argument<string>("CODE") { Description = "许可编号，如 RRL-2026-7K3M9Q2D / License code" };
        var json = new Option<bool>("--json") { Description = "输出 JSON / Print JSON" };
        var command = new Command("show", "许可详情与历史（本组织为一方时）/ A license and its history (when this organization is a side)") { code, json, server, key };
        command.SetAction((parse, ct) => CliErrors.GuardAsync(parse, async () =>
        {
            using var client = new PlatformClient(parse.GetValue(server), parse.GetValue(key));
            var license = await client.GetAsync($"/api/licenses/{Uri.EscapeDataString(parse.GetValue(code)!)}", ct);
            await parse.InvocationConfiguration.Output.WriteLineAsync(parse.GetValue(json) ? license.GetRawText() : Describe(license));
            return 0;
        }));
        return command;
    }

    private static Command Verify()
    {
        var server = WorksCommands.ServerOption();
        var code = new Argument<string>("CODE") { Description = "许可编号 / License code" };
        var command = new Command("verify",
            "公开核验许可：取回其每个回执，并以信任的公钥离线验证 / Check a license publicly: fetch each of its receipts and verify them against pinned keys")
        {
            code, server,
        };
        PinnedKeys.AddTo(command);
        command.SetAction((parse, ct) => CliErrors.GuardAsync(parse, async () =>
        {
            var keys = PinnedKeys.From(parse);
            using var client = new PlatformClient(parse.GetValue(server), null, anonymous: true);
            var license = await client.GetAsync($"/api/licenses/{Uri.EscapeDataString(parse.GetValue(code)!)}/public", ct);
            var verifier = new ReceiptVerifier(keys.Verifiers, keys.TsaCertificates, requireTimestamp: true);
            var output = parse.InvocationConfiguration.Output;
            await output.WriteLineAsync(Describe(license));
            var failures = 0;
            var steps = license.GetProperty("history").EnumerateArray().Concat(license.GetProperty("signatures").EnumerateArray())
                .Where(s => s.GetProperty("receipt").ValueKind == JsonValueKind.String).ToList();
            foreach (var step in steps)
            {
                var path = step.GetProperty("receipt").GetString()!;
                var result = verifier.Verify(Receipt.Parse(await client.GetTextAsync(path, ct)));
                var bound = result.IsValid && result.Record!.Payload.Contains(license.GetProperty("code").GetString()!, StringComparison.Ordinal);
                failures += bound ? 0 : 1;
                await output.WriteLineAsync(bound
                    ? $"  VALID  存证 / ledger #{step.GetProperty("ledgerIndex").GetInt64()}"
                    : $"  INVALID  {path}: {result.FailureMessage ?? "the record does not name this license"}");
            }
            if (steps.Count == 0 || failures > 0)
            {
                await parse.InvocationConfiguration.Error.WriteLineAsync(steps.Count == 0
                    ? "许可尚无已封存的记录 / the license has no sealed record yet"
                    : $"验证失败 / verification failed: {failures} of {steps.Count} receipts");
                return 1;
            }
            await output.WriteLineAsync($"许可真实有效记录 / the license is on the ledger: {steps.Count} receipts VALID");
            return 0;
        }));
        return command;
    }

    private static string Line(JsonElement l) =>
        $"{l.GetProperty("code").GetString()}  {l.GetProperty("standingZh").GetString()} / {l.GetProperty("standingEn").GetString()}  "
        + $"{l.GetProperty("workTitle").GetString()}  {l.GetProperty("licensor").GetString()} → {l.GetProperty("licensee").GetString()}  "
        + $"{l.GetProperty("territoryEn").GetString()}  {l.GetProperty("start").GetString()}…{l.GetProperty("end").GetString()}";

    private static string Describe(JsonElement l)
    {
        var sb = new StringBuilder();
        sb.AppendLine(Line(l));
        sb.AppendLine(CultureInfo.InvariantCulture,
            $"权利 / rights: {string.Join(", ", l.GetProperty("rights").EnumerateArray().Select(r => r.GetString()))} · {l.GetProperty("exclusivity").GetString()}");
        if (l.TryGetProperty("caseNumber", out var caseNumber) && caseNumber.ValueKind == JsonValueKind.String)
        {
            sb.AppendLine(CultureInfo.InvariantCulture, $"依调解案件 {caseNumber.GetString()} 的和解协议授予 / granted by the settlement of case {caseNumber.GetString()}");
        }
        foreach (var e in l.GetProperty("history").EnumerateArray())
        {
            var sealedAt = e.GetProperty("ledgerIndex").ValueKind == JsonValueKind.Number ? $"存证 / ledger #{e.GetProperty("ledgerIndex").GetInt64()}" : "待存证 / sealing";
            sb.AppendLine(CultureInfo.InvariantCulture, $"  {e.GetProperty("sequence").GetInt32()}. {e.GetProperty("at").GetDateTime():yyyy-MM-dd HH:mm} UTC  {e.GetProperty("kind").GetString()}  {sealedAt}");
        }
        return sb.ToString().TrimEnd();
    }
}
