using System.Globalization;

namespace ReelRights.Ledger.Notes;

/// <summary>
/// The key string encodings of Go's golang.org/x/mod/sumdb/note package, which the C2SP
/// ecosystem shares: verifier "name+hash+base64(type||public key)" and signer
/// "PRIVATE+KEY+name+hash+base64(type||private key)", hash being the key ID in 8 hex digits.
/// Parsing is stricter than Go's (lowercase hex only, canonical base64) so that every accepted
/// key has exactly one spelling.
/// </summary>
internal static class NoteKeyString
{
    public const string PrivatePrefix = "PRIVATE+KEY+";

    public static string Format(string name, uint keyId, ReadOnlySpan<byte> typeAndKey) =>
        string.Create(CultureInfo.InvariantCulture, $"{name}+{keyId:x8}+{Convert.ToBase64String(typeAndKey)}");

    /// <summary>Splits "name+hash+base64" and checks each part's syntax.</summary>
    /// <exception cref="FormatException">Any part is malformed.</exception>
    public static (string Name, uint KeyId, byte[] TypeAndKey) Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var first = text.IndexOf('+', StringComparison.Ordinal);
        var second = first < 0 ? -1 : text.IndexOf('+', first + 1);
        if (second < 0)
        {
            throw new FormatException("A note key has the form name+hash+key.");
        }

        var name = text[..first];
        var hash = text.AsSpan(first + 1, second - first - 1);
        var key = text.AsSpan(second + 1);
        if (!NoteText.IsValidKeyName(name))
        {
            throw new FormatException("Invalid key name: it must be non-empty with no spaces or '+'.");
        }

        if (hash.Length != 8 || !IsLowerHex(hash))
        {
            throw new FormatException("The key hash must be 8 lowercase hex digits.");
        }

        if (!StrictBase64.TryDecode(key, out var typeAndKey) || typeAndKey.Length == 0)
        {
            throw new FormatException("The key is not canonical base64.");
        }

        return (name, uint.Parse(hash, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture), typeAndKey);
    }

    private static bool IsLowerHex(ReadOnlySpan<char> text)
    {
        foreach (var c in text)
        {
            if (!(char.IsAsciiDigit(c) || c is >= 'a' and <= 'f'))
            {
                return false;
            }
        }

        return true;
    }
}
