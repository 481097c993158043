using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Text.RegularExpressions;

namespace ReelRights.Core.Tests.Certificates;

/// <summary>
/// Just enough of a PDF text extractor to read what Chromium's Skia backend writes: Flate streams,
/// fonts mapped to Unicode by ToUnicode CMaps (bfchar and bfrange), hex strings shown by Tj/TJ
/// (ISO 32000-1 §9.10.3) and ActualText spans. Not a general PDF parser; it keeps the render test free of poppler-utils.
/// Text objects (BT … ET) are separated by a newline.
/// </summary>
internal static partial class PdfText
{
    public static string Extract(byte[] pdf)
    {
        var objects = ReadObjects(Encoding.Latin1.GetString(pdf));
        var fonts = new Dictionary<string, CMap>();
        foreach (var (dictionary, _) in objects.Values)
        {
            foreach (Match fontDictionary in FontResourcesRegex().Matches(dictionary))
            {
                foreach (Match entry in ReferenceRegex().Matches(fontDictionary.Groups[1].Value))
                {
                    var font = objects[Integer(entry.Groups[2].Value)].Dictionary;
                    if (ToUnicodeRegex().Match(font) is { Success: true } toUnicode)
                    {
                        fonts[entry.Groups[1].Value] = CMap.Parse(objects[Integer(toUnicode.Groups[1].Value)].Stream);
                    }
                }
            }
        }

        var text = new StringBuilder();
        foreach (var (_, stream) in objects.Values.Where(o => o.Stream.Contains(" Tf", StringComparison.Ordinal)))
        {
            CMap? current = null;
            var inActualText = false;
            foreach (Match token in ContentTokenRegex().Matches(stream))
            {
                if (token.Groups["actual"].Success)
                {
                    // §14.9.4: marked content with /ActualText replaces the text of its glyphs. Chromium
                    // uses it where a CJK glyph's ToUnicode entry is a Kangxi radical (⼊ for 入).
                    text.Append(Encoding.BigEndianUnicode.GetString(Convert.FromHexString(token.Groups["actual"].Value)).TrimStart('\uFEFF'));
                    inActualText = true;
                }
                else if (token.Groups["emc"].Success)
                {
                    inActualText = false;
                }
                else if (token.Groups["font"].Success)
                {
                    current = fonts.GetValueOrDefault(token.Groups["font"].Value);
                }
                else if (token.Groups["hex"].Success && current is not null && !inActualText)
                {
                    current.Decode(Convert.FromHexString(Regex.Replace(token.Groups["hex"].Value, @"\s", "")), text);
                }
                else if (token.Groups["end"].Success)
                {
                    text.Append('\n');
                }
            }
        }

        return text.ToString();
    }

    private static Dictionary<int, (string Dictionary, string Stream)> ReadObjects(string pdf)
    {
        var objects = new Dictionary<int, (string, string)>();
        foreach (Match match in ObjectRegex().Matches(pdf))
        {
            var body = match.Groups[2].Value;
            var streamStart = body.IndexOf("stream", StringComparison.Ordinal);
            if (streamStart < 0)
            {
                objects[Integer(match.Groups[1].Value)] = (body, "");
                continue;
            }

            var dictionary = body[..streamStart];
            var dataStart = streamStart + "stream".Length;
            dataStart += body[dataStart] == '\r' ? 2 : 1;
            var data = body[dataStart..body.LastIndexOf("endstream", StringComparison.Ordinal)];
            objects[Integer(match.Groups[1].Value)] = (dictionary, dictionary.Contains("/FlateDecode", StringComparison.Ordinal) ? Inflate(data) : data);
        }

        return objects;
    }

    private static string Inflate(string data)
    {
        using var inflater = new ZLibStream(new MemoryStream(Encoding.Latin1.GetBytes(data)), CompressionMode.Decompress);
        using var plain = new MemoryStream();
        inflater.CopyTo(plain);
        return Encoding.Latin1.GetString(plain.ToArray());
    }

    private static int Integer(string digits) => int.Parse(digits, CultureInfo.InvariantCulture);

    [GeneratedRegex(@"(\d+) 0 obj(.*?)endobj", RegexOptions.Singleline)]
    private static partial Regex ObjectRegex();

    [GeneratedRegex(@"/Font\s*<<(.*?)>>", RegexOptions.Singleline)]
    private static partial Regex FontResourcesRegex();

    [GeneratedRegex(@"/([^\s/<>\[\]]+)\s+(\d+)\s+0\s+R")]
    private static partial Regex ReferenceRegex();

    [GeneratedRegex(@"/ToUnicode\s+(\d+)\s+0\s+R")]
    private static partial Regex ToUnicodeRegex();

    [GeneratedRegex(@"/ActualText\s*<(?<actual>[0-9A-Fa-f]*)>|\b(?<emc>EMC)\b|/(?<font>[^\s/<>\[\]]+)\s+[-\d.]+\s+Tf|<(?<hex>[0-9A-Fa-f\s]*)>|\b(?<end>ET)\b")]
    private static partial Regex ContentTokenRegex();

    /// <summary>A ToUnicode CMap: source codes of one fixed length mapped to UTF-16BE text.</summary>
    private sealed partial class CMap(int codeLength, Dictionary<int, string> map)
    {
        public static CMap Parse(string cmap)
        {
            var codespace = CodespaceRegex().Match(cmap);
            var codeLength = codespace.Success ? codespace.Groups[1].Value.Length / 2 : 1;
            var map = new Dictionary<int, string>();
            foreach (Match block in BfCharBlockRegex().Matches(cmap))
            {
                foreach (Match pair in PairRegex().Matches(block.Groups[1].Value))
                {
                    map[Code(pair.Groups[1].Value)] = Utf16(pair.Groups[2].Value);
                }
            }

            foreach (Match block in BfRangeBlockRegex().Matches(cmap))
            {
                foreach (Match range in RangeRegex().Matches(block.Groups[1].Value))
                {
                    var low = Code(range.Groups[1].Value);
                    var high = Code(range.Groups[2].Value);
                    if (range.Groups["start"].Success)
                    {
                        var start = Utf16(range.Groups["start"].Value);
                        for (var code = low; code <= high; code++)
                        {
                            map[code] = start[..^1] + (char)(start[^1] + (code - low));
                        }
                    }
                    else
                    {
                        var targets = HexRegex().Matches(range.Groups["list"].Value);
                        for (var code = low; code <= high && code - low < targets.Count; code++)
                        {
                            map[code] = Utf16(targets[code - low].Groups[1].Value);
                        }
                    }
                }
            }

            return new CMap(codeLength, map);
        }

        public void Decode(byte[] codes, StringBuilder text)
        {
            for (var i = 0; i + codeLength <= codes.Length; i += codeLength)
            {
                var code = 0;
                for (var j = 0; j < codeLength; j++)
                {
                    code = (code << 8) | codes[i + j];
                }

                text.Append(map.GetValueOrDefault(code, "\uFFFD"));
            }
        }

        private static int Code(string hex) => int.Parse(hex, NumberStyles.HexNumber, CultureInfo.InvariantCulture);

        private static string Utf16(string hex) => Encoding.BigEndianUnicode.GetString(Convert.FromHexString(hex));

        [GeneratedRegex(@"begincodespacerange\s*<([0-9A-Fa-f]+)>")]
        private static partial Regex CodespaceRegex();

        [GeneratedRegex(@"beginbfchar(.*?)endbfchar", RegexOptions.Singleline)]
        private static partial Regex BfCharBlockRegex();

        [GeneratedRegex(@"beginbfrange(.*?)endbfrange", RegexOptions.Singleline)]
        private static partial Regex BfRangeBlockRegex();

        [GeneratedRegex(@"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>")]
        private static partial Regex PairRegex();

        [GeneratedRegex(@"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*(?:<(?<start>[0-9A-Fa-f]+)>|\[(?<list>[^\]]*)\])")]
        private static partial Regex RangeRegex();

        [GeneratedRegex(@"<([0-9A-Fa-f]+)>")]
        private static partial Regex HexRegex();
    }
}
