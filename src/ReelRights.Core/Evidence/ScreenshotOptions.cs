namespace ReelRights.Core.Evidence;

/// <summary>
/// The page screenshot in evidence bundles (configuration section <see cref="Section"/>). Which
/// Chromium runs, its time limit and temp folder come from <c>Certificates:Chromium</c>.
/// </summary>
public sealed class ScreenshotOptions
{
    public const string Section = "Evidence:Screenshot";

    /// <summary>Off: bundles carry the HTML snapshot only, and the step log says so.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>CSS pixels. The default is a common Android phone: the sites copies are found on are mostly mobile pages.</summary>
    public int Width { get; set; } = 412;

    public int Height { get; set; } = 915;

    /// <summary>Device pixels per CSS pixel; 2 makes small Chinese text legible in the image.</summary>
    public int DeviceScaleFactor { get; set; } = 2;

    /// <summary>Largest PNG accepted (a phone-sized page is a few hundred KB).</summary>
    public long MaxPngBytes { get; set; } = 20L * 1024 * 1024;

    /// <summary>Throws <see cref="ArgumentException"/> when a value cannot work.</summary>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(Width, 200, nameof(Width));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(Width, 4000, nameof(Width));
        ArgumentOutOfRangeException.ThrowIfLessThan(Height, 200, nameof(Height));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(Height, 8000, nameof(Height));
        ArgumentOutOfRangeException.ThrowIfLessThan(DeviceScaleFactor, 1, nameof(DeviceScaleFactor));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(DeviceScaleFactor, 3, nameof(DeviceScaleFactor));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(MaxPngBytes, 0, nameof(MaxPngBytes));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(MaxPngBytes, Array.MaxLength, nameof(MaxPngBytes));
    }
}
