using System.Globalization;
using System.Text.Json;

namespace ReelRights.Media.Probing;

/// <summary>
/// Turns the output of <c>ffprobe -print_format json -show_format -show_streams</c> into a
/// <see cref="MediaInfo"/>. Kept apart from argument building and process handling so it is tested
/// against captured outputs with no ffmpeg present. Lenient on purpose: fields the file does not
/// declare (or declares as "N/A") become 0, empty or null rather than errors, because the values
/// come from a hostile file and the caller decides what it needs.
/// </summary>
internal static class ProbeJsonParser
{
    /// <summary>Parses ffprobe's JSON.</summary>
    /// <param name="json">UTF-8 JSON as ffprobe wrote it.</param>
    /// <returns>The parsed description; no streams when ffprobe printed an empty object.</returns>
    /// <exception cref="JsonException">The text is not JSON or its root is not an object.</exception>
    public static MediaInfo Parse(ReadOnlyMemory<byte> json)
    {
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new JsonException("ffprobe output is not a JSON object.");
        }

        var format = root.TryGetProperty("format", out var f) && f.ValueKind == JsonValueKind.Object
            ? f
            : default;
        var video = new List<VideoStreamInfo>();
        var audio = new List<AudioStreamInfo>();
        var other = new List<OtherStreamInfo>();
        if (root.TryGetProperty("streams", out var streams) && streams.ValueKind == JsonValueKind.Array)
        {
            foreach (var stream in streams.EnumerateArray().Where(s => s.ValueKind == JsonValueKind.Object))
            {
                AddStream(stream, video, audio, other);
            }
        }

        return new MediaInfo(
            GetString(format, "format_name"),
            GetDouble(format, "duration"),
            GetTags(format),
            video,
            audio,
            other);
    }

    private static void AddStream(
        JsonElement stream,
        List<VideoStreamInfo> video,
        List<AudioStreamInfo> audio,
        List<OtherStreamInfo> other)
    {
        var index = GetInt(stream, "index");
        var codecType = GetString(stream, "codec_type");
        var codecName = GetString(stream, "codec_name");
        var tags = GetTags(stream);
        switch (codecType)
        {
            case "video":
                video.Add(new VideoStreamInfo(
                    index,
                    codecName,
                    GetInt(stream, "width"),
                    GetInt(stream, "height"),
                    GetFrameRate(stream),
                    GetString(stream, "pix_fmt"),
                    GetClockwiseRotation(stream, tags),
                    IsAttachedPicture(stream),
                    GetDouble(stream, "duration"),
                    tags));
                break;
            case "audio":
                audio.Add(new AudioStreamInfo(
                    index,
                    codecName,
                    GetInt(stream, "sample_rate"),
                    GetInt(stream, "channels"),
                    GetString(stream, "channel_layout"),
                    GetDouble(stream, "duration"),
                    tags));
                break;
            default:
                other.Add(new OtherStreamInfo(index, codecType, codecName, tags));
                break;
        }
    }

    private static Rational? GetFrameRate(JsonElement stream)
    {
        // avg_frame_rate is the mean over the stream; r_frame_rate is "the lowest rate all
        // timestamps can be represented with" (ffprobe docs) and overstates VFR content, so it is
        // only the fallback.
        var average = Rational.TryParse(GetString(stream, "avg_frame_rate"));
        if (average is { IsValid: true })
        {
            return average;
        }

        var real = Rational.TryParse(GetString(stream, "r_frame_rate"));
        return real is { IsValid: true } ? real : null;
    }

    private static double GetClockwiseRotation(JsonElement stream, IReadOnlyDictionary<string, string> tags)
    {
        // ffprobe >= 5 prints the display matrix angle (av_display_rotation_get: counter-clockwise)
        // in side_data_list; ffprobe <= 4 printed a clockwise "rotate" tag instead.
        if (stream.TryGetProperty("side_data_list", out var sideData) && sideData.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in sideData.EnumerateArray())
            {
                if (GetDouble(item, "rotation") is { } counterClockwise)
                {
                    return NormalizeDegrees(-counterClockwise);
                }
            }
        }

        return tags.TryGetValue("rotate", out var tag)
            && double.TryParse(tag, NumberStyles.Float, CultureInfo.InvariantCulture, out var clockwise)
            ? NormalizeDegrees(clockwise)
            : 0;
    }

    private static double NormalizeDegrees(double degrees)
    {
        if (!double.IsFinite(degrees))
        {
            return 0;
        }

        var normalized = ((degrees % 360) + 360) % 360;
        return normalized >= 360 ? 0 : normalized;
    }

    private static bool IsAttachedPicture(JsonElement stream) =>
        stream.TryGetProperty("disposition", out var disposition)
        && disposition.ValueKind == JsonValueKind.Object
        && GetInt(disposition, "attached_pic") == 1;

    private static IReadOnlyDictionary<string, string> GetTags(JsonElement owner)
    {
        var tags = new Dictionary<string, string>(StringComparer.Ordinal);
        if (owner.ValueKind == JsonValueKind.Object
            && owner.TryGetProperty("tags", out var element)
            && element.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in element.EnumerateObject())
            {
                // ffprobe prints every tag as a string; anything else is kept as raw JSON text
                // rather than dropped, so label detection sees exactly what was there.
                tags[property.Name] = property.Value.ValueKind == JsonValueKind.String
                    ? property.Value.GetString() ?? string.Empty
                    : property.Value.GetRawText();
            }
        }

        return tags.AsReadOnly();
    }

    private static string GetString(JsonElement owner, string name) =>
        owner.ValueKind == JsonValueKind.Object
        && owner.TryGetProperty(name, out var value)
        && value.ValueKind == JsonValueKind.String
            ? value.GetString() ?? string.Empty
            : string.Empty;

    private static int GetInt(JsonElement owner, string name)
    {
        // Some integers are numbers (width, channels), others strings (sample_rate).
        if (owner.ValueKind != JsonValueKind.Object || !owner.TryGetProperty(name, out var value))
        {
            return 0;
        }

        return value.ValueKind switch
        {
            JsonValueKind.Number when value.TryGetInt32(out var number) => number,
            JsonValueKind.String when int.TryParse(
                value.GetString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed) => parsed,
            _ => 0,
        };
    }

    private static double? GetDouble(JsonElement owner, string name)
    {
        if (owner.ValueKind != JsonValueKind.Object || !owner.TryGetProperty(name, out var value))
        {
            return null;
        }

        double? result = value.ValueKind switch
        {
            JsonValueKind.Number when value.TryGetDouble(out var number) => number,
            JsonValueKind.String when double.TryParse(
                value.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) => parsed,
            _ => null,
        };
        return result is { } d && double.IsFinite(d) ? d : null;
    }
}
