using System.Globalization;
using ReelRights.Ledger.Merkle;
using ReelRights.Ledger.Notes;

namespace ReelRights.Ledger.Receipts;

/// <summary>Strict parser for the version-1 receipt text; every accepted text re-encodes to itself.</summary>
internal static class ReceiptTextReader
{
    public static Receipt Read(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var position = 0;
        if (NextLine(text, ref position) != Receipt.Header)
        {
            throw new FormatException($"A receipt starts with the line \"{Receipt.Header}\".");
        }

        var leaf = DecodeField(NextLine(text, ref position), "leaf ");
        var line = NextLine(text, ref position);
        byte[]? token = null;
        if (line.StartsWith("timestamp ", StringComparison.Ordinal))
        {
            token = DecodeField(line, "timestamp ");
            if (token.Length == 0)
            {
                throw new FormatException("An empty timestamp line is not allowed; omit the line instead.");
            }

            line = NextLine(text, ref position);
        }

        var index = ParseIndex(line);
        var proof = new List<ReadOnlyMemory<byte>>();
        while ((line = NextLine(text, ref position)).Length > 0)
        {
            if (!StrictBase64.TryDecode(line, out var hash) || hash.Length != MerkleHasher.HashSize)
            {
                throw new FormatException("Each proof line is the base64 of one 32-byte hash.");
            }

            proof.Add(hash);
        }

        var note = text[position..];
        if (note.Length == 0 || !note.EndsWith('\n'))
        {
            throw new FormatException("A receipt ends with a newline-terminated signed checkpoint.");
        }

        return new Receipt(leaf, index, proof, note, token);
    }

    private static string NextLine(string text, ref int position)
    {
        var end = text.IndexOf('\n', position);
        if (end < 0)
        {
            throw new FormatException("The receipt is truncated.");
        }

        var line = text[position..end];
        position = end + 1;
        return line;
    }

    private static byte[] DecodeField(string line, string prefix)
    {
        if (!line.StartsWith(prefix, StringComparison.Ordinal) || !StrictBase64.TryDecode(line.AsSpan(prefix.Length), out var bytes))
        {
            throw new FormatException($"Expected a \"{prefix.Trim()}\" line with canonical base64.");
        }

        return bytes;
    }

    private static long ParseIndex(string line)
    {
        const string prefix = "index ";
        var digits = line.StartsWith(prefix, StringComparison.Ordinal) ? line[prefix.Length..] : string.Empty;
        var ok = digits.Length > 0
            && digits.All(char.IsAsciiDigit)
            && (digits == "0" || digits[0] != '0')
            && long.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out _);
        return ok
            ? long.Parse(digits, CultureInfo.InvariantCulture)
            : throw new FormatException("Expected \"index N\" with N in decimal without leading zeros.");
    }
}
