namespace ReelRights.Fingerprinting.Indexing;

/// <summary>
/// Inverted file from a descriptor key to the reference frames holding it, as struct-of-arrays:
/// sorted distinct keys, their start offsets, and per posting the global frame id and the full
/// descriptor (kept inline so verification reads memory sequentially). 12 bytes per posting plus
/// 8 per distinct key; a lookup is one binary search.
/// </summary>
internal sealed class PostingTable
{
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
        var i = Array.BinarySearch(Keys, key);
        return i < 0 ? (0, 0) : (Offsets[i], Offsets[i + 1] - Offsets[i]);
    }

    /// <summary>Sorts (key, id, bits) triples into a table.</summary>
    public static PostingTable Build(int[] keys, uint[] ids, ulong[] bits)
    {
        var order = new int[keys.Length];
        for (var i = 0; i < order.Length; i++)
        {
            order[i] = i;
        }

        var sortKeys = (int[])keys.Clone();
        Array.Sort(sortKeys, order);
        var distinct = new List<int>();
        var offsets = new List<int>();
        var sortedIds = new uint[ids.Length];
        var sortedBits = new ulong[bits.Length];
        for (var i = 0; i < order.Length; i++)
        {
            if (i == 0 || sortKeys[i] != sortKeys[i - 1])
            {
                distinct.Add(sortKeys[i]);
                offsets.Add(i);
            }

            sortedIds[i] = ids[order[i]];
            sortedBits[i] = bits[order[i]];
        }

        offsets.Add(order.Length);
        return new PostingTable([.. distinct], [.. offsets], sortedIds, sortedBits);
    }
}
