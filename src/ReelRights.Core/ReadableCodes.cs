using System.Security.Cryptography;

namespace ReelRights.Core;

/// <summary>Human-readable record numbers such as WQ-2026-7K3M9Q: a prefix, the year, random Crockford base32.</summary>
public static class ReadableCodes
{
    // Crockford base32 without I, L, O, U: readable over the phone.
    private const string Alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

    public static string New(string prefix, DateTime now, int length = 6)
    {
        Span<byte> random = stackalloc byte[length];
        RandomNumberGenerator.Fill(random);
        var chars = new char[length];
        for (var i = 0; i < chars.Length; i++)
        {
            chars[i] = Alphabet[random[i] % 32];
        }
        return $"{prefix}-{now:yyyy}-{new string(chars)}";
    }
}
