namespace ReelRights.Ledger.Tests.Support;

internal static class Bytes
{
    public static byte[] FlipBit(ReadOnlySpan<byte> source, int bit)
    {
        var copy = source.ToArray();
        copy[bit / 8] ^= (byte)(1 << (bit % 8));
        return copy;
    }

    public static byte[] Hex(string hex) => Convert.FromHexString(hex);
}
