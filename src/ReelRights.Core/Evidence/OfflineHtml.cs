using System.Text;
using System.Text.RegularExpressions;

namespace ReelRights.Core.Evidence;

/// <summary>
/// Turns a captured page into a copy Chromium may render from a file without reaching anything:
/// decoded to UTF-8 (the page's own charset, from its BOM, the Content-Type header or a meta tag
/// in the first 1024 bytes, as the WHATWG prescan does), every <c>http-equiv</c> disabled (a meta
/// refresh would navigate, even to file:// URLs, with scripts off), and a Content-Security-Policy
/// of <c>default-src 'none'</c> put before everything else, so no script, frame, image, font or
/// style sheet loads from the network or the server's disk (only inline styles and data: images
/// draw). The evidence keeps the page as fetched; only this rendering copy is changed.
/// </summary>
internal static partial class OfflineHtml
{
    /// <summary>What goes first: our charset, then the policy, ahead of any markup of the page.</summary>
    public const string Head =
        "<meta charset=\"utf-8\"><meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:; font-src data:\">";

    public static string Prepare(ReadOnlySpan<byte> html, string? contentType)
    {
        var (encoding, bom) = Detect(html, contentType);
        var text = encoding.GetString(html[bom..]);
        // Attribute names are never entity-decoded and the tokenizer only lowercases ASCII, so this
        // catches every spelling of the attribute.
        text = text.Replace("http-equiv", "data-rr-equiv", StringComparison.OrdinalIgnoreCase);
        return Head + text;
    }

    /// <summary>The page's encoding and the length of its byte order mark.</summary>
    internal static (Encoding Encoding, int Bom) Detect(ReadOnlySpan<byte> html, string? contentType)
    {
        if (html.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            return (new UTF8Encoding(false), 3);
        }
        if (html.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]))
        {
            return (Encoding.Unicode, 2);
        }
        if (html.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]))
        {
            return (Encoding.BigEndianUnicode, 2);
        }
        var declared = Charset().Match(contentType ?? "") is { Success: true } header ? header.Groups[1].Value
            : MetaCharset().Match(Encoding.Latin1.GetString(html[..Math.Min(html.Length, 1024)])) is { Success: true } meta ? meta.Groups[1].Value
            : null;
        return (Named(declared), 0);
    }

    /// <summary>An encoding by its label, with the WHATWG Encoding Standard's aliases for the common Chinese ones; UTF-8 otherwise.</summary>
    private static Encoding Named(string? label)
    {
        var name = label?.Trim().ToLowerInvariant();
        var codePage = name switch
        {
            null or "" or "utf-8" or "utf8" or "unicode-1-1-utf-8" => 65001,
            // The Encoding Standard decodes gb2312 and gbk as gb18030, a superset of both.
            "gb2312" or "gbk" or "x-gbk" or "gb18030" or "chinese" or "csgb2312" => 54936,
            "big5" or "big5-hkscs" or "x-x-big5" => 950,
            "iso-8859-1" or "latin1" or "us-ascii" or "ascii" or "windows-1252" => 1252,
            "shift_jis" or "sjis" or "x-sjis" => 932,
            "euc-kr" or "ks_c_5601-1987" => 949,
            _ => 0,
        };
        if (codePage == 65001)
        {
            return new UTF8Encoding(false);
        }
        try
        {
            return codePage != 0
                ? CodePagesEncodingProvider.Instance.GetEncoding(codePage) ?? Encoding.GetEncoding(codePage)
                : CodePagesEncodingProvider.Instance.GetEncoding(name!) ?? Encoding.GetEncoding(name!);
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException)
        {
            return new UTF8Encoding(false);
        }
    }

    [GeneratedRegex(@"charset\s*=\s*[""']?\s*([A-Za-z0-9_:.\-]+)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Charset();

    [GeneratedRegex(@"<meta[^>]*?charset\s*=\s*[""']?\s*([A-Za-z0-9_:.\-]+)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex MetaCharset();
}
