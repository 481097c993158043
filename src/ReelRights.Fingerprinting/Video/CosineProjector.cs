using System.Collections.Concurrent;
using ReelRights.Fingerprinting.Region;

namespace ReelRights.Fingerprinting.Video;

/// <summary>
/// Projects a rectangle of a luma frame on the 8 × 8 lowest DCT-II basis functions: the region is
/// first averaged into a 32 × 32 grid (each pixel added to the cell it falls in: one addition per
/// pixel, which keeps extraction close to the cost of decoding), then c(u, v) =
/// (1 / 1024) Σ g(i, j) cos(πu(i + ½) / 32) cos(πv(j + ½) / 32). This is the low-frequency block
/// pHash keeps (Zauner, "Implementation and Benchmarking of Perceptual Image Hash Functions",
/// 2010, §3.3). Output index is v · 8 + u (u horizontal, v vertical frequency).
/// </summary>
internal static class CosineProjector
{
    public const int Size = 8;
    private const int Grid = 32;

    private static readonly float[] Basis = BuildBasis();
    private static readonly ConcurrentDictionary<int, int[]> Bins = new();

    /// <param name="pixels">Row-major luma.</param>
    /// <param name="stride">Frame width.</param>
    /// <param name="rect">Area to describe, inside the frame.</param>
    /// <param name="coefficients">64 outputs.</param>
    public static void Project(ReadOnlySpan<byte> pixels, int stride, PixelRect rect, Span<float> coefficients)
    {
        var columnBin = BinsOf(rect.Width);
        var rowBin = BinsOf(rect.Height);
        Span<float> grid = stackalloc float[Grid * Grid];
        Span<int> rowSums = stackalloc int[Grid];
        grid.Clear();
        for (var y = 0; y < rect.Height; y++)
        {
            rowSums.Clear();
            var source = pixels.Slice(((rect.Y + y) * stride) + rect.X, rect.Width);
            for (var x = 0; x < source.Length; x++)
            {
                rowSums[columnBin[x]] += source[x];
            }

            var target = grid.Slice(rowBin[y] * Grid, Grid);
            for (var i = 0; i < Grid; i++)
            {
                target[i] += rowSums[i];
            }
        }

        // Cell means: divide by the number of pixels each cell received.
        Span<float> columnCount = stackalloc float[Grid];
        Span<float> rowCount = stackalloc float[Grid];
        columnCount.Clear();
        rowCount.Clear();
        foreach (var b in columnBin.AsSpan(0, rect.Width))
        {
            columnCount[b]++;
        }

        foreach (var b in rowBin.AsSpan(0, rect.Height))
        {
            rowCount[b]++;
        }

        for (var j = 0; j < Grid; j++)
        {
            for (var i = 0; i < Grid; i++)
            {
                var n = columnCount[i] * rowCount[j];
                grid[(j * Grid) + i] = n > 0 ? grid[(j * Grid) + i] / n : 0;
            }
        }

        Span<float> rows = stackalloc float[Size * Grid];
        rows.Clear();
        for (var j = 0; j < Grid; j++)
        {
            for (var v = 0; v < Size; v++)
            {
                var weight = Basis[(v * Grid) + j];
                for (var i = 0; i < Grid; i++)
                {
                    rows[(v * Grid) + i] += weight * grid[(j * Grid) + i];
                }
            }
        }

        const float scale = 1f / (Grid * Grid);
        for (var v = 0; v < Size; v++)
        {
            for (var u = 0; u < Size; u++)
            {
                var sum = 0f;
                for (var i = 0; i < Grid; i++)
                {
                    sum += rows[(v * Grid) + i] * Basis[(u * Grid) + i];
                }

                coefficients[(v * Size) + u] = sum * scale;
            }
        }
    }

    /// <summary>Grid cell of each of <paramref name="length"/> pixels; regions narrower than the grid repeat pixels.</summary>
    private static int[] BinsOf(int length) => Bins.GetOrAdd(length, static n =>
    {
        // Built from both ends towards the middle so the cells are mirror-symmetric: a flipped
        // region then yields exactly the flipped grid, which the mirror bits rely on.
        var bins = new int[n];
        for (var x = 0; x < (n + 1) / 2; x++)
        {
            bins[x] = Math.Min(Grid - 1, (int)((x + 0.5) * Grid / n));
            bins[n - 1 - x] = Grid - 1 - bins[x];
        }

        return bins;
    });

    private static float[] BuildBasis()
    {
        var basis = new float[Size * Grid];
        for (var k = 0; k < Size; k++)
        {
            for (var i = 0; i < Grid; i++)
            {
                basis[(k * Grid) + i] = (float)Math.Cos(Math.PI * k * (i + 0.5) / Grid);
            }
        }

        return basis;
    }
}
