using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace ReelRights.Core.Cases.Delivery;

/// <summary>
/// How a delivery is signed, so a receiver can check it came from us and was not replayed:
/// <c>X-ReelRights-Signature: t=&lt;unix seconds&gt;,v1=&lt;hex HMAC-SHA256(secret, "t.body")&gt;</c>.
/// The time is inside the signed bytes; a receiver refuses one more than a few minutes old.
/// </summary>
public static class WebhookSignature
{
    public const string Header = "X-ReelRights-Signature";

    public static string Sign(string secret, long unixSeconds, ReadOnlySpan<byte> body)
    {
        var prefix = Encoding.ASCII.GetBytes(unixSeconds.ToString(CultureInfo.InvariantCulture) + ".");
        var signed = new byte[prefix.Length + body.Length];
        prefix.CopyTo(signed, 0);
        body.CopyTo(signed.AsSpan(prefix.Length));
        var mac = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), signed);
        return $"t={unixSeconds.ToString(CultureInfo.InvariantCulture)},v1={Convert.ToHexStringLower(mac)}";
    }

    /// <summary>What a receiver does: recompute and compare in constant time, and refuse a stale time.</summary>
    public static bool Verify(string secret, string header, ReadOnlySpan<byte> body, DateTimeOffset now, TimeSpan tolerance)
    {
        var parts = (header ?? "").Split(',').Select(p => p.Split('=', 2)).Where(p => p.Length == 2).ToDictionary(p => p[0], p => p[1]);
        if (!parts.TryGetValue("t", out var t) || !long.TryParse(t, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) || !parts.ContainsKey("v1"))
        {
            return false;
        }
        if ((now - DateTimeOffset.FromUnixTimeSeconds(seconds)).Duration() > tolerance)
        {
            return false;
        }
        return CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Sign(secret, seconds, body)), Encoding.ASCII.GetBytes(header!));
    }
}
