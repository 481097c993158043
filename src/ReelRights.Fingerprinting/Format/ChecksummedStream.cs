using System.Security.Cryptography;

namespace ReelRights.Fingerprinting.Format;

/// <summary>
/// Shared framing of the .rrfp and .rrix formats: 4-byte magic, 1 version byte, body, and a
/// SHA-256 of everything before it as a 32-byte trailer. The whole stream is read and checked
/// before any field is parsed, so a corrupted file fails on its checksum, not half-way.
/// </summary>
internal static class ChecksummedStream
{
    public const int HashSize = 32;

    public static void Write(Stream stream, ReadOnlySpan<byte> magicAndBody)
    {
        ArgumentNullException.ThrowIfNull(stream);
        stream.Write(magicAndBody);
        stream.Write(SHA256.HashData(magicAndBody));
    }

    /// <summary>Reads to the end, checks magic, version and trailer; returns the body after the version byte.</summary>
    public static byte[] Read(Stream stream, ReadOnlySpan<byte> magic, byte version, long maxBytes)
    {
        ArgumentNullException.ThrowIfNull(stream);
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = stream.Read(chunk)) > 0)
        {
            if (buffer.Length + read > maxBytes)
            {
                throw FormatErrors.TooLarge();
            }

            buffer.Write(chunk, 0, read);
        }

        var all = buffer.GetBuffer().AsSpan(0, (int)buffer.Length);
        var name = System.Text.Encoding.ASCII.GetString(magic);
        if (all.Length < magic.Length || !all[..magic.Length].SequenceEqual(magic))
        {
            throw FormatErrors.NotFingerprint(name);
        }

        if (all.Length < magic.Length + 1)
        {
            throw FormatErrors.Truncated();
        }

        if (all[magic.Length] != version)
        {
            throw FormatErrors.Version(all[magic.Length], version);
        }

        if (all.Length < magic.Length + 1 + HashSize)
        {
            throw FormatErrors.Truncated();
        }

        var content = all[..^HashSize];
        if (!SHA256.HashData(content).AsSpan().SequenceEqual(all[^HashSize..]))
        {
            throw FormatErrors.Checksum();
        }

        return content[(magic.Length + 1)..].ToArray();
    }
}
