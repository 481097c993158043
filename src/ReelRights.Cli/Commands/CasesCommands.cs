using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json;
using ReelRights.Core;

namespace ReelRights.Cli.Commands;

/// <summary><c>reelrights cases open|send-notice|list|show|package</c>: 维权 cases over the API.</summary>
internal static class CasesCommands
{
    public static Command Build()
    {
        return new Command("cases", "维权案件：通知、必要措施、不侵权声明、调解 / Enforcement cases: notice, measures, counter-notice, mediation")
        {
            Open(), SendNotice(), List(), Show(), Package(),
        };
    }

    private static Command Open()
    {
        var server = WorksCommands.ServerOption();
        var key = WorksCommands.KeyOption();
        var hits = new Option<string[]>("--hits") { Description = "侵权线索 ID（可多个，或逗号分隔）/ Hit ids (repeatable or comma-separated)", AllowMultipleArgumentsPerToken = true };
        var platform = new Option<Guid?>("--platform") { Description = "平台组织 ID / Platform organization id" };
        var platformName = new Option<string?>("--platform-name") { Description = "未注册平台的名称 / Name of an unregistered platform" };
        var platformEmail = new Option<string?>("--platform-email") { Description = "未注册平台的投诉邮箱 / Complaint e-mail of an unregistered platform" };
        var send = new Option<bool>("--send-notice") { Description = "立案后立即发送一份通知，涵盖全部作品 / Send one notice covering every work at once" };
        var command = new Command("open", "从侵权线索立案（每部作品一件，列出全部线索）/ Open cases from hits (one per work, listing every hit)")
        {
            hits, platform, platformName, platformEmail, send, server, key,
        };
        command.SetAction((parse, ct) => CliErrors.GuardAsync(parse, async () =>
        {
            var ids = (parse.GetValue(hits) ?? []).SelectMany(h => h.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToList();
            if (ids.Count == 0 || ids.Any(i => !Guid.TryParse(i, out _)))
            {
                throw ReelRightsException.Invalid("invalid-hits", "请用 --hits 给出侵权线索 ID。", "Give the hit ids with --hits.");
            }
            using var client = new PlatformClient(parse.GetValue(server), parse.GetValue(key));
            var opened = await client.PostJsonAsync("/api/cases", new
            {
                hitIds = ids,
                platform = new { organizationId = parse.GetValue(platform), name = parse.GetValue(platformName), email = parse.GetValue(platformEmail) },
                sendNotice = parse.GetValue(send),
            }, ct);
            foreach (var c in opened.EnumerateArray())
            {
                await parse.InvocationConfiguration.Output.WriteLineAsync(Line(c));
            }
            return 0;
        }));
        return command;
    }

    private static Command SendNotice()
    {
        var server = WorksCommands.ServerOption();
        var key = WorksCommands.KeyOption();
        var ids = new Argument<Guid[]>("CASE") { Description = "同一平台的案件 ID（可多个）/ Case ids on one platform", Arity = ArgumentArity.OneOrMore };
        var command = new Command("send-notice", "一份通知涵盖同一平台的多件案件（多部作品）/ Send one notice covering several cases (works) on one platform")
        {
            ids, server, key,
        };
        command.SetAction((parse, ct) => CliErrors.GuardAsync(parse, async () =>
        {
            using var client = new PlatformClient(parse.GetValue(server), parse.GetValue(key));
            var batch = await client.PostJsonAsync("/api/cases/notices", new { caseIds = parse.GetValue(ids) }, ct);
            var output = parse.InvocationConfiguration.Output;
            await output.WriteLineAsync($"通知已发送 / notice sent, SHA-256 {batch.GetProperty("noticeSha256").GetString()}");
            foreach (var c in batch.GetProperty("cases").EnumerateArray())
            {
                await output.WriteLineAsync("  " + Line(c.GetProperty("case")));
            }
            return 0;
        }));
        return command;
    }

    private static Command Package()
    {
        var server = WorksCommands.ServerOption();
        var key = WorksCommands.KeyOption();
        var id = new Argument<Guid>("case") { Description = "案件 ID / Case id" };
        var output = new Option<FileInfo?>("--output", "-o") { Description = "保存为（默认 judicial-package-ID.zip）/ Save as (default judicial-package-ID.zip)" };
        var command = new Command("package", "下载调解成功案件的司法确认申请材料（可用 verify 离线验证）/ Download a settled case's judicial-confirmation package (check it with verify)")
        {
            id, output, server, key,
        };
        command.SetAction((parse, ct) => CliErrors.GuardAsync(parse, async () =>
        {
            var caseId = parse.GetValue(id);
            var file = parse.GetValue(output)?.FullName ?? Path.GetFullPath($"judicial-package-{caseId}.zip");
            using var client = new PlatformClient(parse.GetValue(server), parse.GetValue(key));
            var size = await client.DownloadAsync($"/api/cases/{caseId}/judicial-package", file, ct);
            await parse.InvocationConfiguration.Output.WriteLineAsync(
                $"已保存 / saved: {file} ({size.ToString("N0", CultureInfo.InvariantCulture)} B)\n离线验证 / verify offline: reelrights verify {file}");
            return 0;
        }));
        return command;
    }

    private static Command List()
    {
        var server = WorksCommands.ServerOption();
        var key = WorksCommands.KeyOption();
        var state = new Option<string?>("--state") { Description = "按状态筛选，如 notice-sent / Filter by state, e.g. notice-sent" };
        var platformFilter = new Option<string?>("--platform") { Description = "按平台名称筛选 / Filter by platform name" };
        var due = new Option<int?>("--due-within") { Description = "N 日内有期限届满 / With a deadline within N days" };
        var json = new Option<bool>("--json") { Description = "输出 JSON / Print JSON" };
        var command = new Command("list", "列出本组织参与的案件 / List the cases this organization is a party to") { state, platformFilter, due, json, server, key };
        command.SetAction((parse, ct) => CliErrors.GuardAsync(parse, async () =>
        {
            using var client = new PlatformClient(parse.GetValue(server), parse.GetValue(key));
            var query = new List<string>();
            if (parse.GetValue(state) is { } s)
            {
                query.Add("state=" + Uri.EscapeDataString(s));
            }
            if (parse.GetValue(platformFilter) is { } pf)
            {
                query.Add("platform=" + Uri.EscapeDataString(pf));
            }
            if (parse.GetValue(due) is { } d)
            {
                query.Add("dueWithinDays=" + d.ToString(CultureInfo.InvariantCulture));
            }
            var cases = await client.GetAsync("/api/cases" + (query.Count > 0 ? "?" + string.Join('&', query) : ""), ct);
            var output = parse.InvocationConfiguration.Output;
            if (parse.GetValue(json))
            {
                await output.WriteLineAsync(cases.GetRawText());
                return 0;
            }
            foreach (var c in cases.EnumerateArray())
            {
                await output.WriteLineAsync(Line(c));
            }
            if (cases.GetArrayLength() == 0)
            {
                await output.WriteLineAsync("（没有案件 / no cases）");
            }
            return 0;
        }));
        return command;
    }

    private static Command Show()
    {
        var server = WorksCommands.ServerOption();
        var key = WorksCommands.KeyOption();
        var id = new Argument<Guid>("CASE") { Description = "案件 ID / Case id" };
        var json = new Option<bool>("--json") { Description = "输出 JSON / Print JSON" };
        var command = new Command("show", "案件详情：地址、时间线（含存证序号）、期限、可执行操作 / A case: locations, timeline with ledger entries, clocks, the moves open to you")
        {
            id, json, server, key,
        };
        command.SetAction((parse, ct) => CliErrors.GuardAsync(parse, async () =>
        {
            using var client = new PlatformClient(parse.GetValue(server), parse.GetValue(key));
            var detail = await client.GetAsync($"/api/cases/{parse.GetValue(id)}", ct);
            await parse.InvocationConfiguration.Output.WriteLineAsync(parse.GetValue(json) ? detail.GetRawText() : Describe(detail));
            return 0;
        }));
        return command;
    }

    private static string Line(JsonElement c) =>
        $"{c.GetProperty("number").GetString()}  {c.GetProperty("stateZh").GetString()} / {c.GetProperty("stateEn").GetString()}  "
        + $"{c.GetProperty("title").GetString()} → {c.GetProperty("platformName").GetString()}  ({c.GetProperty("id").GetString()})";

    internal static string Describe(JsonElement detail)
    {
        var sb = new StringBuilder();
        sb.AppendLine(Line(detail.GetProperty("case")));
        sb.AppendLine("侵权地址 / locations:");
        foreach (var l in detail.GetProperty("locations").EnumerateArray())
        {
            var measure = l.TryGetProperty("measure", out var m) && m.ValueKind == JsonValueKind.String ? m.GetString() : "—";
            sb.AppendLine(CultureInfo.InvariantCulture, $"  {l.GetProperty("url").GetString()}  {l.GetProperty("copiedSeconds").GetDouble():0.#} s  措施 / measure: {measure}");
        }
        sb.AppendLine("时间线 / timeline:");
        foreach (var s in detail.GetProperty("steps").EnumerateArray())
        {
            var action = s.GetProperty("action").ValueKind == JsonValueKind.String ? s.GetProperty("action").GetString() : "open";
            var sealedAt = s.GetProperty("ledgerIndex").ValueKind == JsonValueKind.Number ? $"存证 / ledger #{s.GetProperty("ledgerIndex").GetInt64()}" : "待存证 / sealing";
            sb.AppendLine(CultureInfo.InvariantCulture,
                $"  {s.GetProperty("sequence").GetInt32()}. {s.GetProperty("at").GetDateTime():yyyy-MM-dd HH:mm} UTC  {s.GetProperty("by").GetString()}: {action} → {s.GetProperty("toState").GetString()}  {sealedAt}");
        }
        foreach (var d in detail.GetProperty("deadlines").EnumerateArray())
        {
            sb.AppendLine(CultureInfo.InvariantCulture,
                $"期限 / clock: {d.GetProperty("clock").GetString()} ({d.GetProperty("rule").GetString()}) 至 / due {d.GetProperty("dueAt").GetDateTime():yyyy-MM-dd HH:mm} UTC — {d.GetProperty("state").GetString()}");
        }
        var actions = detail.GetProperty("actions").EnumerateArray().Select(a => a.GetString()).ToList();
        sb.Append("可执行 / you may: ").Append(actions.Count == 0 ? "—" : string.Join(", ", actions));
        return sb.ToString();
    }
}
