namespace ReelRights.Ledger.Notes;

/// <summary>
/// Standard base64 (RFC 4648 §4) with padding, accepted only in its one canonical spelling:
/// .NET's decoder skips whitespace and ignores non-zero padding bits, either of which would let
/// two different strings name the same key or signature.
/// </summary>
internal static class StrictBase64
{
    public static bool TryDecode(ReadOnlySpan<char> text, out byte[] bytes)
    {
        bytes = [];
        if (text.Length % 4 != 0)
        {
            return false;
        }

        foreach (var c in text)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '+' or '/' or '='))
            {
                return false;
            }
        }

        var buffer = new byte[text.Length / 4 * 3];
        if (!Convert.TryFromBase64Chars(text, buffer, out var written))
        {
            return false;
        }

        var decoded = buffer.AsSpan(0, written).ToArray();
        if (!Convert.ToBase64String(decoded).AsSpan().SequenceEqual(text))
        {
            return false;
        }

        bytes = decoded;
        return true;
    }
}
