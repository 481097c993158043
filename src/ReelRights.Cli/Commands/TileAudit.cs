using System.Globalization;
using System.Net;
using ReelRights.Ledger.Merkle;
using ReelRights.Ledger.Notes;

namespace ReelRights.Cli.Commands;

/// <summary>
/// What a witness does: fetch every entry bundle and leaf-hash tile (C2SP tlog-tiles), check each
/// entry hashes to its logged leaf hash, and recompute the root of the signed checkpoint.
/// </summary>
internal static class TileAudit
{
    private const int Width = 256;

    public static async Task<string?> RecomputeAsync(HttpClient http, Checkpoint checkpoint, CancellationToken cancellationToken)
    {
        var leafHashes = new List<ReadOnlyMemory<byte>>();
        for (long tile = 0; tile * Width < checkpoint.TreeSize; tile++)
        {
            var width = (int)Math.Min(Width, checkpoint.TreeSize - tile * Width);
            var suffix = TilePathOf(tile) + (width == Width ? "" : $".p/{width}");
            var bundle = await GetAsync(http, "/ledger/tile/entries/" + suffix, cancellationToken);
            var hashes = await GetAsync(http, "/ledger/tile/0/" + suffix, cancellationToken);
            if (bundle is null || hashes is null || hashes.Length != width * 32)
            {
                return $"tile {suffix} is missing";
            }
            var offset = 0;
            for (var i = 0; i < width; i++)
            {
                var index = tile * Width + i;
                if (offset + 2 > bundle.Length)
                {
                    return $"entry bundle {suffix} is truncated at leaf {index}";
                }
                var length = (bundle[offset] << 8) | bundle[offset + 1];
                if (offset + 2 + length > bundle.Length)
                {
                    return $"entry bundle {suffix} is truncated at leaf {index}";
                }
                var hash = MerkleHasher.HashLeaf(bundle.AsSpan(offset + 2, length));
                if (!hash.AsSpan().SequenceEqual(hashes.AsSpan(i * 32, 32)))
                {
                    return $"叶子 {index} 的数据与日志中的叶子哈希不符 / leaf {index}: data does not match the logged leaf hash";
                }
                leafHashes.Add(hash);
                offset += 2 + length;
            }
        }
        var root = MerkleHasher.ComputeRoot(leafHashes);
        return root.AsSpan().SequenceEqual(checkpoint.RootHash.Span)
            ? null
            : "重算的根与签名检查点不符 / the recomputed root differs from the signed checkpoint";
    }

    /// <summary>tlog-tiles index path: 3-digit groups, all but the last prefixed with x.</summary>
    public static string TilePathOf(long index)
    {
        var groups = new List<string>();
        do
        {
            groups.Insert(0, (index % 1000).ToString("D3", CultureInfo.InvariantCulture));
            index /= 1000;
        }
        while (index > 0);
        return string.Join('/', groups.Select((g, i) => i < groups.Count - 1 ? "x" + g : g));
    }

    private static async Task<byte[]?> GetAsync(HttpClient http, string path, CancellationToken cancellationToken)
    {
        using var response = await http.GetAsync(path, cancellationToken);
        return response.StatusCode == HttpStatusCode.OK ? await response.Content.ReadAsByteArrayAsync(cancellationToken) : null;
    }
}
