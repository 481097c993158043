using System.Buffers.Binary;
using System.Security.Cryptography;

namespace ReelRights.Bench;

/// <summary>
/// Stand-in references for the scale test, made from real fingerprint files (.rrfp v1, the
/// layout documented in src/ReelRights.Fingerprinting/Format/FingerprintFormat.cs) because a
/// thousand hours of media cannot be fingerprinted here. A plain copy would pile thousands of
/// postings onto the same few keys, which no real catalogue does; each stand-in is therefore
/// moved to its own place in descriptor space while keeping the source's structure over time:
/// <list type="bullet">
/// <item>video: every described frame's 64 bits XOR one random mask per stand-in (limited to the
/// bits the source ever sets), so Hamming distances between its frames, held shots and cuts
/// are exactly the source's;</item>
/// <item>audio: the 50 semitone band energies permuted by one random permutation per stand-in,
/// so loudness over time, silences and pauses are the source's, while the band differences the
/// descriptor bits come from are new.</item>
/// </list>
/// This spreads descriptors more evenly than a real catalogue of similar dramas would (shared
/// music, voices and sets cluster), so the figures are for diverse content; the index's stop
/// words bound the clustered case.
/// </summary>
internal static class SyntheticReferences
{
    private const int AudioBands = 50;
    private const int TrailerBytes = 32;

    public static void Write(string sourceFile, string targetFile, int seed)
    {
        var data = File.ReadAllBytes(sourceFile);
        if (data.Length < 8 + TrailerBytes || !data.AsSpan(0, 4).SequenceEqual("RRFP"u8) || data[4] != 1)
        {
            throw new InvalidDataException($"not a version-1 .rrfp file: {sourceFile}");
        }

        var random = new Random(seed);
        var flags = data[5];
        var at = 8;
        if ((flags & 1) != 0)
        {
            var frames = Int(data, at + 12);
            var slots = Int(data, at + 16);
            var regions = Int(data, at + 20);
            var bitsAt = at + 24 + (regions * 12);
            var count = frames * slots;
            var weakAt = bitsAt + (count * 8);
            ulong used = 0;
            for (var i = 0; i < count; i++)
            {
                used |= BinaryPrimitives.ReadUInt64LittleEndian(data.AsSpan(bitsAt + (i * 8)));
            }

            var mask = (ulong)random.NextInt64() & used;
            for (var i = 0; i < count; i++)
            {
                if (BinaryPrimitives.ReadUInt64LittleEndian(data.AsSpan(weakAt + (i * 8))) != 0)
                {
                    var span = data.AsSpan(bitsAt + (i * 8), 8);
                    BinaryPrimitives.WriteUInt64LittleEndian(span, BinaryPrimitives.ReadUInt64LittleEndian(span) ^ mask);
                }
            }

            at = weakAt + (count * 8);
        }

        if ((flags & 2) != 0)
        {
            if (Int(data, at + 12) != AudioBands)
            {
                throw new InvalidDataException($"unexpected audio band count in {sourceFile}");
            }

            var frames = Int(data, at + 16);
            var bandsAt = at + 20;
            var permutation = Enumerable.Range(0, AudioBands).ToArray();
            random.Shuffle(permutation);
            var row = new byte[AudioBands];
            for (var t = 0; t < frames; t++)
            {
                var span = data.AsSpan(bandsAt + (t * AudioBands), AudioBands);
                for (var b = 0; b < AudioBands; b++)
                {
                    row[b] = span[permutation[b]];
                }

                row.CopyTo(span);
            }
        }

        SHA256.HashData(data.AsSpan(0, data.Length - TrailerBytes), data.AsSpan(data.Length - TrailerBytes));
        File.WriteAllBytes(targetFile, data);
    }

    private static int Int(byte[] data, int at) => BinaryPrimitives.ReadInt32LittleEndian(data.AsSpan(at));
}
