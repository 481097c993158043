using System.Diagnostics;

namespace ReelRights.Media.Tests.Support;

/// <summary>Runs ffmpeg (or another tool) directly to make test media; independent of the code under test.</summary>
internal static class FfmpegCli
{
    public static async Task RunAsync(string executable, params string[] arguments)
    {
        var startInfo = new ProcessStartInfo(executable)
        {
            UseShellExecute = false,
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        };
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        using var process = Process.Start(startInfo)!;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var stdout = process.StandardOutput.ReadToEndAsync(timeout.Token);
        var stderr = process.StandardError.ReadToEndAsync(timeout.Token);
        await process.WaitForExitAsync(timeout.Token);
        await stdout;
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{executable} failed ({process.ExitCode}): {await stderr}");
        }
    }

    /// <summary>ffmpeg with the flags every generation shares; arguments follow.</summary>
    public static Task FfmpegAsync(params string[] arguments) =>
        RunAsync("ffmpeg", ["-nostdin", "-hide_banner", "-v", "error", "-y", .. arguments]);
}
