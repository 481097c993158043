using System.CommandLine;
using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using ReelRights.Core;
using ReelRights.Ledger.Receipts;
using ReelRights.Ledger.Records;

namespace ReelRights.Cli.Commands;

/// <summary>
/// <c>reelrights valuation run|show|verify</c>: run a work's valuation report over the API, show one, and
/// check a downloaded report (its PDF or content JSON) against its receipt offline.
/// </summary>
internal static class ValuationCommands
{
    public static Command Build() =>
        new("valuation", "作品估值报告：生成、查看、离线核验 / Valuation reports: run, show, verify offline") { Run(), Show(), Verify() };

    private static Command Run()
    {
        var server = WorksCommands.ServerOption();
        var key = WorksCommands.KeyOption();
        var work = new Argument<string>("WORK") { Description = "作品编号或 ID / Work code or id" };
        var currency = new Option<string?>("--currency") { Description = "报告币种，默认 CNY / Report currency (default CNY)" };
        var discount = new Option<decimal?>("--discount") { Description = "年折现率 %，默认 12 / Annual discount rate % (default 12)" };
        var horizon = new Option<int?>("--horizon") { Description = "预测期（月），默认 24 / Horizon in months (default 24)" };
        var displacement = new Option<decimal?>("--displacement") { Description = "盗版替代率 %（假设），默认 20 / Piracy displacement % (an assumption, default 20)" };
        var pdf = new Option<FileInfo?>("--pdf") { Description = "把报告 PDF 保存到此文件 / Save the report PDF to this file" };
        var json = new Option<bool>("--json") { Description = "输出 JSON / Print JSON" };
        var command = new Command("run", "生成并存证估值报告 / Run and seal a valuation report") { work, currency, discount, horizon, displacement, pdf, json, server, key };
        command.SetAction((parse, ct) => CliErrors.GuardAsync(parse, async () =>
        {
            using var client = new PlatformClient(parse.GetValue(server), parse.GetValue(key));
            var report = await client.PostJsonAsync($"/api/works/{Uri.EscapeDataString(parse.GetValue(work)!)}/valuation/reports", new
            {
                currency = parse.GetValue(currency), discountRatePercent = parse.GetValue(discount), horizonMonths = parse.GetValue(horizon),
                piracyDisplacementPercent = parse.GetValue(displacement),
            }, ct);
            var number = report.GetProperty("number").GetString()!;
            if (parse.GetValue(pdf) is { } file)
            {
                await client.DownloadAsync($"/api/valuations/{number}/report.pdf", file.FullName, ct);
            }
            await parse.InvocationConfiguration.Output.WriteLineAsync(parse.GetValue(json) ? report.GetRawText() : Line(report));
            return 0;
        }));
        return command;
    }

    private static Command Show()
    {
        var server = WorksCommands.ServerOption();
        var key = WorksCommands.KeyOption();
        var number = new Argument<string>("NUMBER") { Description = "报告编号，如 VR-2027-7K3QF2 / Report number" };
        var json = new Option<bool>("--json") { Description = "输出 JSON / Print JSON" };
        var command = new Command("show", "估值报告的区间、各方法与依据 / A report's range, approaches and working") { number, json, server, key };
        command.SetAction((parse, ct) => CliErrors.GuardAsync(parse, async () =>
        {
            using var client = new PlatformClient(parse.GetValue(server), parse.GetValue(key));
            var view = await client.GetAsync($"/api/valuations/{Uri.EscapeDataString(parse.GetValue(number)!)}", ct);
            var output = parse.InvocationConfiguration.Output;
            if (parse.GetValue(json))
            {
                await output.WriteLineAsync(view.GetRawText());
                return 0;
            }
            await output.WriteLineAsync(Line(view.GetProperty("report")));
            var result = view.GetProperty("content").GetProperty("result");
            foreach (var name in new[] { "income", "market", "cost" })
            {
                var approach = result.GetProperty(name);
                await output.WriteLineAsync($"[{name}] " + (approach.GetProperty("applied").GetBoolean() ? "applied" : "not applied"));
                foreach (var line in approach.GetProperty("lines").EnumerateArray())
                {
                    await output.WriteLineAsync($"  {line.GetProperty("zh").GetString()}\n  {line.GetProperty("en").GetString()}");
                }
            }
            foreach (var line in result.GetProperty("range").GetProperty("lines").EnumerateArray().Concat(result.GetProperty("piracy").GetProperty("lines").EnumerateArray()))
            {
                await output.WriteLineAsync($"  {line.GetProperty("en").GetString()}");
            }
            return 0;
        }));
        return command;
    }

    private static Command Verify()
    {
        var files = new Argument<FileInfo[]>("FILE") { Description = "报告 PDF 和/或内容 JSON / The report's PDF and/or content JSON", Arity = ArgumentArity.OneOrMore };
        var receipt = new Option<FileInfo>("--receipt") { Description = "报告的回执文件 / The report's receipt file", Required = true };
        var command = new Command("verify", "离线核验估值报告：回执、账本记录、文件摘要 / Verify a valuation report offline: receipt, ledger record, file digests") { files, receipt };
        PinnedKeys.AddTo(command);
        command.SetAction((parse, ct) => CliErrors.GuardAsync(parse, async () =>
        {
            var keys = PinnedKeys.From(parse);
            Receipt parsed;
            try
            {
                parsed = Receipt.Parse(PinnedKeys.ReadFile(parse.GetValue(receipt)!));
            }
            catch (FormatException e)
            {
                throw ReelRightsException.Invalid("invalid-receipt", $"不是有效的回执文件：{e.Message}", $"Not a valid receipt file: {e.Message}");
            }
            var result = new ReceiptVerifier(keys.Verifiers, keys.TsaCertificates, requireTimestamp: true).Verify(parsed);
            var output = parse.InvocationConfiguration.Output;
            var error = parse.InvocationConfiguration.Error;
            if (!result.IsValid || result.Record is not { Type: LedgerRecordType.Finance } record)
            {
                await error.WriteLineAsync(result.IsValid ? "回执记录的不是估值报告 / the receipt is not of a valuation report" : $"回执无效 / receipt INVALID: {result.FailureMessage}");
                return 1;
            }
            var payload = JsonDocument.Parse(record.Payload).RootElement;
            var number = payload.GetProperty("report").GetString();
            await output.WriteLineAsync($"回执有效 / receipt VALID: 估值报告 / valuation report {number}, work {payload.GetProperty("work").GetString()}, sealed {payload.GetProperty("at").GetString()}");
            var failures = 0;
            foreach (var file in parse.GetValue(files)!)
            {
                string sha;
                await using (var stream = File.OpenRead(file.FullName))
                {
                    sha = Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, ct));
                }
                var matches = new[] { "pdfSha256", "contentSha256" }.Where(k => payload.TryGetProperty(k, out var v) && v.GetString() == sha).ToList();
                failures += matches.Count == 0 ? 1 : 0;
                await output.WriteLineAsync(matches.Count > 0
                    ? $"  VALID  {file.Name}: {(matches[0] == "pdfSha256" ? "报告 PDF / the report PDF" : "报告内容 JSON / the report content")} sha256 {sha}"
                    : $"  INVALID  {file.Name}: sha256 {sha} 不是该报告的文件 / is not a file of this report");
            }
            if (failures > 0)
            {
                await error.WriteLineAsync($"核验失败 / verification failed: {failures} file(s) do not match the sealed digests");
                return 1;
            }
            return 0;
        }));
        return command;
    }

    private static string Line(JsonElement r)
    {
        var currency = r.GetProperty("currency").GetString();
        string M(string name) => r.GetProperty(name).ValueKind == JsonValueKind.Number
            ? $"{currency} {(r.GetProperty(name).GetInt64() / 100m).ToString("N2", CultureInfo.InvariantCulture)}" : "—";
        var sealedAt = r.GetProperty("ledgerIndex").ValueKind == JsonValueKind.Number ? $"存证 / ledger #{r.GetProperty("ledgerIndex").GetInt64()}" : "待存证 / sealing";
        return $"{r.GetProperty("number").GetString()}  {M("lowMinor")} – {M("highMinor")}（中值 / central {M("centralMinor")}）  {sealedAt}";
    }
}
