using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace ReelRights.Ledger.Notes;

/// <summary>Character rules and key IDs shared by notes and keys (C2SP signed-note, "Format" and "Signatures").</summary>
internal static class NoteText
{
    public static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Valid UTF-8 (no lone surrogates) and no ASCII control character other than newline.</summary>
    public static bool IsValidNoteText(ReadOnlySpan<char> text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
                continue;
            }

            if (char.IsSurrogate(c) || (c < ' ' && c != '\n'))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Key names are non-empty, contain no Unicode space and no '+'.</summary>
    public static bool IsValidKeyName(ReadOnlySpan<char> name) =>
        !name.IsEmpty
        && IsValidNoteText(name)
        && !name.ContainsAny('+', '\n')
        && !ContainsWhiteSpace(name);

    /// <summary>key ID = SHA-256(key name || 0x0A || signature type || public key)[:4], big-endian.</summary>
    public static uint ComputeKeyId(string name, ReadOnlySpan<byte> typeAndPublicKey)
    {
        var nameBytes = StrictUtf8.GetBytes(name);
        var input = new byte[nameBytes.Length + 1 + typeAndPublicKey.Length];
        nameBytes.CopyTo(input, 0);
        input[nameBytes.Length] = 0x0A;
        typeAndPublicKey.CopyTo(input.AsSpan(nameBytes.Length + 1));
        return BinaryPrimitives.ReadUInt32BigEndian(SHA256.HashData(input));
    }

    private static bool ContainsWhiteSpace(ReadOnlySpan<char> name)
    {
        foreach (var c in name)
        {
            if (char.IsWhiteSpace(c))
            {
                return true;
            }
        }

        return false;
    }
}
