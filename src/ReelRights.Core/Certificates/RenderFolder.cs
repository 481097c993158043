using System.Security.Cryptography;
using Microsoft.Extensions.Logging;

namespace ReelRights.Core.Certificates;

/// <summary>
/// One render's private working folder (mode 0700, unguessable name), deleted when disposed
/// whatever happened to the render. Its name is short on purpose: see
/// <see cref="ChromiumOptions.MaxTempRootLength"/>.
/// </summary>
internal sealed partial class RenderFolder : IAsyncDisposable
{
    private readonly ILogger logger;

    private RenderFolder(string path, ILogger logger)
    {
        Path = path;
        this.logger = logger;
    }

    public string Path { get; }

    /// <summary>Creates the folder under <paramref name="tempRoot"/>, or the system temp folder when null.</summary>
    public static RenderFolder Create(string? tempRoot, ILogger logger)
    {
        var root = System.IO.Path.TrimEndingDirectorySeparator(tempRoot ?? System.IO.Path.GetTempPath());
        if (root.Length > ChromiumOptions.MaxTempRootLength)
        {
            // Only reachable through a long TMPDIR; a configured TempRoot is checked at start-up.
            throw new InvalidOperationException(
                $"The temp folder {root} is too long for Chromium's socket path; set {ChromiumOptions.Section}:TempRoot to a folder of at most {ChromiumOptions.MaxTempRootLength} characters.");
        }

        // 64 random bits: another user of a shared temp folder cannot guess the name in advance.
        var path = System.IO.Path.Combine(root, "rrc-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8)));
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(path);
        }
        else
        {
            Directory.CreateDirectory(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        return new RenderFolder(path, logger);
    }

    public async ValueTask DisposeAsync()
    {
        // A just-killed child may still be closing files in the profile; a few short retries cover it.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                Directory.Delete(Path, recursive: true);
                return;
            }
            catch (DirectoryNotFoundException)
            {
                return;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                if (attempt == 3)
                {
                    LogCleanupFailed(logger, e, Path);
                    return;
                }

                await Task.Delay(TimeSpan.FromMilliseconds(200), CancellationToken.None);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not delete the render folder {Path}")]
    private static partial void LogCleanupFailed(ILogger logger, Exception exception, string path);
}
