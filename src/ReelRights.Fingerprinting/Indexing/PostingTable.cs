using System.Numerics;

namespace ReelRights.Fingerprinting.Indexing;

/// <summary>
/// Inverted file from a descriptor key to the reference frames holding it, as struct-of-arrays:
/// sorted distinct keys, their start offsets, and per posting the global frame id and the full
/// descriptor (kept inline so verification reads memory sequentially). 12 bytes per posting plus
/// 8 per distinct key. A lookup goes through a bucket table on the keys' top bits (about two keys
/// per bucket, so ≤ 2 bytes per key) and then searches its few keys: two or three memory reads
/// instead of the ~25 cache misses of a binary search over tens of millions of keys.
/// </summary>
internal sealed class PostingTable
{
    /// <summary>For bucket b, the index in <see cref="Keys"/> of the first key whose top bits are ≥ b.</summary>
    private readonly int[] buckets;

    /// <summary>A key's bucket is key &gt;&gt; shift.</summary>
    private readonly int shift;

    public PostingTable(int[] keys, int[] offsets, uint[] ids, ulong[] bits)
    {
        if (offsets.Length != keys.Length + 1 || ids.Length != bits.Length || offsets[^1] != ids.Length)
        {
            throw new ArgumentException("Posting arrays are inconsistent.");
        }

        Keys = keys;
        Offsets = offsets;
        Ids = ids;
        Bits = bits;
        // Keys shared by far more frames than average are the "stop words" of video (black,
        // logos, title cards) and cost time without telling references apart (the IDF idea of
        // Sivic and Zisserman, "Video Google", ICCV 2003, §4).
        StopLength = Math.Max(512, keys.Length == 0 ? 0 : 40 * ids.Length / keys.Length);
        if (keys.Length > 0 && keys[0] < 0)
        {
            throw new ArgumentException("Keys must not be negative.");
        }

        // Buckets: about half as many as keys, over the range of keys present.
        var keyBits = keys.Length == 0 ? 0 : 32 - BitOperations.LeadingZeroCount((uint)keys[^1]);
        var bucketBits = Math.Min(keyBits, Math.Max(0, BitOperations.Log2((uint)Math.Max(1, keys.Length)) - 1));
        shift = keyBits - bucketBits;
        buckets = new int[(1 << bucketBits) + 1];
        var j = 0;
        for (var b = 0; b < buckets.Length; b++)
        {
            while (j < keys.Length && (keys[j] >> shift) < b)
            {
                j++;
            }

            buckets[b] = j;
        }
    }

    public static PostingTable Empty { get; } = new([], [0], [], []);

    public int[] Keys { get; }

    public int[] Offsets { get; }

    public uint[] Ids { get; }

    public ulong[] Bits { get; }

    /// <summary>Posting lists longer than this are skipped at query time.</summary>
    public int StopLength { get; }

    public int Count => Ids.Length;

    public (int Start, int Length) Lookup(int key)
    {
        var bucket = key >> shift;
        if (key < 0 || bucket >= buckets.Length - 1)
        {
            return (0, 0);
        }

        var lo = buckets[bucket];
        var i = Array.BinarySearch(Keys, lo, buckets[bucket + 1] - lo, key);
        return i < 0 ? (0, 0) : (Offsets[i], Offsets[i + 1] - Offsets[i]);
    }

    /// <summary>
    /// Sorts postings into a table. <paramref name="order"/> holds each posting's key in its high
    /// 32 bits and its id in the low 32 (<see cref="Entry"/>); it and <paramref name="bits"/> are
    /// sorted in place (by key, then id), so building needs about 20 bytes per posting at most.
    /// </summary>
    public static PostingTable Build(ulong[] order, ulong[] bits)
    {
        Array.Sort(order, bits);
        var distinct = 0;
        for (var i = 0; i < order.Length; i++)
        {
            if (i == 0 || (order[i] >> 32) != (order[i - 1] >> 32))
            {
                distinct++;
            }
        }

        var keys = new int[distinct];
        var offsets = new int[distinct + 1];
        var ids = new uint[order.Length];
        var k = -1;
        for (var i = 0; i < order.Length; i++)
        {
            if (i == 0 || (order[i] >> 32) != (order[i - 1] >> 32))
            {
                keys[++k] = (int)(order[i] >> 32);
                offsets[k] = i;
            }

            ids[i] = (uint)order[i];
        }

        offsets[distinct] = order.Length;
        return new PostingTable(keys, offsets, ids, bits);
    }

    /// <summary>The sort entry of a posting for <see cref="Build"/>.</summary>
    public static ulong Entry(int key, uint id) => ((ulong)(uint)key << 32) | id;
}
