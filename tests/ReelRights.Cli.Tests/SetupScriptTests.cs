using System.Diagnostics;

namespace ReelRights.Cli.Tests;

/// <summary>
/// The shell scripts a user runs first: <c>scripts/ensure-deps.sh</c> and the <c>./reelrights</c>
/// wrapper. <c>apt-get</c>, <c>sudo</c> and (for the wrapper) <c>dotnet</c> are replaced by shims
/// on PATH that write what they were asked into a log, so the tests see every call and nothing
/// is installed or built for real.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class SetupScriptTests : IDisposable
{
    private readonly string sandbox = Directory.CreateTempSubdirectory("rr-setup-").FullName;
    private readonly string shims;
    private readonly string callLog;

    public SetupScriptTests()
    {
        shims = Path.Combine(sandbox, "shims");
        callLog = Path.Combine(sandbox, "calls.log");
        Directory.CreateDirectory(shims);
        foreach (var tool in new[] { "apt-get", "sudo" })
        {
            WriteScript(Path.Combine(shims, tool), $"#!/bin/sh\necho \"{tool} $*\" >> '{callLog}'\n");
        }
    }

    public void Dispose() => Directory.Delete(sandbox, recursive: true);

    [Fact]
    public async Task EnsureDeps_EverythingInstalled_NeverCallsAptInTwentyRuns()
    {
        // The fonts check used to fail about half the time (fc-list killed by SIGPIPE under
        // pipefail); twenty clean runs in a row would happen by chance once in a million.
        if (!FontsAndToolsPresent())
        {
            Assert.Skip("needs ffmpeg, Noto Sans CJK and Chromium installed (./test.sh installs them)");
        }
        var script = Path.Combine(RepositoryRoot(), "scripts", "ensure-deps.sh");

        for (var i = 0; i < 20; i++)
        {
            var run = await BashAsync(script, ["run"], RepositoryRoot());
            run.Exit.ShouldBe(0, $"run {i}: {run.Stderr}");
        }

        File.Exists(callLog).ShouldBeFalse(File.Exists(callLog) ? File.ReadAllText(callLog) : "");
    }

    [Fact]
    public async Task EnsureDeps_FontsMissing_InstallsThem()
    {
        var script = Path.Combine(RepositoryRoot(), "scripts", "ensure-deps.sh");
        // A fontconfig that lists no CJK font: the check must notice and ask for the package.
        WriteScript(Path.Combine(shims, "fc-list"), "#!/bin/sh\necho 'DejaVu Sans'\n");

        var run = await BashAsync(script, ["run"], RepositoryRoot());

        run.Exit.ShouldBe(0, run.Stderr);
        File.ReadAllLines(callLog).ShouldContain(l => l.Contains("install", StringComparison.Ordinal) && l.Contains("fonts-noto-cjk", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Wrapper_BuildsOnceThenOnlyExecutesAndRebuildsWhenSourcesChange()
    {
        var root = Path.Combine(sandbox, "repo");
        Directory.CreateDirectory(Path.Combine(root, "scripts"));
        Directory.CreateDirectory(Path.Combine(root, "src", "ReelRights.Cli", "obj"));
        File.Copy(Path.Combine(RepositoryRoot(), "reelrights"), Path.Combine(root, "reelrights"));
        File.Copy(Path.Combine(RepositoryRoot(), "scripts", "ensure-deps.sh"), Path.Combine(root, "scripts", "ensure-deps.sh"));
        var source = Path.Combine(root, "src", "ReelRights.Cli", "Program.cs");
        await File.WriteAllTextAsync(source, "// v1");
        await File.WriteAllTextAsync(Path.Combine(root, "Directory.Build.props"), "<Project />");
        // The dependency check is replaced by one that only records that it ran.
        WriteScript(Path.Combine(root, "scripts", "ensure-deps.sh"), $"#!/bin/sh\necho \"ensure-deps $*\" >> '{callLog}'\n");
        // `dotnet publish … -o DIR` makes DIR/reelrights.dll; `dotnet DLL args` records the run.
        WriteScript(Path.Combine(shims, "dotnet"), $$"""
            #!/bin/bash
            if [ "$1" = publish ]; then
              while [ $# -gt 0 ]; do [ "$1" = -o ] && out="$2"; shift; done
              mkdir -p "$out" && touch "$out/reelrights.dll"
              echo publish >> '{{callLog}}'
            else
              echo "run ${*:2}" >> '{{callLog}}'
            fi
            """);
        var wrapper = Path.Combine(root, "reelrights");

        (await BashAsync(wrapper, ["--help"], root)).Exit.ShouldBe(0);
        var first = Calls();
        (await BashAsync(wrapper, ["match", "a.mp4"], root)).Exit.ShouldBe(0);
        (await BashAsync(wrapper, ["verify", "r.txt"], root)).Exit.ShouldBe(0);
        var unchanged = Calls()[first.Length..];
        await File.WriteAllTextAsync(source, "// v2, a longer line");
        (await BashAsync(wrapper, ["--help"], root)).Exit.ShouldBe(0);
        var changed = Calls()[(first.Length + unchanged.Length)..];

        first.ShouldBe(["ensure-deps run", "publish", "run --help"]);
        unchanged.ShouldBe(["run match a.mp4", "run verify r.txt"]);
        changed.ShouldBe(["publish", "run --help"]);
    }

    private string[] Calls() => File.Exists(callLog) ? File.ReadAllLines(callLog) : [];

    private async Task<(int Exit, string Stdout, string Stderr)> BashAsync(string script, string[] args, string workingDirectory)
    {
        var psi = new ProcessStartInfo("bash")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory,
        };
        psi.ArgumentList.Add(script);
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }
        psi.Environment["PATH"] = shims + ":" + Environment.GetEnvironmentVariable("PATH");
        using var process = Process.Start(psi)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{Path.GetFileName(script)} {string.Join(' ', args)} did not finish within 60 s");
        }
        return (process.ExitCode, await stdout, await stderr);
    }

    private static bool FontsAndToolsPresent() =>
        File.Exists("/usr/bin/chromium") && File.Exists("/usr/bin/ffmpeg") && File.Exists("/usr/bin/fc-list");

    private static void WriteScript(string path, string text)
    {
        File.WriteAllText(path, text.Replace("\r\n", "\n", StringComparison.Ordinal));
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }

    internal static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "ReelRights.slnx")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException("the repository root (ReelRights.slnx) was not found above " + AppContext.BaseDirectory);
    }
}
