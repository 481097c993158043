using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using ReelRights.Cli.Fingerprinting;
using ReelRights.Core;
using ReelRights.Fingerprinting;
using ReelRights.Fingerprinting.Matching;

namespace ReelRights.Cli.Commands;

/// <summary>
/// <c>reelrights fingerprint</c>, <c>index add</c> and <c>match</c>: the monitoring engine's
/// scripting contract (issue 6). JSON goes to stdout, progress to stderr; errors are one
/// bilingual line on stderr and exit code 1.
/// </summary>
internal static class FingerprintCommands
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static Command Fingerprint()
    {
        var file = new Argument<string>("file") { Description = "媒体文件 / Media file" };
        var output = new Option<string>("--output", "-o") { Description = "输出的指纹文件（.rrfp） / Fingerprint file to write (.rrfp)", Required = true };
        var command = new Command("fingerprint",
            "在本机提取指纹，母带不必离开本机 / Fingerprint a file locally, so the master never leaves this machine") { file, output, Threads };
        command.SetAction((parse, ct) => CliErrors.GuardAsync(parse, async () =>
        {
            var path = parse.GetValue(file)!;
            var stopwatch = Stopwatch.StartNew();
            var fingerprint = await FingerprintInputs.ReadAsync(path, parse.GetValue(Threads), ct);
            var target = parse.GetValue(output)!;
            await using (var stream = File.Create(target))
            {
                fingerprint.WriteTo(stream);
            }

            await parse.InvocationConfiguration.Error.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"已提取 / fingerprinted: {path} ({fingerprint.DurationSeconds:F1} s) → {target} in {stopwatch.Elapsed.TotalSeconds:F1} s"));
            await parse.InvocationConfiguration.Output.WriteLineAsync(JsonSerializer.Serialize(new
            {
                file = path,
                output = target,
                durationSeconds = Math.Round(fingerprint.DurationSeconds, 3),
                video = fingerprint.Video is not null,
                audio = fingerprint.Audio is not null,
                bytes = new FileInfo(target).Length,
            }, Json));
            return 0;
        }));
        return command;
    }

    public static Command Index()
    {
        var index = new Command("index", "指纹索引 / Fingerprint index");
        index.Subcommands.Add(IndexAdd());
        return index;
    }

    public static Command Match()
    {
        var files = new Argument<string[]>("files") { Description = "待查文件或 .rrfp 指纹 / Query media files or .rrfp fingerprints", Arity = ArgumentArity.OneOrMore };
        var dir = IndexOption();
        var json = new Option<bool>("--json") { Description = "每个查询输出一行 JSON（JSON Lines；默认即如此） / One JSON object per query file and line (JSON Lines; the default)" };
        var threshold = new Option<double>("--threshold")
        {
            Description = "最低得分，默认 0.5 / Lowest score reported, default 0.5",
            DefaultValueFactory = _ => 0.5,
        };
        var command = new Command("match",
            "查找查询文件复制了哪些参考作品的哪几秒。每个查询输出一行 JSON：{\"query\",\"matches\":[{\"referenceId\",\"score\",\"modality\",\"segments\":[{\"queryStart\",\"queryEnd\",\"referenceStart\",\"referenceEnd\"}]}]}，时间单位为秒，无匹配时 matches 为空 / "
            + "Find which seconds of which references each query copies. Prints one JSON line per query: {\"query\",\"matches\":[{\"referenceId\",\"score\",\"modality\",\"segments\":[...]}]}, times in seconds, empty matches when nothing was copied")
        { files, dir, json, threshold, Threads };
        command.SetAction((parse, ct) => CliErrors.GuardAsync(parse, async () =>
        {
            var folder = new IndexDirectory(parse.GetValue(dir)!);
            if (!folder.HasIndex)
            {
                throw ReelRightsException.Invalid("index-not-found", $"索引不存在：{folder.Root}（先运行 index add）", $"No index in {folder.Root} (run index add first)");
            }

            var limit = parse.GetValue(threshold);
            if (!(limit > 0 && limit <= 1))
            {
                throw ReelRightsException.Invalid("invalid-threshold", "--threshold 需在 (0, 1] 之间。", "--threshold must be in (0, 1].");
            }

            var matcher = new FingerprintMatcher(await LoadAsync(folder, parse.InvocationConfiguration.Error, ct), limit);
            foreach (var path in parse.GetValue(files)!)
            {
                var query = await FingerprintInputs.ReadAsync(path, parse.GetValue(Threads), ct);
                var lookup = Stopwatch.StartNew();
                var matches = matcher.Match(query, ct);
                await parse.InvocationConfiguration.Error.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                    $"已比对 / matched: {path}: {matches.Count} (lookup {lookup.Elapsed.TotalMilliseconds:F1} ms)"));
                await parse.InvocationConfiguration.Output.WriteLineAsync(JsonSerializer.Serialize(new
                {
                    query = path,
                    matches = matches.Select(m => new
                    {
                        referenceId = m.ReferenceId,
                        score = m.Score,
                        modality = m.Modality switch { MatchModality.Video => "video", MatchModality.Audio => "audio", _ => "both" },
                        segments = m.Segments.Select(s => new { queryStart = s.QueryStart, queryEnd = s.QueryEnd, referenceStart = s.ReferenceStart, referenceEnd = s.ReferenceEnd }),
                    }),
                }, Json));
            }

            return 0;
        }));
        return command;
    }

    private static Command IndexAdd()
    {
        var files = new Argument<string[]>("files") { Description = "参考作品的媒体文件或 .rrfp 指纹 / Reference media files or .rrfp fingerprints", Arity = ArgumentArity.OneOrMore };
        var dir = IndexOption();
        var id = new Option<string>("--id")
        {
            Description = "参考作品 ID（调用方自定）。给一个文件时即为其 ID；给多个文件时作为前缀，每个文件的 ID 为 \"ID/文件名（不含扩展名）\"。同 ID 再次添加会替换 / "
                + "Reference id, the caller's own. With one file it is that file's id; with several it is a prefix and each file's id is \"ID/file name without extension\". Adding an id again replaces it",
            Required = true,
        };
        var skipCommon = new Option<bool>("--skip-common-content")
        {
            Description = "批量导入时使用：不为新加入的参考查找共有内容（已找到的保留） / For bulk loads: do not search the new references for shared content (what was found before is kept)",
        };
        var command = new Command("add", "把参考作品加入索引（共有片头、片尾、主题曲会被识别并排除）。文件很多时可用 @列表文件（每行一个参数） / "
            + "Add references to the index (shared intros, outros and theme music are found and left out). For many files pass @LISTFILE (one argument per line)") { files, dir, id, skipCommon, Threads };
        command.SetAction((parse, ct) => CliErrors.GuardAsync(parse, async () =>
        {
            var paths = parse.GetValue(files)!;
            var prefix = parse.GetValue(id)!;
            if (string.IsNullOrWhiteSpace(prefix) || prefix.Length > 200)
            {
                throw ReelRightsException.Invalid("invalid-id", "--id 不能为空且不超过 200 个字符。", "--id must be 1–200 characters.");
            }

            var added = new List<(string, Fingerprint)>();
            foreach (var path in paths)
            {
                var referenceId = paths.Length == 1 ? prefix : $"{prefix}/{Path.GetFileNameWithoutExtension(path)}";
                await parse.InvocationConfiguration.Error.WriteLineAsync($"提取 / fingerprinting: {path} → {referenceId}");
                added.Add((referenceId, await FingerprintInputs.ReadAsync(path, parse.GetValue(Threads), ct)));
            }

            if (added.Select(a => a.Item1).Distinct(StringComparer.Ordinal).Count() != added.Count)
            {
                throw ReelRightsException.Invalid("duplicate-id", "多个文件得到了相同的 ID（文件名重复）。", "Several files got the same id (repeated file names).");
            }

            var folder = new IndexDirectory(parse.GetValue(dir)!);
            var index = await folder.AddAsync(added, ct, searchCommonContent: !parse.GetValue(skipCommon));
            await parse.InvocationConfiguration.Error.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"索引已更新 / index updated: {index.ReferenceIds.Count} references, {index.TotalSeconds / 3600:F2} h, {index.SizeBytes / 1024} KiB"));
            await parse.InvocationConfiguration.Output.WriteLineAsync(JsonSerializer.Serialize(new
            {
                index = folder.Root,
                added = added.Select(a => a.Item1),
                references = index.ReferenceIds.Count,
                commonContent = index.CommonContent.Select(c => new { referenceId = c.ReferenceId, modality = c.Modality.ToString().ToLowerInvariant(), start = Math.Round(c.StartSeconds, 2), end = Math.Round(c.EndSeconds, 2) }),
            }, Json));
            return 0;
        }));
        return command;
    }

    /// <summary>Shared by the commands that decode media (one instance may sit in several commands).</summary>
    private static readonly Option<int> Threads = new("--threads")
    {
        Description = "ffmpeg 解码线程数，0 为自动 / ffmpeg decoder threads, 0 = automatic",
        DefaultValueFactory = _ => 0,
        Validators = { r => { if (r.GetValueOrDefault<int>() < 0) { r.AddError("--threads 不能为负数 / --threads must not be negative"); } } },
    };

    private static Option<string> IndexOption() =>
        new("--index") { Description = "索引目录 / Index directory", Required = true };

    private static async Task<ReelRights.Fingerprinting.Indexing.ReferenceIndex> LoadAsync(IndexDirectory folder, TextWriter progress, CancellationToken ct)
    {
        try
        {
            return await folder.LoadAsync(progress, ct);
        }
        catch (FingerprintFormatException e)
        {
            throw FingerprintInputs.Bilingual("invalid-index", e.Message, folder.Root);
        }
    }
}
