using System.CommandLine;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using ReelRights.Core;
using ReelRights.Core.Data;
using ReelRights.Core.Ledger;
using ReelRights.Ledger.Merkle;
using ReelRights.Ledger.Notes;
using ReelRights.Server;

namespace ReelRights.Cli.Commands;

/// <summary><c>reelrights ledger …</c>: the log's keys (on the server machine) and audits (from anywhere).</summary>
internal static class LedgerCommands
{
    public static Command Build()
    {
        var ledger = new Command("ledger", "存证日志：公钥、轮换、一致性审计 / The evidence ledger: keys, rotation, consistency audit");
        ledger.Subcommands.Add(Keys());
        ledger.Subcommands.Add(RotateKey());
        ledger.Subcommands.Add(Audit());
        ledger.Subcommands.Add(Check());
        return ledger;
    }

    private static Command Keys()
    {
        var command = new Command("keys", "列出检查点公钥（用于发布和固定） / List checkpoint verifier keys (to publish and pin)");
        command.SetAction((parse, ct) => WithServicesAsync(parse, async services =>
        {
            var db = services.GetRequiredService<ReelRightsDbContext>();
            foreach (var key in await services.GetRequiredService<LedgerKeyring>().AllKeysAsync(db, ct))
            {
                await parse.InvocationConfiguration.Output.WriteLineAsync(
                    (key.RetiredAt is null ? "" : "# retired " + key.RetiredAt.Value.ToString("O") + "\n# ") + key.VerifierKey);
            }
        }));
        return command;
    }

    private static Command RotateKey()
    {
        var command = new Command("rotate-key", "轮换检查点签名密钥（轮换本身记入日志） / Rotate the checkpoint signing key (the rotation is a log entry)");
        command.SetAction((parse, ct) => WithServicesAsync(parse, async services =>
        {
            var result = await services.GetRequiredService<LedgerKeyRotation>().RotateAsync(ct);
            await parse.InvocationConfiguration.Error.WriteLineAsync($"已轮换，轮换记录序号 / rotated; rotation entry {result.LeafIndex}");
            await parse.InvocationConfiguration.Output.WriteLineAsync(result.Receipt.Encode());
        }));
        return command;
    }

    private static Command Check()
    {
        var command = new Command("check", "在服务器上重算整个日志并逐项比对（条目、子树、检查点） / Recompute the whole log on the server machine and compare every stored part");
        command.SetAction((parse, ct) => CliErrors.GuardAsync(parse, async () =>
        {
            var exit = 0;
            await WithServicesAsync(parse, async services =>
            {
                var result = await services.GetRequiredService<LedgerIntegrityCheck>().RunAsync(ct);
                if (result.Intact)
                {
                    await parse.InvocationConfiguration.Output.WriteLineAsync(
                        $"完整 / intact: {result.Entries} 条目 entries, {result.Nodes} 子树哈希 subtree hashes, {result.Checkpoints} 检查点 checkpoints");
                }
                else
                {
                    await parse.InvocationConfiguration.Error.WriteLineAsync($"日志已损坏 / ledger damaged: {result.ProblemZh} / {result.ProblemEn}");
                    exit = 1;
                }
            });
            return exit;
        }));
        return command;
    }

    private static Command Audit()
    {
        var from = new Option<FileInfo>("--from") { Description = "之前保存的检查点 / A checkpoint saved earlier", Required = true };
        var server = new Option<string>("--server") { Description = "平台地址 / Platform URL, e.g. http://127.0.0.1:5080", Required = true };
        var entries = new Option<bool>("--entries")
        {
            Description = "同时下载全部条目（tlog-tiles）重算树 / Also download every entry (tlog-tiles) and recompute the tree",
        };
        var command = new Command("audit", "检查旧检查点与当前检查点一致（日志只增不改） / Check an old checkpoint is consistent with the current one (append-only)") { from, server, entries };
        PinnedKeys.AddTo(command);
        command.SetAction((parse, ct) => CliErrors.GuardAsync(parse, async () =>
        {
            var keys = PinnedKeys.From(parse);
            var old = OpenCheckpoint(PinnedKeys.ReadFile(parse.GetValue(from)!), keys, "旧检查点 / old checkpoint");
            if (!Uri.TryCreate(parse.GetValue(server), UriKind.Absolute, out var baseAddress) || baseAddress.Scheme is not ("http" or "https"))
            {
                throw ReelRightsException.Invalid("invalid-server", "--server 需要 http(s) 地址。", "--server needs an http(s) URL.");
            }
            using var http = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(30) };
            var current = OpenCheckpoint(await http.GetStringAsync("/api/ledger/checkpoint", ct), keys, "当前检查点 / current checkpoint");
            var output = parse.InvocationConfiguration.Output;
            if (old.Origin != current.Origin)
            {
                throw ReelRightsException.Invalid("origin-mismatch", "两个检查点属于不同的日志。", "The checkpoints belong to different logs.");
            }
            bool consistent;
            if (old.TreeSize == 0 || old.TreeSize == current.TreeSize)
            {
                consistent = old.TreeSize == 0 || old.RootHash.Span.SequenceEqual(current.RootHash.Span);
            }
            else if (old.TreeSize > current.TreeSize)
            {
                consistent = false;
            }
            else
            {
                var proof = await http.GetFromJsonAsync<JsonElement>($"/api/ledger/proofs/consistency?from={old.TreeSize}&to={current.TreeSize}", ct);
                var hashes = proof.GetProperty("proof").EnumerateArray().Select(h => (ReadOnlyMemory<byte>)Convert.FromBase64String(h.GetString()!)).ToList();
                consistent = MerkleProofVerifier.VerifyConsistency(old.TreeSize, current.TreeSize, hashes, old.RootHash.Span, current.RootHash.Span);
            }
            await output.WriteLineAsync($"日志 / log: {current.Origin}");
            await output.WriteLineAsync($"旧检查点 / old: size {old.TreeSize}; 当前 / current: size {current.TreeSize}");
            if (!consistent)
            {
                await parse.InvocationConfiguration.Error.WriteLineAsync("一致性证明失败：日志被改写或分叉 / consistency failed: the log was rewritten or forked");
                return 1;
            }
            await output.WriteLineAsync("一致：旧检查点之后只有追加 / consistent: only appends since the old checkpoint");
            if (parse.GetValue(entries))
            {
                var problem = await TileAudit.RecomputeAsync(http, current, ct);
                if (problem is not null)
                {
                    await parse.InvocationConfiguration.Error.WriteLineAsync($"条目审计失败 / entry audit failed: {problem}");
                    return 1;
                }
                await output.WriteLineAsync($"条目审计通过：{current.TreeSize} 个条目重算出相同的根 / entries audited: {current.TreeSize} entries give the signed root");
            }
            return 0;
        }));
        return command;
    }

    private static Checkpoint OpenCheckpoint(string text, PinnedKeys keys, string what)
    {
        try
        {
            var note = SignedNote.Parse(text);
            note.Verify(keys.Verifiers);
            return Checkpoint.Parse(note.Text);
        }
        catch (Exception e) when (e is FormatException or NoteVerificationException)
        {
            throw ReelRightsException.Invalid("invalid-checkpoint", $"{what}无效或签名不可信：{e.Message}", $"{what} is invalid or not signed by a pinned key: {e.Message}");
        }
    }

    private static Task<int> WithServicesAsync(ParseResult parse, Func<IServiceProvider, Task> action) =>
        CliErrors.GuardAsync(parse, async () =>
        {
            await using var app = ServerApp.Build([], b => HostConfig.Apply(b, parse));
            await ServerApp.MigrateAsync(app.Services, CancellationToken.None);
            await using var scope = app.Services.CreateAsyncScope();
            await action(scope.ServiceProvider);
            return 0;
        });
}
