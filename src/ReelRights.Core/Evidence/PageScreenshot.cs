namespace ReelRights.Core.Evidence;

/// <summary>A rendered page (PNG) or, when none could be made, why not, in both languages.</summary>
public sealed record PageScreenshot(byte[]? Png, int Width, int Height, string? ReasonZh, string? ReasonEn)
{
    public static PageScreenshot Unavailable(string zh, string en) => new(null, 0, 0, zh, en);
}
