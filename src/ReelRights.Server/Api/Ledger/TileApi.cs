using System.Buffers.Binary;
using ReelRights.Core.Ledger;

namespace ReelRights.Server.Api.Ledger;

/// <summary>
/// The log in the C2SP tlog-tiles read layout under <c>/ledger/</c>, so standard transparency
/// tooling and witnesses can follow it: <c>checkpoint</c>, hash tiles and entry bundles. Full
/// tiles never change and are cached forever; partial ones and the checkpoint are not cached.
/// </summary>
internal static class TileApi
{
    public static void MapTileApi(this IEndpointRouteBuilder app)
    {
        var tiles = app.MapGroup("/ledger").AllowAnonymous().ExcludeFromDescription();
        tiles.MapGet("/checkpoint", async (LedgerReader ledger, HttpResponse response, CancellationToken ct) =>
        {
            response.Headers.CacheControl = "no-store";
            var latest = await ledger.LatestCheckpointAsync(ct);
            return latest is null ? Results.NotFound() : Results.Text(latest.Note, "text/plain; charset=utf-8");
        });
        tiles.MapGet("/tile/{**path}", TileAsync);
    }

    private static async Task<IResult> TileAsync(string path, LedgerReader ledger, HttpResponse response, CancellationToken ct)
    {
        var tile = TilePath.Parse(path);
        var latest = await ledger.LatestCheckpointAsync(ct);
        if (tile is null || latest is null)
        {
            return Results.NotFound();
        }
        // Level-L tiles hold hashes of subtrees of height 8L; how many exist at the signed size:
        var height = 8 * (tile.Level ?? 0);
        if (height >= 63)
        {
            return Results.NotFound();
        }
        var available = latest.TreeSize >> height;
        var start = tile.Index * TilePath.FullWidth;
        if (tile.Index > long.MaxValue / TilePath.FullWidth || start + tile.Width > available)
        {
            return Results.NotFound();
        }
        response.Headers.CacheControl = tile.Width == TilePath.FullWidth ? "public, max-age=31536000, immutable" : "no-store";
        if (tile.IsEntries)
        {
            var entries = await ledger.EntriesAsync(start, tile.Width, ct);
            return Results.Bytes(EntryBundle(entries), "application/octet-stream");
        }
        var hashes = await ledger.NodeHashesAsync(height, start, tile.Width, ct);
        return Results.Bytes(hashes.SelectMany(h => h).ToArray(), "application/octet-stream");
    }

    /// <summary>tlog-tiles entry bundle: each entry as a big-endian uint16 length and its bytes.</summary>
    private static byte[] EntryBundle(IReadOnlyList<LedgerEntry> entries)
    {
        var buffer = new byte[entries.Sum(e => 2 + e.Data.Length)];
        var offset = 0;
        foreach (var e in entries)
        {
            BinaryPrimitives.WriteUInt16BigEndian(buffer.AsSpan(offset), checked((ushort)e.Data.Length));
            e.Data.CopyTo(buffer, offset + 2);
            offset += 2 + e.Data.Length;
        }
        return buffer;
    }
}
