using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using ReelRights.Testing;

namespace ReelRights.Cli.Tests;

/// <summary>
/// <c>reelrights register</c> from fingerprint files made on the owner's machine, then
/// <c>works list</c>, and the receipt checked offline by <c>reelrights verify</c>.
/// </summary>
public sealed class RegisterCommandTests : IAsyncLifetime
{
    private readonly string dir = Directory.CreateTempSubdirectory("rr-register-cli-").FullName;
    private LoopbackServer server = null!;

    public async ValueTask InitializeAsync()
    {
        server = await LoopbackServer.StartAsync("Sqlite");
        string[] encode = ["-c:v", "libx264", "-preset", "ultrafast", "-crf", "26", "-pix_fmt", "yuv420p", "-c:a", "aac"];
        await Ffmpeg.RunAsync(["-f", "lavfi", "-i", "mandelbrot=s=180x320:r=25,trim=duration=8",
            "-f", "lavfi", "-i", "aevalsrc='0.3*sin(2*PI*t*(500+300*sin(13*floor(4*t))))':s=16000:d=8", .. encode, Path.Combine(dir, "ep1.mp4")]);
        await Ffmpeg.RunAsync(["-f", "lavfi", "-i", "cellauto=s=180x320:r=25:rule=30,trim=duration=8",
            "-f", "lavfi", "-i", "aevalsrc='0.3*sin(2*PI*t*(300+200*sin(7*floor(3*t))))':s=16000:d=8", .. encode, Path.Combine(dir, "ep2.mp4")]);
    }

    public async ValueTask DisposeAsync()
    {
        await server.DisposeAsync();
        Directory.Delete(dir, recursive: true);
    }

    [Fact]
    public async Task Register_TwoFingerprintFiles_SealsWorkAndReceiptVerifiesOffline()
    {
        var tenant = await server.CreateTenantAsync("星河短剧");
        var ep1 = Path.Combine(dir, "ep1.rrfp");
        var ep2 = Path.Combine(dir, "ep2.rrfp");
        (await RunAsync("fingerprint", Path.Combine(dir, "ep1.mp4"), "-o", ep1)).Exit.ShouldBe(0);
        (await RunAsync("fingerprint", Path.Combine(dir, "ep2.mp4"), "-o", ep2)).Exit.ShouldBe(0);
        var receipt = Path.Combine(dir, "registration.receipt");

        var (exit, stdout, stderr) = await RunAsync("register", ep1, ep2, "--title", "霸道总裁的替身新娘", "--server", server.BaseAddress.ToString(),
            "--api-key", tenant.ApiKey, "--receipt", receipt);

        exit.ShouldBe(0, stderr);
        var result = JsonDocument.Parse(stdout).RootElement;
        result.GetProperty("state").GetString().ShouldBe("sealed");
        result.GetProperty("certificateNumber").GetString().ShouldStartWith("RRC-");
        var codes = result.GetProperty("episodes").EnumerateArray().Select(e => e.GetProperty("code").GetString()!).ToList();
        codes.Count.ShouldBe(2);
        codes[0].ShouldStartWith(result.GetProperty("workCode").GetString()! + "-E001-");
        stderr.ShouldContain("登记状态 / registration: sealed");

        // The receipt verifies offline against the log's pinned keys.
        using var anonymous = server.CreateClient();
        var keys = Path.Combine(dir, "keys.json");
        await File.WriteAllTextAsync(keys, await anonymous.GetStringAsync("/api/ledger/keys"));
        var verified = await RunAsync("verify", receipt, "--key-file", keys);
        verified.Exit.ShouldBe(0, verified.Stderr);
        verified.Stdout.ShouldContain("星河短剧");
        verified.Stdout.ShouldContain(codes[1]);

        // The work is listed; the master media never reached the server.
        var list = await RunAsync("works", "list", "--server", server.BaseAddress.ToString(), "--api-key", tenant.ApiKey);
        list.Exit.ShouldBe(0, list.Stderr);
        list.Stdout.ShouldContain(result.GetProperty("workCode").GetString()!);
        using var owner = server.CreateClient(tenant.ApiKey);
        var detail = await owner.GetFromJsonAsync<JsonElement>($"/api/works/{result.GetProperty("workId").GetString()}");
        detail.GetProperty("episodes").EnumerateArray().ShouldAllBe(e => e.GetProperty("source").GetString() == "fingerprint"
            && e.GetProperty("mediaSha256").ValueKind == JsonValueKind.Null);
    }

    [Fact]
    public async Task Register_MediaFileFingerprintedLocally_AndBadInputsGiveOneClearError()
    {
        var tenant = await server.CreateTenantAsync("本地指纹");
        var notMedia = Path.Combine(dir, "notes.txt");
        await File.WriteAllTextAsync(notMedia, "这不是视频");

        var (exit, stdout, stderr) = await RunAsync("register", Path.Combine(dir, "ep1.mp4"), "--title", "单集", "--server", server.BaseAddress.ToString(),
            "--api-key", tenant.ApiKey);
        var missingKey = await RunAsync("works", "list", "--server", server.BaseAddress.ToString());
        var wrongKey = await RunAsync("works", "list", "--server", server.BaseAddress.ToString(), "--api-key", "rr_nope_nope");
        var bad = await RunAsync("register", notMedia, "--title", "坏文件", "--server", server.BaseAddress.ToString(), "--api-key", tenant.ApiKey);

        exit.ShouldBe(0, stderr);
        stderr.ShouldContain("本机生成指纹");
        JsonDocument.Parse(stdout).RootElement.GetProperty("state").GetString().ShouldBe("sealed");
        missingKey.Exit.ShouldBe(1);
        missingKey.Stderr.ShouldContain("REELRIGHTS_API_KEY");
        wrongKey.Exit.ShouldBe(1);
        wrongKey.Stderr.ShouldStartWith("错误 / error:");
        bad.Exit.ShouldBe(1);
        bad.Stderr.Trim().Split('\n').Last().ShouldStartWith("错误 / error:");
    }

    private static async Task<(int Exit, string Stdout, string Stderr)> RunAsync(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        Environment.SetEnvironmentVariable("REELRIGHTS_API_KEY", null);
        var exit = await CliApp.RunAsync(args, stdout, stderr);
        return (exit, stdout.ToString(), stderr.ToString());
    }

}
