using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text;

namespace ReelRights.Bench;

/// <summary>Result of one child process run: output, wall time, CPU time of it and its descendants, peak RSS.</summary>
internal sealed record FingerprintRun(int ExitCode, string Stdout, string Stderr, double WallSeconds, double CpuSeconds, long PeakRssBytes, bool TimedOut)
{
    public bool Ok => ExitCode == 0 && !TimedOut;
}

/// <summary>
/// Runs ffmpeg and the reelrights CLI. CPU time comes from getrusage(RUSAGE_CHILDREN) before and after
/// the run, which includes every descendant that was waited for (the ffmpeg processes the CLI
/// starts), so ratios stay meaningful on a machine shared with other work. Peak RSS is the
/// VmHWM of the started process, sampled every 10 ms (the CLI's own memory, not its ffmpeg children).
/// </summary>
internal static class FingerprintProcesses
{
    [StructLayout(LayoutKind.Sequential)]
    private struct TimeVal
    {
        public long Sec;
        public long Usec;
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct RUsage
    {
        public TimeVal UserTime;
        public TimeVal SystemTime;
        public long MaxRss;
        public long IxRss, IdRss, IsRss, MinFlt, MajFlt, NSwap, InBlock, OuBlock, MsgSnd, MsgRcv, NSignals, NVCsw, NIvCsw;
    }

    [DllImport("libc", SetLastError = true)]
#pragma warning disable SYSLIB1054 // LibraryImport would need unsafe code enabled for the project
    private static extern int getrusage(int who, out RUsage usage);
#pragma warning restore SYSLIB1054

    private const int RusageChildren = -1;

    private static readonly Lock Gate = new();

    public static double ChildrenCpuSeconds()
    {
        if (!OperatingSystem.IsLinux() || getrusage(RusageChildren, out var u) != 0)
        {
            return double.NaN;
        }
        return u.UserTime.Sec + u.UserTime.Usec / 1e6 + u.SystemTime.Sec + u.SystemTime.Usec / 1e6;
    }

    /// <summary>Starts FILE ARGS (a .dll is run with `dotnet`), waits, returns what it did. Runs are serialized so CPU accounting is per run.</summary>
    public static FingerprintRun Run(string file, IEnumerable<string> args, TimeSpan timeout, bool nice = true)
    {
        var psi = new ProcessStartInfo
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        var argv = new List<string>();
        if (file.EndsWith(".dll", StringComparison.OrdinalIgnoreCase))
        {
            argv.Add("dotnet");
        }
        argv.Add(file);
        argv.AddRange(args);
        if (nice && File.Exists("/usr/bin/nice"))
        {
            argv.InsertRange(0, ["/usr/bin/nice", "-n", "19"]);
        }
        psi.FileName = argv[0];
        foreach (var a in argv.Skip(1))
        {
            psi.ArgumentList.Add(a);
        }

        lock (Gate)
        {
            var cpu0 = ChildrenCpuSeconds();
            var watch = Stopwatch.StartNew();
            using var p = new Process { StartInfo = psi };
            try
            {
                p.Start();
            }
            catch (System.ComponentModel.Win32Exception e)
            {
                return new FingerprintRun(127, "", $"cannot start {psi.FileName}: {e.Message}", 0, 0, 0, false);
            }
            p.StandardInput.Close();
            var stdout = p.StandardOutput.ReadToEndAsync();
            var stderr = p.StandardError.ReadToEndAsync();
            long peak = 0;
            var timedOut = false;
            var statusPath = $"/proc/{p.Id}/status";
            while (!p.WaitForExit(10))
            {
                peak = Math.Max(peak, ReadHwm(statusPath));
                if (watch.Elapsed > timeout)
                {
                    timedOut = true;
                    try
                    {
                        p.Kill(entireProcessTree: true);
                    }
                    catch (InvalidOperationException)
                    {
                    }
                    p.WaitForExit();
                    break;
                }
            }
            p.WaitForExit();
            watch.Stop();
            var cpu1 = ChildrenCpuSeconds();
            return new FingerprintRun(p.ExitCode, stdout.Result, stderr.Result, watch.Elapsed.TotalSeconds, cpu1 - cpu0, peak, timedOut);
        }
    }

    private static long ReadHwm(string statusPath)
    {
        try
        {
            foreach (var line in File.ReadLines(statusPath))
            {
                if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
                {
                    var parts = line.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
                    return long.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture) * 1024;
                }
            }
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
        return 0;
    }

    public static string Tail(string text, int lines = 6)
    {
        var all = text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        return string.Join("\n", all.Skip(Math.Max(0, all.Length - lines)));
    }
}
