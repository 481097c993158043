using System.Diagnostics;

namespace ReelRights.Testing;

/// <summary>Runs ffmpeg to make test media (quiet, no stdin, overwrite); a failure throws with ffmpeg's message.</summary>
public static class Ffmpeg
{
    public static async Task RunAsync(params string[] arguments)
    {
        var start = new ProcessStartInfo("ffmpeg") { UseShellExecute = false, RedirectStandardError = true };
        foreach (var argument in (string[])["-nostdin", "-hide_banner", "-v", "error", "-y", .. arguments])
        {
            start.ArgumentList.Add(argument);
        }
        using var process = Process.Start(start) ?? throw new InvalidOperationException("ffmpeg could not be started.");
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException("ffmpeg failed: " + await stderr);
        }
    }
}
