using System.Net.Http.Json;
using System.Text.Json;
using ReelRights.Testing;

namespace ReelRights.Cli.Tests;

/// <summary><c>reelrights verify</c> on receipts from a real server, untouched and tampered.</summary>
public sealed class VerifyCommandTests : IAsyncLifetime
{
    private readonly string dir = Directory.CreateTempSubdirectory("rr-verify-").FullName;
    private LoopbackServer server = null!;
    private string receipt = "";
    private string keysFile = "";

    public async ValueTask InitializeAsync()
    {
        server = await LoopbackServer.StartAsync("Sqlite");
        var tenant = await server.CreateTenantAsync("星河影业");
        using var client = server.CreateClient(tenant.ApiKey);
        for (var i = 0; i < 3; i++)
        {
            var response = await client.PostAsJsonAsync("/api/ledger/attestations", new { title = $"第{i}集剧本", sha256 = new string((char)('a' + i), 64) });
            receipt = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("receipt").GetString()!;
        }
        keysFile = Path.Combine(dir, "keys.json");
        await File.WriteAllTextAsync(keysFile, await client.GetStringAsync("/api/ledger/keys"));
    }

    public async ValueTask DisposeAsync()
    {
        await server.DisposeAsync();
        Directory.Delete(dir, recursive: true);
    }

    private async Task<(int Exit, string Out, string Err)> VerifyAsync(string text, params string[] extra)
    {
        var path = Path.Combine(dir, Guid.NewGuid().ToString("N") + ".receipt");
        await File.WriteAllTextAsync(path, text);
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var exit = await CliApp.RunAsync(["verify", path, .. extra.Length == 0 ? ["--key-file", keysFile] : extra], stdout, stderr);
        return (exit, stdout.ToString(), stderr.ToString());
    }

    [Fact]
    public async Task Verify_UntouchedReceipt_IsValidAndSaysWhatWhenAndWho()
    {
        var (exit, output, error) = await VerifyAsync(receipt);

        exit.ShouldBe(0, error);
        output.ShouldContain("有效");
        output.ShouldContain("VALID");
        output.ShouldContain("第2集剧本");
        output.ShouldContain("星河影业");
        output.ShouldContain("RFC 3161");
        output.ShouldContain("✓ 检查点签名 / checkpoint signature");
    }

    [Fact]
    public async Task Verify_ChangedLeaf_FailsNamingRecordDigests()
    {
        var lines = receipt.Split('\n');
        var leaf = lines.Single(l => l.StartsWith("leaf ", StringComparison.Ordinal));
        var record = System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(leaf[5..])).Replace("第2集", "第9集", StringComparison.Ordinal);
        var forged = receipt.Replace(leaf, "leaf " + Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(record)), StringComparison.Ordinal);

        var (exit, _, error) = await VerifyAsync(forged);

        exit.ShouldBe(1);
        error.ShouldStartWith("验证失败 / verification failed: 记录摘要");
    }

    [Fact]
    public async Task Verify_ChangedIndex_FailsNamingInclusionProof()
    {
        var forged = receipt.Replace("\nindex 2\n", "\nindex 1\n", StringComparison.Ordinal);

        var (exit, _, error) = await VerifyAsync(forged);

        forged.ShouldNotBe(receipt);
        exit.ShouldBe(1);
        error.ShouldContain("包含证明未通过 / inclusion proof failed");
    }

    [Fact]
    public async Task Verify_TimestampLineRemoved_FailsBecauseEveryLeafIsStamped()
    {
        var stripped = string.Join('\n', receipt.Split('\n').Where(l => !l.StartsWith("timestamp ", StringComparison.Ordinal)));

        var (exit, output, error) = await VerifyAsync(stripped);

        stripped.ShouldNotBe(receipt);
        exit.ShouldBe(1);
        output.ShouldContain("INVALID");
        error.ShouldContain("time-stamp token is required");
    }

    [Fact]
    public async Task Verify_KeyOfAnotherLog_FailsNamingCheckpointSignature()
    {
        var other = ReelRights.Ledger.Notes.NoteKeys.GenerateEd25519("someone.else/log").VerifierKey;

        var (exit, _, error) = await VerifyAsync(receipt, "--key", other);

        exit.ShouldBe(1);
        error.ShouldContain("检查点签名未通过 / checkpoint signature failed");
    }

    [Fact]
    public async Task Verify_NoPinnedKeyOrGarbageFile_ExplainsInOneLine()
    {
        var noKey = await VerifyAsync(receipt, "--tsa-cert", keysFile + ".missing");
        var garbage = await VerifyAsync("not a receipt");

        noKey.Exit.ShouldBe(1);
        noKey.Err.ShouldContain("错误 / error:");
        garbage.Exit.ShouldBe(1);
        garbage.Err.Trim().ShouldStartWith("错误 / error: 不是有效的回执文件");
        garbage.Err.Trim().Split('\n').Length.ShouldBe(1);
    }
}
