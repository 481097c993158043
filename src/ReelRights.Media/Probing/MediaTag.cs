namespace ReelRights.Media.Probing;

/// <summary>One metadata key/value and where it was found.</summary>
/// <param name="StreamIndex">The stream the tag belongs to, or null for a container (format) tag.</param>
/// <param name="Key">Tag key as written in the file, e.g. "AIGC" or "comment".</param>
/// <param name="Value">Tag value as ffprobe printed it.</param>
public sealed record MediaTag(int? StreamIndex, string Key, string Value);
