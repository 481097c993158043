using System.Security.Cryptography;
using System.Text;

namespace ReelRights.Core;

/// <summary>Random tokens and their stored digests (for API keys, invitation links).</summary>
internal static class Secrets
{
    public static string NewToken(int bytes = 32) => Base64Url(RandomNumberGenerator.GetBytes(bytes));

    public static string Sha256Hex(string text) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    public static bool HashMatches(string text, string storedHex)
    {
        var actual = SHA256.HashData(Encoding.UTF8.GetBytes(text));
        byte[] expected;
        try
        {
            expected = Convert.FromHexString(storedHex);
        }
        catch (FormatException)
        {
            return false;
        }
        return CryptographicOperations.FixedTimeEquals(actual, expected);
    }

    private static string Base64Url(byte[] data) =>
        Convert.ToBase64String(data).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
