namespace ReelRights.Fingerprinting.Region;

/// <summary>
/// Finds the picture from row and column profiles of accumulated statistics (see
/// <see cref="ActivityAccumulator"/>): each profile is thresholded at a fraction of its upper
/// percentile, and the outermost rows/columns above it bound the picture. Two passes (rows within
/// the columns found, columns within the rows found) isolate a rectangle. On spatial sharpness
/// this removes bars and blurred fill but keeps a still, sharp background (a static camera);
/// on sharp motion it also removes a still backdrop around a picture-in-picture, but would cut a
/// static-camera shot down to its moving part, so that box is only an alternative.
/// </summary>
internal sealed class ActiveRegionDetector : IRegionDetector
{
    /// <summary>Share of the profile's 90th percentile a row or column needs to count as picture.</summary>
    private const float ThresholdFraction = 0.22f;

    /// <summary>Borders thinner than this share of a side are noise (encoder edges), not bars.</summary>
    private const double SnapFraction = 0.025;

    /// <summary>A found picture smaller than this share of a side is not trusted.</summary>
    private const double MinSideFraction = 0.25;

    /// <summary>Mean |∇²f| per frame below which a row or column is flat (a bar): real pictures measure 3 and more.</summary>
    private const float FlatSharpness = 1.2f;

    private const int BarInset = 2;

    public RegionEstimate Detect(ActivityAccumulator statistics, int width, int height)
    {
        var main = TrimBars(statistics, width, height);
        return new RegionEstimate(
            main,
            Alternative(main, Box(statistics.Sharpness, width, height)),
            Alternative(main, Box(statistics.Activity, width, height)));
    }

    private static PixelRect? Alternative(PixelRect main, PixelRect box)
    {
        var inside = box.X >= main.X && box.Y >= main.Y
            && box.X + box.Width <= main.X + main.Width && box.Y + box.Height <= main.Y + main.Height;
        return inside && box.Area < 0.8 * main.Area ? box : null;
    }

    /// <summary>
    /// Drops outer rows and columns that are flat and black or white, what padding filters draw;
    /// a flat wall, sky or table top in the picture is neither, and stays.
    /// </summary>
    private static PixelRect TrimBars(ActivityAccumulator statistics, int width, int height)
    {
        var full = new PixelRect(0, 0, width, height);
        var frames = Math.Max(1f, statistics.Frames);
        var rows = Profile(statistics.Sharpness, width, 0, width, 0, height, byRow: true);
        var rowLuma = Profile(statistics.Luma, width, 0, width, 0, height, byRow: true);
        bool Bar(float sharp, float luma) => sharp < FlatSharpness * frames && (luma < 32 * frames || luma > 224 * frames);
        var top = 0;
        var bottom = height - 1;
        while (top < bottom && Bar(rows[top], rowLuma[top]))
        {
            top++;
        }

        while (bottom > top && Bar(rows[bottom], rowLuma[bottom]))
        {
            bottom--;
        }

        var columns = Profile(statistics.Sharpness, width, 0, width, top, bottom + 1, byRow: false);
        var columnLuma = Profile(statistics.Luma, width, 0, width, top, bottom + 1, byRow: false);
        var left = 0;
        var right = width - 1;
        while (left < right && Bar(columns[left], columnLuma[left]))
        {
            left++;
        }

        while (right > left && Bar(columns[right], columnLuma[right]))
        {
            right--;
        }

        // One-pixel frame edges are the Laplacian's unset border, not bars. Where a bar was
        // found, step two pixels further in: the scaler blends bar and picture over the edge
        // pixels, and symmetric dark edges would bias exactly the even-u bits the key is made of.
        var x0 = left <= 1 ? 0 : left + BarInset;
        var y0 = top <= 1 ? 0 : top + BarInset;
        var x1 = right >= width - 2 ? width : right + 1 - BarInset;
        var y1 = bottom >= height - 2 ? height : bottom + 1 - BarInset;
        var box = new PixelRect(x0, y0, Math.Max(1, x1 - x0), Math.Max(1, y1 - y0));
        return box.Width < width * MinSideFraction || box.Height < height * MinSideFraction ? full : box;
    }

    private static PixelRect Box(ReadOnlySpan<float> activity, int width, int height)
    {
        var full = new PixelRect(0, 0, width, height);
        if (width < 8 || height < 8)
        {
            return full;
        }

        var box = full;
        for (var pass = 0; pass < 2; pass++)
        {
            var rows = Profile(activity, width, box.X, box.X + box.Width, 0, height, byRow: true);
            if (!TryExtent(rows, out var top, out var bottom))
            {
                return full;
            }

            var columns = Profile(activity, width, 0, width, top, bottom + 1, byRow: false);
            if (!TryExtent(columns, out var left, out var right))
            {
                return full;
            }

            box = new PixelRect(left, top, right - left + 1, bottom - top + 1);
        }

        return box.Width < width * MinSideFraction || box.Height < height * MinSideFraction ? full : box;
    }

    private static float[] Profile(ReadOnlySpan<float> activity, int width, int x0, int x1, int y0, int y1, bool byRow)
    {
        var height = activity.Length / width;
        var profile = new float[byRow ? height : width];
        for (var y = y0; y < y1; y++)
        {
            var row = activity.Slice(y * width, width);
            for (var x = x0; x < x1; x++)
            {
                profile[byRow ? y : x] += row[x];
            }
        }

        var count = byRow ? x1 - x0 : y1 - y0;
        for (var i = 0; i < profile.Length; i++)
        {
            profile[i] /= Math.Max(1, count);
        }

        return Smooth(profile);
    }

    private static float[] Smooth(float[] p)
    {
        var s = new float[p.Length];
        for (var i = 0; i < p.Length; i++)
        {
            var a = p[Math.Max(0, i - 1)];
            var b = p[Math.Min(p.Length - 1, i + 1)];
            s[i] = (a + (2 * p[i]) + b) / 4;
        }

        return s;
    }

    private static bool TryExtent(float[] profile, out int first, out int last)
    {
        var n = profile.Length;
        var sorted = (float[])profile.Clone();
        Array.Sort(sorted);
        var reference = sorted[(int)(0.9 * (n - 1))];
        first = 0;
        last = n - 1;
        if (reference <= 1e-3f)
        {
            // A still picture: nothing to tell the picture from its surroundings.
            return false;
        }

        var threshold = ThresholdFraction * reference;
        while (first < n - 1 && !(profile[first] >= threshold && profile[first + 1] >= threshold))
        {
            first++;
        }

        while (last > first && !(profile[last] >= threshold && profile[last - 1] >= threshold))
        {
            last--;
        }

        var snap = (int)Math.Ceiling(n * SnapFraction);
        if (first <= snap)
        {
            first = 0;
        }

        if (last >= n - 1 - snap)
        {
            last = n - 1;
        }

        return last > first;
    }
}
