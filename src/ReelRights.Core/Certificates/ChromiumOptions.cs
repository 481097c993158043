namespace ReelRights.Core.Certificates;

/// <summary>
/// Where headless Chromium is and how far one PDF render may go. Small and bound from
/// configuration (section <see cref="Section"/>); every limit applies to one render.
/// </summary>
public sealed class ChromiumOptions
{
    public const string Section = "Certificates:Chromium";

    /// <summary>Where Debian's chromium package puts its launcher.</summary>
    public const string DefaultExecutablePath = "/usr/bin/chromium";

    /// <summary>
    /// A full path, or a bare name looked up on PATH. Left at the default, a missing file falls back
    /// to chromium or chromium-browser on PATH; any other value is used as given.
    /// </summary>
    public string ExecutablePath { get; set; } = DefaultExecutablePath;

    /// <summary>Wall-clock limit of one Chromium run, start-up included (a cold start takes 1–3 s).</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Largest PDF accepted; a certificate is a few hundred KB even with a hundred episodes.</summary>
    public long MaxPdfBytes { get; set; } = 20L * 1024 * 1024;

    /// <summary>
    /// Longest <see cref="TempRoot"/> that works. Chromium's process-singleton socket ends up at
    /// {TempRoot}/rrc-{16 hex}/tmp/org.chromium.Chromium.XXXXXX/SingletonSocket, about 72 characters
    /// past the root, and a Unix socket path holds at most 107 (sockaddr_un.sun_path, unix(7));
    /// beyond that Chromium aborts at start-up.
    /// </summary>
    public const int MaxTempRootLength = 32;

    /// <summary>
    /// Folder under which each render gets its private working folder; null uses the system temp
    /// folder. At most <see cref="MaxTempRootLength"/> characters.
    /// </summary>
    public string? TempRoot { get; set; }

    /// <summary>Throws <see cref="ArgumentException"/> when a value cannot work.</summary>
    public void Validate()
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(ExecutablePath);
        // One hour is far beyond any real render and well inside what CancelAfter accepts.
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(Timeout, TimeSpan.Zero, nameof(Timeout));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(Timeout, TimeSpan.FromHours(1), nameof(Timeout));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(MaxPdfBytes, 0, nameof(MaxPdfBytes));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(MaxPdfBytes, Array.MaxLength, nameof(MaxPdfBytes));
        if (TempRoot is not null && (!Path.IsPathFullyQualified(TempRoot) || Path.TrimEndingDirectorySeparator(TempRoot).Length > MaxTempRootLength))
        {
            throw new ArgumentException($"TempRoot must be an absolute path of at most {MaxTempRootLength} characters.", nameof(TempRoot));
        }
    }
}
