using System.Globalization;
using System.Text.Json;

namespace ReelRights.Server.Pages.Works;

/// <summary>How hashes, sizes, durations and states are written on the works pages.</summary>
public static class WorkFormat
{
    /// <summary>The first twelve hex digits; the page puts the full digest in a title attribute.</summary>
    public static string Short(string? hash) => hash is null ? "—" : hash.Length <= 12 ? hash : hash[..12] + "…";

    public static string Size(long? bytes) => bytes switch
    {
        null => "—",
        >= 1 << 20 => (bytes.Value / 1048576.0).ToString("F1", CultureInfo.InvariantCulture) + " MB",
        >= 1024 => (bytes.Value / 1024.0).ToString("F1", CultureInfo.InvariantCulture) + " KB",
        _ => bytes.Value.ToString(CultureInfo.InvariantCulture) + " B",
    };

    public static string Duration(double? seconds) => seconds is not { } s
        ? "—"
        : TimeSpan.FromSeconds(Math.Round(s)).ToString(s >= 3600 ? @"h\:mm\:ss" : @"m\:ss", CultureInfo.InvariantCulture);

    /// <summary>An enum value as the API and the page script spell it ("needs-review").</summary>
    public static string Kebab(Enum value) => JsonNamingPolicy.KebabCaseLower.ConvertName(value.ToString());

    public static string Date(DateOnly? date) => date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "—";

    public static string Time(DateTime time) => time.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);
}
