using System.Text.Json;
using ReelRights.Fingerprinting.Matching;

namespace ReelRights.Core.Monitoring;

/// <summary>Reads <see cref="MonitoringHit.Segments"/> (JSON written by the scan); an unreadable value is no segments, not an error.</summary>
public static class HitSegments
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static IReadOnlyList<MatchedSegment> Parse(string? json)
    {
        try
        {
            return string.IsNullOrEmpty(json) ? [] : JsonSerializer.Deserialize<List<MatchedSegment>>(json, Json) ?? [];
        }
        catch (JsonException)
        {
            return [];
        }
    }
}
