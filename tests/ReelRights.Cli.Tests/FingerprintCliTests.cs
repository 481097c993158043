using ReelRights.Testing;
using System.CommandLine;
using System.Diagnostics;
using System.Text.Json;
using ReelRights.Cli.Commands;

namespace ReelRights.Cli.Tests;

/// <summary>
/// The scripting contract of issue 6 end to end: <c>fingerprint</c> → <c>index add</c> →
/// <c>match --json</c> on a generated clip, a transformed copy and an unrelated clip.
/// </summary>
public sealed class FingerprintCliTests : IAsyncLifetime
{
    private readonly string dir = Directory.CreateTempSubdirectory("rr-fpcli-").FullName;

    private string Reference => Path.Combine(dir, "episode.mp4");

    private string Copy => Path.Combine(dir, "copy.mp4");

    private string Unrelated => Path.Combine(dir, "unrelated.mp4");

    private string IndexDir => Path.Combine(dir, "index");

    public async ValueTask InitializeAsync()
    {
        string[] encode = ["-c:v", "libx264", "-preset", "ultrafast", "-crf", "26", "-pix_fmt", "yuv420p", "-c:a", "aac"];
        await Ffmpeg.RunAsync([
            "-f", "lavfi", "-i", "mandelbrot=s=180x320:r=25,trim=duration=8",
            "-f", "lavfi", "-i", "testsrc=s=180x320:r=25:d=8,hue=H=2*t,rotate=0.3*t",
            "-f", "lavfi", "-i", "aevalsrc='0.3*sin(2*PI*t*(500+300*sin(13*floor(4*t))))':s=16000:d=16",
            "-filter_complex", "[0:v][1:v]concat=n=2:v=1:a=0[v]", "-map", "[v]", "-map", "2:a", .. encode, Reference]);
        // Seconds 4–16, mirrored, cropped, sped up 1.25× with the pitch kept.
        await Ffmpeg.RunAsync([
            "-ss", "4", "-i", Reference, "-filter_complex",
            "[0:v]hflip,crop=iw*0.85:ih*0.85,scale=180:320,setpts=PTS/1.25[v];[0:a]atempo=1.25[a]",
            "-map", "[v]", "-map", "[a]", .. encode, Copy]);
        await Ffmpeg.RunAsync([
            "-f", "lavfi", "-i", "cellauto=s=180x320:r=25:rule=30,trim=duration=10",
            "-f", "lavfi", "-i", "anoisesrc=d=10:c=brown:a=0.3:r=16000", .. encode, Unrelated]);
    }

    public ValueTask DisposeAsync()
    {
        Directory.Delete(dir, recursive: true);
        return ValueTask.CompletedTask;
    }

    [Fact]
    public async Task FingerprintIndexMatch_TransformedCopy_ReportsReferenceAndSeconds()
    {
        var rrfp = Path.Combine(dir, "episode.rrfp");
        (await RunAsync("fingerprint", Reference, "-o", rrfp)).Exit.ShouldBe(0);
        File.ReadAllBytes(rrfp)[..4].ShouldBe("RRFP"u8.ToArray());
        (await RunAsync("index", "add", "--index", IndexDir, "--id", "第1集", rrfp)).Exit.ShouldBe(0);

        var (exit, stdout, _) = await RunAsync("match", "--index", IndexDir, Copy, Unrelated, "--json");

        exit.ShouldBe(0);
        var lines = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        lines.Count.ShouldBe(2);
        lines[0].GetProperty("query").GetString().ShouldBe(Copy);
        var match = lines[0].GetProperty("matches").EnumerateArray().ShouldHaveSingleItem();
        match.GetProperty("referenceId").GetString().ShouldBe("第1集");
        match.GetProperty("score").GetDouble().ShouldBeInRange(0.5, 1.0);
        match.GetProperty("modality").GetString().ShouldBe("both");
        var segment = match.GetProperty("segments").EnumerateArray().MaxBy(s => s.GetProperty("queryEnd").GetDouble() - s.GetProperty("queryStart").GetDouble());
        segment.GetProperty("queryStart").GetDouble().ShouldBe(0, 1.0);
        segment.GetProperty("queryEnd").GetDouble().ShouldBe(12 / 1.25, 1.0);
        segment.GetProperty("referenceStart").GetDouble().ShouldBe(4, 1.2);
        segment.GetProperty("referenceEnd").GetDouble().ShouldBe(16, 1.2);
        lines[1].GetProperty("query").GetString().ShouldBe(Unrelated);
        lines[1].GetProperty("matches").GetArrayLength().ShouldBe(0);
    }

    [Fact]
    public async Task IndexAdd_CorruptedFingerprint_FailsWithOneBilingualErrorLine()
    {
        var rrfp = Path.Combine(dir, "bad.rrfp");
        (await RunAsync("fingerprint", Unrelated, "-o", rrfp)).Exit.ShouldBe(0);
        var bytes = await File.ReadAllBytesAsync(rrfp);
        bytes[40] ^= 0xFF;
        await File.WriteAllBytesAsync(rrfp, bytes);

        var (exit, stdout, stderr) = await RunAsync("index", "add", "--index", Path.Combine(dir, "other"), "--id", "x", rrfp);

        exit.ShouldNotBe(0);
        stdout.ShouldBeEmpty();
        var error = stderr.Split('\n').Where(l => l.StartsWith("错误 / error", StringComparison.Ordinal)).ShouldHaveSingleItem();
        error.ShouldContain("校验");
        error.ShouldContain("checksum");
        File.Exists(Path.Combine(dir, "other", "index.rrix")).ShouldBeFalse();
    }

    [Fact]
    public async Task Match_IndexFromAnOlderVersion_IsRebuiltFromTheReferencesAndMatches()
    {
        var rrfp = Path.Combine(dir, "episode.rrfp");
        (await RunAsync("fingerprint", Reference, "-o", rrfp)).Exit.ShouldBe(0);
        (await RunAsync("index", "add", "--index", IndexDir, "--id", "第1集", rrfp)).Exit.ShouldBe(0);
        var indexFile = Path.Combine(IndexDir, "index.rrix");
        var current = File.ReadAllBytes(indexFile)[4];
        // An index written by the previous engine: same magic, older version byte, other contents.
        await File.WriteAllBytesAsync(indexFile, [.. "RRIX"u8, (byte)(current - 1), .. new byte[64]]);

        var (exit, stdout, stderr) = await RunAsync("match", "--index", IndexDir, Copy, "--json");

        exit.ShouldBe(0, stderr);
        stderr.ShouldContain("rebuilding");
        var match = JsonDocument.Parse(stdout).RootElement.GetProperty("matches").EnumerateArray().ShouldHaveSingleItem();
        match.GetProperty("referenceId").GetString().ShouldBe("第1集");
        File.ReadAllBytes(indexFile)[4].ShouldBe(current);
    }

    [Fact]
    public async Task IndexAdd_BulkFromAListFileWithoutTheSearch_AddsEveryFileUnderThePrefix()
    {
        var episode = Path.Combine(dir, "episode.rrfp");
        var unrelated = Path.Combine(dir, "unrelated.rrfp");
        (await RunAsync("fingerprint", Reference, "-o", episode)).Exit.ShouldBe(0);
        (await RunAsync("fingerprint", Unrelated, "-o", unrelated)).Exit.ShouldBe(0);
        (await RunAsync("index", "add", "--index", IndexDir, "--id", "第1集", episode)).Exit.ShouldBe(0);
        var list = Path.Combine(dir, "bulk.rsp");
        await File.WriteAllLinesAsync(list, [unrelated, Copy]);

        var (exit, stdout, stderr) = await RunAsync("index", "add", "--index", IndexDir, "--id", "bulk", "--skip-common-content", "@" + list);

        exit.ShouldBe(0, stderr);
        var added = JsonDocument.Parse(stdout).RootElement;
        added.GetProperty("added").EnumerateArray().Select(a => a.GetString()).ShouldBe(["bulk/unrelated", "bulk/copy"]);
        added.GetProperty("references").GetInt32().ShouldBe(3);
        // No search ran, so the copy of episode 1 added in bulk is not masked against it: both match.
        var (_, matched, _) = await RunAsync("match", "--index", IndexDir, Copy, "--json");
        JsonDocument.Parse(matched).RootElement.GetProperty("matches").EnumerateArray()
            .Select(m => m.GetProperty("referenceId").GetString()).ShouldBe(["bulk/copy", "第1集"], ignoreOrder: true);
    }

    [Fact]
    public async Task Match_NoIndex_FailsClearly()
    {
        var (exit, _, stderr) = await RunAsync("match", "--index", Path.Combine(dir, "missing"), Copy, "--json");

        exit.ShouldNotBe(0);
        stderr.ShouldContain("index add");
    }

    [Fact]
    public async Task Help_Commands_AreChineseAndEnglish()
    {
        var (_, stdout, _) = await RunAsync("index", "add", "--help");

        stdout.ShouldContain("文件名");
        stdout.ShouldContain("file name without extension");
    }

    /// <summary>The three commands as CliApp registers them.</summary>
    private static async Task<(int Exit, string Stdout, string Stderr)> RunAsync(params string[] args)
    {
        var root = new RootCommand("test");
        root.Subcommands.Add(FingerprintCommands.Fingerprint());
        root.Subcommands.Add(FingerprintCommands.Index());
        root.Subcommands.Add(FingerprintCommands.Match());
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var exit = await root.Parse(args).InvokeAsync(new InvocationConfiguration { Output = stdout, Error = stderr });
        return (exit, stdout.ToString(), stderr.ToString());
    }

}
