using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace ReelRights.Core.Monitoring;

/// <summary>
/// The view count a video page reports, where it reports one. By default, from schema.org
/// structured data: a JSON-LD <c>VideoObject</c>'s <c>interactionStatistic</c> whose
/// <c>interactionType</c> is <c>WatchAction</c> gives <c>userInteractionCount</c> (schema.org
/// InteractionCounter); other counters (likes, comments) are ignored. A crawl may instead name a
/// pattern whose first group is the count (digits, commas or spaces allowed). Null when the page
/// states none.
/// </summary>
public static partial class ViewCounts
{
    private const int MaxScriptChars = 256 * 1024;

    public static long? Read(string html, Regex? pattern)
    {
        if (pattern is not null)
        {
            try
            {
                var match = pattern.Match(html);
                return match.Success ? Parse(match.Groups[1].Value) : null;
            }
            catch (RegexMatchTimeoutException)
            {
                return null;
            }
        }
        foreach (Match script in JsonLd().Matches(html))
        {
            var json = script.Groups[1].Value;
            if (json.Length > MaxScriptChars)
            {
                continue;
            }
            try
            {
                using var document = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = 32, AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
                if (Watches(document.RootElement) is { } count)
                {
                    return count;
                }
            }
            catch (JsonException)
            {
                // A broken block says nothing; another may.
            }
        }
        return null;
    }

    /// <summary>The first WatchAction counter anywhere in the element.</summary>
    private static long? Watches(JsonElement e)
    {
        switch (e.ValueKind)
        {
            case JsonValueKind.Array:
                foreach (var item in e.EnumerateArray())
                {
                    if (Watches(item) is { } found)
                    {
                        return found;
                    }
                }
                return null;
            case JsonValueKind.Object:
                if (e.TryGetProperty("interactionType", out var type) && IsWatch(type) && e.TryGetProperty("userInteractionCount", out var count))
                {
                    return count.ValueKind switch
                    {
                        JsonValueKind.Number when count.TryGetInt64(out var n) && n >= 0 => n,
                        JsonValueKind.String => Parse(count.GetString() ?? ""),
                        _ => null,
                    };
                }
                foreach (var property in e.EnumerateObject())
                {
                    if (Watches(property.Value) is { } found)
                    {
                        return found;
                    }
                }
                return null;
            default:
                return null;
        }
    }

    private static bool IsWatch(JsonElement type) => type.ValueKind switch
    {
        JsonValueKind.String => type.GetString()?.EndsWith("WatchAction", StringComparison.Ordinal) == true,
        JsonValueKind.Object => type.TryGetProperty("@type", out var t) && t.ValueKind == JsonValueKind.String && t.GetString()?.EndsWith("WatchAction", StringComparison.Ordinal) == true,
        _ => false,
    };

    private static long? Parse(string text)
    {
        var digits = text.Replace(",", "").Replace(" ", "").Replace("\u00a0", "").Trim();
        return digits.Length is > 0 and <= 18 && digits.All(char.IsAsciiDigit) ? long.Parse(digits, CultureInfo.InvariantCulture) : null;
    }

    [GeneratedRegex("<script[^>]*type=\"application/ld\\+json\"[^>]*>(.*?)</script>", RegexOptions.Singleline | RegexOptions.IgnoreCase | RegexOptions.NonBacktracking, 1000)]
    private static partial Regex JsonLd();
}
