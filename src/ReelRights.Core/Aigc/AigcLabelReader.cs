using System.Text.Json;
using ReelRights.Media.Probing;

namespace ReelRights.Core.Aigc;

/// <summary>
/// Finds implicit AIGC labels among probed metadata tags. GB 45438-2025 puts them in a metadata
/// field whose name contains "AIGC" (e.g. an MP4 tag <c>AIGC</c>, XMP <c>TC260:AIGC</c>), holding
/// JSON with Label, ContentProducer, ProduceID, ReservedCode1, ContentPropagator, PropagateID,
/// ReservedCode2. A field that names AIGC but is not valid JSON is still reported (raw value only),
/// because its presence is itself a statement.
/// </summary>
public static class AigcLabelReader
{
    private const int MaxValueLength = 8192;

    public static IReadOnlyList<AigcLabel> Read(MediaInfo info) =>
        info.EnumerateTags()
            .Where(t => t.Key.Contains("AIGC", StringComparison.OrdinalIgnoreCase))
            .Select(t => Parse(t.StreamIndex is { } s ? $"stream {s}" : "format", t.Key, t.Value))
            .ToList();

    public static AigcLabel Parse(string location, string tagName, string value)
    {
        var raw = value.Length > MaxValueLength ? value[..MaxValueLength] : value;
        try
        {
            using var doc = JsonDocument.Parse(raw);
            if (doc.RootElement.ValueKind != JsonValueKind.Object)
            {
                return new AigcLabel(location, tagName, raw, null, null, null, null, null);
            }
            string? Field(string name) => doc.RootElement.EnumerateObject()
                .Where(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase))
                .Select(p => p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString() : p.Value.GetRawText())
                .FirstOrDefault();
            return new AigcLabel(location, tagName, raw, Field("Label"), Field("ContentProducer"), Field("ProduceID"),
                Field("ContentPropagator"), Field("PropagateID"));
        }
        catch (JsonException)
        {
            return new AigcLabel(location, tagName, raw, null, null, null, null, null);
        }
    }
}
