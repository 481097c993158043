using System.Text;

namespace ReelRights.Core.Cases.Mediation;

/// <summary>
/// The check every case document goes through: its type is read from its own bytes (PDF, PNG,
/// JPEG, or text that is valid UTF-8 without control bytes); anything else — executables, HTML, archives — is
/// refused, so nothing a party uploads runs in another party's browser. Documents are served as
/// downloads with the type found here.
/// </summary>
public static class DocumentTypes
{
    private static readonly byte[] Png = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];
    private static readonly byte[] Jpeg = [0xFF, 0xD8, 0xFF];

    public static string? Sniff(ReadOnlySpan<byte> bytes)
    {
        if (bytes.StartsWith("%PDF-"u8))
        {
            return "application/pdf";
        }
        if (bytes.StartsWith(Png))
        {
            return "image/png";
        }
        if (bytes.StartsWith(Jpeg))
        {
            return "image/jpeg";
        }
        if (!HasControlBytes(bytes) && IsUtf8(bytes) && !LooksLikeMarkup(bytes))
        {
            return "text/plain";
        }
        return null;
    }

    /// <summary>A file name safe to offer as the download's name, with the extension of the type found.</summary>
    public static string SafeName(string? name, string type)
    {
        var extension = type switch
        {
            "application/pdf" => ".pdf",
            "image/png" => ".png",
            "image/jpeg" => ".jpg",
            _ => ".txt",
        };
        var stem = Path.GetFileNameWithoutExtension(Path.GetFileName((name ?? "").Replace('\\', '/')));
        var clean = new string(stem.Where(ch => !char.IsControl(ch) && ch is not '"' and not '/' and not ':' and not '<' and not '>' and not '|' and not '*' and not '?').ToArray()).Trim();
        if (clean.Length == 0)
        {
            clean = "document";
        }
        return (clean.Length > 100 ? clean[..100] : clean) + extension;
    }

    /// <summary>Text has no control bytes other than tab, line feed, form feed and carriage return (binary formats do).</summary>
    private static bool HasControlBytes(ReadOnlySpan<byte> bytes)
    {
        foreach (var b in bytes)
        {
            if ((b < 0x20 && b is not (byte)'\t' and not (byte)'\n' and not (byte)'\r' and not 0x0C) || b == 0x7F)
            {
                return true;
            }
        }
        return false;
    }

    private static bool IsUtf8(ReadOnlySpan<byte> bytes)
    {
        try
        {
            _ = new UTF8Encoding(false, throwOnInvalidBytes: true).GetCharCount(bytes);
            return true;
        }
        catch (DecoderFallbackException)
        {
            return false;
        }
    }

    private static bool LooksLikeMarkup(ReadOnlySpan<byte> bytes)
    {
        var head = Encoding.UTF8.GetString(bytes[..Math.Min(bytes.Length, 1024)]).TrimStart().ToLowerInvariant();
        return head.StartsWith("<!doctype", StringComparison.Ordinal) || head.StartsWith("<html", StringComparison.Ordinal)
            || head.StartsWith("<script", StringComparison.Ordinal) || head.StartsWith("<svg", StringComparison.Ordinal) || head.StartsWith("<?xml", StringComparison.Ordinal);
    }
}
