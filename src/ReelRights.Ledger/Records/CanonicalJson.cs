using System.Globalization;
using System.Text;
using System.Text.Json;

namespace ReelRights.Ledger.Records;

/// <summary>
/// Deterministic JSON in the spirit of RFC 8785 (JCS), restricted so every implementation agrees
/// byte for byte: object keys sorted by UTF-16 code units (RFC 8785 §3.2.3), no insignificant
/// whitespace, JCS string escaping (§3.2.2.2), UTF-8 output, and numbers limited to integers in
/// the I-JSON safe range (RFC 7493 §2.2) because float formatting differs between languages;
/// callers put anything else in strings. Duplicate keys are rejected (RFC 8259 §4 leaves them
/// undefined, which a ledger cannot afford).
/// </summary>
internal static class CanonicalJson
{
    private const long MaxSafeInteger = (1L << 53) - 1;
    private const int MaxDepth = 64;

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private static readonly JsonDocumentOptions ParseOptions = new()
    {
        AllowTrailingCommas = false,
        CommentHandling = JsonCommentHandling.Disallow,
        MaxDepth = MaxDepth,
    };

    /// <summary>Parses any strict JSON text and returns its canonical UTF-8 encoding.</summary>
    /// <exception cref="FormatException">The input is not JSON, or holds values the canonical form forbids.</exception>
    public static byte[] Canonicalize(ReadOnlySpan<byte> utf8Json)
    {
        try
        {
            using var document = JsonDocument.Parse(utf8Json.ToArray(), ParseOptions);
            var builder = new StringBuilder(utf8Json.Length);
            Write(document.RootElement, builder);
            return StrictUtf8.GetBytes(builder.ToString());
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or ArgumentException)
        {
            throw new FormatException($"Not canonicalizable JSON: {ex.Message}", ex);
        }
    }

    private static void Write(JsonElement element, StringBuilder builder)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                WriteObject(element, builder);
                break;
            case JsonValueKind.Array:
                builder.Append('[');
                var first = true;
                foreach (var item in element.EnumerateArray())
                {
                    if (!first)
                    {
                        builder.Append(',');
                    }

                    first = false;
                    Write(item, builder);
                }

                builder.Append(']');
                break;
            case JsonValueKind.String:
                WriteString(element.GetString()!, builder);
                break;
            case JsonValueKind.Number:
                builder.Append(CheckInteger(element.GetRawText()));
                break;
            case JsonValueKind.True:
                builder.Append("true");
                break;
            case JsonValueKind.False:
                builder.Append("false");
                break;
            case JsonValueKind.Null:
                builder.Append("null");
                break;
            default:
                throw new FormatException($"Unexpected JSON value kind {element.ValueKind}.");
        }
    }

    private static void WriteObject(JsonElement element, StringBuilder builder)
    {
        var properties = element.EnumerateObject().ToList();
        properties.Sort(static (a, b) => string.CompareOrdinal(a.Name, b.Name));
        builder.Append('{');
        for (var i = 0; i < properties.Count; i++)
        {
            if (i > 0)
            {
                if (string.Equals(properties[i - 1].Name, properties[i].Name, StringComparison.Ordinal))
                {
                    throw new FormatException($"Duplicate key \"{properties[i].Name}\".");
                }

                builder.Append(',');
            }

            WriteString(properties[i].Name, builder);
            builder.Append(':');
            Write(properties[i].Value, builder);
        }

        builder.Append('}');
    }

    private static string CheckInteger(string raw)
    {
        // Only -?(0|[1-9][0-9]*), no "-0": fractions and exponents have no single canonical form.
        var digits = raw.StartsWith('-') ? raw[1..] : raw;
        var shapeOk = digits.Length > 0
            && digits.All(char.IsAsciiDigit)
            && (digits == "0" || digits[0] != '0')
            && raw != "-0";
        if (!shapeOk
            || !long.TryParse(raw, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value)
            || value is > MaxSafeInteger or < -MaxSafeInteger)
        {
            throw new FormatException($"Number {raw} is not an integer within ±(2^53-1); encode it as a string.");
        }

        return raw;
    }

    private static void WriteString(string value, StringBuilder builder)
    {
        builder.Append('"');
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                builder.Append(c).Append(value[++i]);
                continue;
            }

            if (char.IsSurrogate(c))
            {
                throw new FormatException("String holds a lone surrogate, which is not valid Unicode text.");
            }

            switch (c)
            {
                case '"':
                    builder.Append("\\\"");
                    break;
                case '\\':
                    builder.Append("\\\\");
                    break;
                case '\b':
                    builder.Append("\\b");
                    break;
                case '\f':
                    builder.Append("\\f");
                    break;
                case '\n':
                    builder.Append("\\n");
                    break;
                case '\r':
                    builder.Append("\\r");
                    break;
                case '\t':
                    builder.Append("\\t");
                    break;
                case < ' ':
                    builder.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    break;
                default:
                    builder.Append(c);
                    break;
            }
        }

        builder.Append('"');
    }
}
