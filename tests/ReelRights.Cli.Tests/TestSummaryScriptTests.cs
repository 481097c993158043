using System.Diagnostics;

namespace ReelRights.Cli.Tests;

/// <summary>
/// <c>scripts/test-summary.sh</c>, which <c>test.sh</c> runs on the console output of every test
/// run, also one cut short. The logs are in the format `dotnet test` prints;
/// <c>TestLogs/hang-guard-stopped.log</c> is the real output of a run whose test host the hang
/// guard (<c>--blame-hang-timeout</c>) stopped.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class TestSummaryScriptTests : IDisposable
{
    private const string PassedCore = "Passed!  - Failed:     0, Passed:   244, Skipped:     0, Total:   244, Duration: 1 m 6 s - ReelRights.Core.Tests.dll (net10.0)";
    private const string PassedLedger = "Passed!  - Failed:     0, Passed:   382, Skipped:     0, Total:   382, Duration: 11 s - ReelRights.Ledger.Tests.dll (net10.0)";
    private const string FailedLedger = "Failed!  - Failed:     2, Passed:   380, Skipped:     0, Total:   382, Duration: 12 s - ReelRights.Ledger.Tests.dll (net10.0)";

    private readonly string sandbox = Directory.CreateTempSubdirectory("rr-summary-").FullName;

    public void Dispose() => Directory.Delete(sandbox, recursive: true);

    [Fact]
    public async Task EveryProjectPassed_ExitsZeroAndSaysSo()
    {
        var run = await SummaryAsync([Header("ReelRights.Core.Tests"), PassedCore, Header("ReelRights.Ledger.Tests"), PassedLedger], "0",
            "ReelRights.Core.Tests", "ReelRights.Ledger.Tests");

        run.Exit.ShouldBe(0, run.Stdout);
        run.Stdout.ShouldContain("通过 / passed: ReelRights.Core.Tests — Failed: 0, Passed: 244");
        run.Stdout.ShouldContain("通过 / passed: ReelRights.Ledger.Tests");
        run.Stdout.ShouldContain("全部通过 / all tests passed");
    }

    [Fact]
    public async Task OneProjectFailed_NamesItAndExitsOne()
    {
        var run = await SummaryAsync([PassedCore, FailedLedger], "1", "ReelRights.Core.Tests", "ReelRights.Ledger.Tests");

        run.Exit.ShouldBe(1);
        run.Stdout.ShouldContain("失败 / FAILED: ReelRights.Ledger.Tests — Failed: 2, Passed: 380");
        run.Stdout.ShouldContain("通过 / passed: ReelRights.Core.Tests");
        run.Stdout.ShouldNotContain("全部通过");
    }

    [Fact]
    public async Task HangGuardStoppedAHost_NamesTheTestItWasIn()
    {
        var real = await File.ReadAllLinesAsync(Path.Combine(AppContext.BaseDirectory, "TestLogs", "hang-guard-stopped.log"));

        var run = await SummaryAsync([PassedCore, .. real], "1", "ReelRights.Core.Tests", "Hang.Tests");

        run.Exit.ShouldBe(1);
        run.Stdout.ShouldContain("中止 / STOPPED (hung or crashed): Hang.Tests — in Hang.Tests.HangTests.Sleeps_Forever");
        run.Stdout.ShouldContain("通过 / passed: ReelRights.Core.Tests");
    }

    [Fact]
    public async Task StoppedHostThatStillPrintedPassed_IsStoppedNotPassed()
    {
        // A host ended by the guard after some of its tests finished may still print a result
        // line for them; the test it was in must not be hidden behind "passed".
        var run = await SummaryAsync(
            ["The test running when the crash occurred: ", "ReelRights.Core.Tests.Cases.CaseServiceTests.Clock_Runs", "", PassedCore], "1",
            "ReelRights.Core.Tests");

        run.Exit.ShouldBe(1);
        run.Stdout.ShouldContain("STOPPED (hung or crashed): ReelRights.Core.Tests — in ReelRights.Core.Tests.Cases.CaseServiceTests.Clock_Runs");
    }

    [Fact]
    public async Task RunCutShort_ProjectsWithoutAResultDidNotFinish()
    {
        // Ctrl-C or CI's time limit: the run has no exit code and the second project never reported.
        var run = await SummaryAsync([PassedCore, Header("ReelRights.Ledger.Tests")], "", "ReelRights.Core.Tests", "ReelRights.Ledger.Tests");

        run.Exit.ShouldBe(1);
        run.Stdout.ShouldContain("未完成 / DID NOT FINISH: ReelRights.Ledger.Tests");
        run.Stdout.ShouldContain("(exit none)");
    }

    [Fact]
    public async Task FilterMatchedNothingInAProject_IsNotAFailure()
    {
        var run = await SummaryAsync(
            [PassedCore, "No test matches the given testcase filter `FullyQualifiedName~Cases` in /repo/tests/ReelRights.Ledger.Tests/bin/Release/net10.0/ReelRights.Ledger.Tests.dll"],
            "0", "ReelRights.Core.Tests", "ReelRights.Ledger.Tests");

        run.Exit.ShouldBe(0, run.Stdout);
        run.Stdout.ShouldContain("无匹配测试 / no test matched the filter: ReelRights.Ledger.Tests");
    }

    [Fact]
    public async Task AllResultsGoodButRunExitedNonZero_IsNotAllPassed()
    {
        // e.g. the build step's exit code, or a failure outside any project's result line.
        var run = await SummaryAsync([PassedCore], "2", "ReelRights.Core.Tests");

        run.Exit.ShouldBe(1);
        run.Stdout.ShouldContain("(exit 2)");
    }

    [Fact]
    public async Task DefaultProjectList_IsEveryTestProjectInTheRepository()
    {
        var run = await SummaryAsync([PassedCore], "0");

        run.Exit.ShouldBe(1);
        foreach (var project in Directory.GetFiles(Path.Combine(SetupScriptTests.RepositoryRoot(), "tests"), "*.Tests.csproj", SearchOption.AllDirectories))
        {
            var name = Path.GetFileNameWithoutExtension(project);
            run.Stdout.ShouldContain(name == "ReelRights.Core.Tests" ? $"passed: {name}" : $"DID NOT FINISH: {name}");
        }
    }

    private static string Header(string project) =>
        $"Test run for /repo/tests/{project}/bin/Release/net10.0/{project}.dll (.NETCoreApp,Version=v10.0)";

    private async Task<(int Exit, string Stdout)> SummaryAsync(string[] logLines, string status, params string[] projects)
    {
        var log = Path.Combine(sandbox, "run.log");
        await File.WriteAllLinesAsync(log, logLines);
        var psi = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        psi.ArgumentList.Add(Path.Combine(SetupScriptTests.RepositoryRoot(), "scripts", "test-summary.sh"));
        psi.ArgumentList.Add(log);
        psi.ArgumentList.Add(status);
        foreach (var p in projects)
        {
            psi.ArgumentList.Add(p);
        }
        using var process = Process.Start(psi)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await process.WaitForExitAsync(timeout.Token);
        (await stderr).ShouldBeEmpty();
        return (process.ExitCode, await stdout);
    }
}
