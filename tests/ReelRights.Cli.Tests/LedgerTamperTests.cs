using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ReelRights.Core.Data;
using ReelRights.Testing;

namespace ReelRights.Cli.Tests;

/// <summary>
/// Someone with database access edits a stored leaf, a subtree hash or a checkpoint: the
/// operator's <c>ledger check</c> and an outside <c>ledger audit</c> must fail and name the part.
/// </summary>
public sealed class LedgerTamperTests
{
    private sealed record Fixture(LoopbackServer Server, HttpClient Client, string Dir, string Keys, string EarlyCheckpoint) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            Client.Dispose();
            await Server.DisposeAsync();
            Directory.Delete(Dir, recursive: true);
        }

        public async Task ExecuteAsync(string sql)
        {
            await using var scope = Server.Services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<ReelRightsDbContext>().Database.ExecuteSqlRawAsync(sql);
        }

        public Task<(int Exit, string Stdout, string Stderr)> CheckAsync() =>
            CliProcess.RunAsync(["ledger", "check"], Server.CliEnvironment());

        public Task<(int Exit, string Stdout, string Stderr)> AuditAsync(params string[] extra) =>
            CliProcess.RunAsync(["ledger", "audit", "--from", EarlyCheckpoint, "--server", Server.BaseAddress.ToString(), "--key-file", Keys, .. extra]);
    }

    private static async Task<Fixture> SealFiveAsync(string provider)
    {
        var server = await LoopbackServer.StartAsync(provider);
        var tenant = await server.CreateTenantAsync("星河影业");
        var client = server.CreateClient(tenant.ApiKey);
        var dir = Directory.CreateTempSubdirectory("rr-tamper-").FullName;
        var early = Path.Combine(dir, "early.checkpoint");
        for (var i = 0; i < 5; i++)
        {
            (await client.PostAsJsonAsync("/api/ledger/attestations", new { title = $"第{i}集", sha256 = new string((char)('a' + i), 64) }))
                .StatusCode.ShouldBe(HttpStatusCode.Created);
            if (i == 2)
            {
                await File.WriteAllTextAsync(early, await client.GetStringAsync("/ledger/checkpoint"));
            }
        }
        var keys = Path.Combine(dir, "keys.json");
        await File.WriteAllTextAsync(keys, await client.GetStringAsync("/api/ledger/keys"));
        return new Fixture(server, client, dir, keys, early);
    }

    [Theory]
    [InlineData("Sqlite")]
    [InlineData("Postgres")]
    public async Task Untouched_CheckAndFullAuditPass(string provider)
    {
        await using var f = await SealFiveAsync(provider);

        var check = await f.CheckAsync();
        var audit = await f.AuditAsync("--entries");

        check.Exit.ShouldBe(0, check.Stderr);
        check.Stdout.ShouldContain("5 条目 entries");
        audit.Exit.ShouldBe(0, audit.Stderr);
        audit.Stdout.ShouldContain("entries audited");
    }

    [Theory]
    [InlineData("Sqlite")]
    [InlineData("Postgres")]
    public async Task EditedLeaf_CheckAuditAndReceiptNameLeaf(string provider)
    {
        await using var f = await SealFiveAsync(provider);
        var forged = Convert.ToHexString(System.Text.Encoding.UTF8.GetBytes("{\"forged\":true}"));
        await f.ExecuteAsync(provider == "Sqlite"
            ? $"UPDATE ledger_entries SET data = X'{forged}' WHERE leaf_index = 3"
            : $"UPDATE ledger_entries SET data = '\\x{forged}'::bytea WHERE leaf_index = 3");

        var check = await f.CheckAsync();
        var audit = await f.AuditAsync("--entries");
        var receipt = await f.Client.GetAsync("/api/ledger/receipts/3");

        check.Exit.ShouldBe(1);
        check.Stderr.ShouldContain("leaf 3: stored data does not match its leaf hash");
        audit.Exit.ShouldBe(1);
        audit.Stderr.ShouldContain("leaf 3");
        receipt.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await receipt.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString().ShouldBe("ledger-damaged");
    }

    [Theory]
    [InlineData("Sqlite")]
    [InlineData("Postgres")]
    public async Task EditedNode_CheckNamesNodeAuditFailsAndAppendsRefused(string provider)
    {
        await using var f = await SealFiveAsync(provider);
        var zeros = new string('0', 64);
        // node (1,0) is in the consistency proof from size 3; node (2,0) is under every later root.
        await f.ExecuteAsync(provider == "Sqlite"
            ? $"UPDATE ledger_nodes SET hash = X'{zeros}' WHERE (level = 1 OR level = 2) AND node_index = 0"
            : $"UPDATE ledger_nodes SET hash = '\\x{zeros}'::bytea WHERE (level = 1 OR level = 2) AND node_index = 0");

        var check = await f.CheckAsync();
        var audit = await f.AuditAsync();
        var append = await f.Client.PostAsJsonAsync("/api/ledger/attestations", new { title = "after tamper", sha256 = new string('f', 64) });

        check.Exit.ShouldBe(1);
        check.Stderr.ShouldContain("node (level 1, index 0)");
        audit.Exit.ShouldBe(1);
        audit.Stderr.ShouldContain("consistency failed");
        append.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await append.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString().ShouldBe("ledger-inconsistent");
    }

    [Theory]
    [InlineData("Sqlite")]
    [InlineData("Postgres")]
    public async Task EditedCheckpoint_CheckAndAuditNameCheckpoint(string provider)
    {
        await using var f = await SealFiveAsync(provider);
        await f.ExecuteAsync("UPDATE ledger_checkpoints SET note = REPLACE(note, '\n5\n', '\n6\n') WHERE tree_size = 5");

        var check = await f.CheckAsync();
        var audit = await f.AuditAsync();

        check.Exit.ShouldBe(1);
        check.Stderr.ShouldContain("checkpoint at size 5");
        audit.Exit.ShouldBe(1);
        audit.Stderr.ShouldContain("当前检查点 / current checkpoint");
    }

    [Theory]
    [InlineData("Sqlite", "signature")]
    [InlineData("Sqlite", "imprint")]
    [InlineData("Sqlite", "missing")]
    [InlineData("Postgres", "signature")]
    [InlineData("Postgres", "imprint")]
    public async Task EditedTimestampToken_CheckNamesLeafAndToken(string provider, string damage)
    {
        await using var f = await SealFiveAsync(provider);
        await using (var scope = f.Server.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ReelRightsDbContext>();
            var entry = await db.LedgerEntries.AsNoTracking().SingleAsync(e => e.LeafIndex == 2);
            var token = entry.TimestampToken!.ToArray();
            if (damage == "signature")
            {
                token[^1] ^= 0x01; // the SignerInfo's signature value ends the token
            }
            else if (damage == "imprint")
            {
                token[token.AsSpan().IndexOf(entry.LeafHash)] ^= 0x01; // the hash the token covers
            }
            byte[]? stored = damage == "missing" ? null : token;
            await db.LedgerEntries.Where(e => e.LeafIndex == 2).ExecuteUpdateAsync(u => u.SetProperty(e => e.TimestampToken, stored));
        }

        var check = await f.CheckAsync();

        check.Exit.ShouldBe(1, check.Stdout);
        check.Stderr.ShouldContain("leaf 2: its time-stamp token " + (damage == "missing" ? "is missing" : ""));
    }
}
