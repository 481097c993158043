using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using ReelRights.Core;
using ReelRights.Core.Fingerprints;
using ReelRights.Media;

namespace ReelRights.Cli.Commands;

/// <summary>
/// <c>reelrights register</c> and <c>reelrights works list</c>: registration from the owner's
/// machine. Media given on the command line is fingerprinted here and only the fingerprint is
/// uploaded, so masters never leave the machine (<c>--upload-media</c> sends the files instead).
/// </summary>
internal static class WorksCommands
{
    private static readonly JsonSerializerOptions Pretty = new(JsonSerializerDefaults.Web) { WriteIndented = false };

    internal static Option<string> ServerOption() => new("--server")
    {
        Description = "平台地址 / Platform URL, e.g. http://127.0.0.1:5080",
        DefaultValueFactory = _ => Environment.GetEnvironmentVariable("REELRIGHTS_SERVER") ?? "http://127.0.0.1:5080",
    };

    internal static Option<string?> KeyOption() => new("--api-key")
    {
        Description = "API 密钥（或环境变量 REELRIGHTS_API_KEY）/ API key (or REELRIGHTS_API_KEY)",
    };

    public static Command Register()
    {
        var server = ServerOption();
        var key = KeyOption();
        var files = new Argument<FileInfo[]>("FILE") { Description = "各集的 .rrfp 指纹或媒体文件，按集数顺序 / Each episode's .rrfp or media file, in episode order", Arity = ArgumentArity.OneOrMore };
        var title = new Option<string?>("--title") { Description = "作品名称（新作品）/ Title of a new work" };
        var work = new Option<Guid?>("--work") { Description = "追加到已有作品（作品 ID）/ Add to an existing work (its id)" };
        var type = new Option<string>("--type") { Description = "micro-drama | short-video | music | audiobook | voice | image", DefaultValueFactory = _ => "micro-drama" };
        var language = new Option<string>("--language") { Description = "语言 / Language", DefaultValueFactory = _ => "zh" };
        var first = new Option<int>("--first-episode") { Description = "第一个文件的集数 / Episode number of the first file", DefaultValueFactory = _ => 1 };
        var uploadMedia = new Option<bool>("--upload-media") { Description = "上传媒体文件本身，而非本机生成的指纹 / Upload the media itself instead of a fingerprint made here" };
        var receipt = new Option<FileInfo?>("--receipt") { Description = "把登记回执写入此文件 / Write the registration receipt to this file" };
        var noWait = new Option<bool>("--no-wait") { Description = "提交后不等待审核结果 / Do not wait for the check after submitting" };
        var command = new Command("register", "登记作品：上传各集指纹并提交存证 / Register a work: upload each episode's fingerprint and seal it")
        {
            files, server, key, title, work, type, language, first, uploadMedia, receipt, noWait,
        };
        command.SetAction((parse, ct) => CliErrors.GuardAsync(parse, async () =>
        {
            var error = parse.InvocationConfiguration.Error;
            using var client = new PlatformClient(parse.GetValue(server), parse.GetValue(key));
            var inputs = parse.GetValue(files)!;
            foreach (var file in inputs.Where(f => !f.Exists))
            {
                throw ReelRightsException.Invalid("file-not-found", $"找不到文件：{file.FullName}", $"File not found: {file.FullName}");
            }
            string workId;
            string workCode;
            if (parse.GetValue(work) is { } existing)
            {
                workId = existing.ToString();
                workCode = (await client.GetAsync($"/api/works/{workId}", ct)).GetProperty("work").GetProperty("code").GetString()!;
            }
            else
            {
                var name = parse.GetValue(title);
                if (string.IsNullOrWhiteSpace(name))
                {
                    throw ReelRightsException.Invalid("missing-title", "新作品需要 --title（或用 --work 追加到已有作品）。", "A new work needs --title (or --work to add to an existing one).");
                }
                var created = await client.PostJsonAsync("/api/works", new { title = name, type = parse.GetValue(type), language = parse.GetValue(language) }, ct);
                workId = created.GetProperty("id").GetString()!;
                workCode = created.GetProperty("code").GetString()!;
                await error.WriteLineAsync($"作品 / work {workCode}");
            }

            var temp = Directory.CreateTempSubdirectory("rr-register-");
            try
            {
                var number = parse.GetValue(first);
                foreach (var file in inputs)
                {
                    var isFingerprint = IsFingerprintFile(file.FullName);
                    string path;
                    string route;
                    if (isFingerprint)
                    {
                        (path, route) = (file.FullName, "/fingerprint");
                    }
                    else if (parse.GetValue(uploadMedia))
                    {
                        (path, route) = (file.FullName, $"?fileName={Uri.EscapeDataString(file.Name)}");
                    }
                    else
                    {
                        await error.WriteLineAsync($"第 {number} 集：本机生成指纹 / episode {number}: fingerprinting {file.Name} here");
                        var fingerprint = await new MediaFingerprinter(new FfmpegMedia()).FingerprintAsync(file.FullName, ct);
                        path = Path.Combine(temp.FullName, $"{number}.rrfp");
                        await using (var output = File.Create(path))
                        {
                            fingerprint.WriteTo(output);
                        }
                        route = "/fingerprint";
                    }
                    var episode = await client.PutFileAsync($"/api/works/{workId}/episodes/{number}{(route.StartsWith('/') ? route : "")}{(route.StartsWith('?') ? route : "")}", path, ct);
                    await error.WriteLineAsync($"第 {number} 集 / episode {number}: {episode.GetProperty("code").GetString()}");
                    number++;
                }
            }
            finally
            {
                temp.Delete(recursive: true);
            }

            var registration = await client.PostJsonAsync($"/api/works/{workId}/registrations", new { }, ct);
            var id = registration.GetProperty("id").GetString()!;
            if (!parse.GetValue(noWait))
            {
                registration = await WaitAsync(client, id, error, ct);
            }
            var state = registration.GetProperty("state").GetString();
            if (state == "sealed" && parse.GetValue(receipt) is { } receiptFile)
            {
                await File.WriteAllTextAsync(receiptFile.FullName, await client.GetTextAsync($"/api/registrations/{id}/receipt", ct), ct);
                await error.WriteLineAsync($"回执已保存 / receipt saved: {receiptFile.FullName}");
            }
            var detail = await client.GetAsync($"/api/works/{workId}", ct);
            await parse.InvocationConfiguration.Output.WriteLineAsync(JsonSerializer.Serialize(new
            {
                workId,
                workCode,
                registrationId = id,
                state,
                certificateNumber = registration.GetProperty("certificateNumber").GetString(),
                leafIndex = registration.GetProperty("leafIndex").ValueKind == JsonValueKind.Number ? registration.GetProperty("leafIndex").GetInt64() : (long?)null,
                episodes = detail.GetProperty("episodes").EnumerateArray().Select(e => new { number = e.GetProperty("number").GetInt32(), code = e.GetProperty("code").GetString() }),
                conflicts = registration.GetProperty("conflicts"),
            }, Pretty));
            return state switch
            {
                "sealed" or "checking" => 0,
                "needs-review" => Report(error, 3, "登记与他人已登记的作品相似，待运营方审核 / the registration matches another owner's registered work and awaits review"),
                _ => Report(error, 1, $"登记未通过：{state} / registration ended as {state}"),
            };
        }));
        return command;
    }

    public static Command Works()
    {
        var server = ServerOption();
        var key = KeyOption();
        var json = new Option<bool>("--json") { Description = "输出 JSON / Print JSON" };
        var list = new Command("list", "列出本组织的作品 / List this organization's works") { server, key, json };
        list.SetAction((parse, ct) => CliErrors.GuardAsync(parse, async () =>
        {
            using var client = new PlatformClient(parse.GetValue(server), parse.GetValue(key));
            var works = await client.GetAsync("/api/works", ct);
            var output = parse.InvocationConfiguration.Output;
            if (parse.GetValue(json))
            {
                await output.WriteLineAsync(works.GetRawText());
                return 0;
            }
            foreach (var w in works.EnumerateArray())
            {
                var created = w.GetProperty("createdAt").GetDateTime().ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
                await output.WriteLineAsync($"{w.GetProperty("code").GetString()}  {created}  {w.GetProperty("type").GetString()}  {w.GetProperty("title").GetString()}  ({w.GetProperty("id").GetString()})");
            }
            if (works.GetArrayLength() == 0)
            {
                await output.WriteLineAsync("（还没有作品 / no works yet）");
            }
            return 0;
        }));
        return new Command("works", "作品 / Works") { list };
    }

    private static async Task<JsonElement> WaitAsync(PlatformClient client, string id, TextWriter error, CancellationToken ct)
    {
        var last = "";
        while (true)
        {
            var registration = await client.GetAsync($"/api/registrations/{id}", ct);
            var state = registration.GetProperty("state").GetString()!;
            if (state != last)
            {
                await error.WriteLineAsync($"登记状态 / registration: {state}");
                last = state;
            }
            if (state != "checking")
            {
                return registration;
            }
            await Task.Delay(500, ct);
        }
    }

    private static int Report(TextWriter error, int exit, string message)
    {
        error.WriteLine(message);
        return exit;
    }

    private static bool IsFingerprintFile(string path)
    {
        Span<byte> magic = stackalloc byte[4];
        using var stream = File.OpenRead(path);
        return stream.ReadAtLeast(magic, 4, throwOnEndOfStream: false) == 4 && magic.SequenceEqual("RRFP"u8);
    }
}
