using System.Globalization;
using System.Text;

namespace ReelRights.Server.Api.Ledger;

/// <summary>
/// A C2SP tlog-tiles path (https://c2sp.org/tlog-tiles): <c>tile/L/N[.p/W]</c> for hash tiles or
/// <c>tile/entries/N[.p/W]</c> for entry bundles, where N is written in 3-digit groups, all but
/// the last prefixed with <c>x</c> (1234067 → x001/x234/067), and W (1–255) marks a partial tile.
/// Only the canonical spelling is a tile: leading <c>x000</c> groups make another path for the same
/// tile, which tlog-tiles clients never ask for and caches must not hold twice, so it is not found.
/// </summary>
internal sealed record TilePath(int? Level, long Index, int Width)
{
    public const int FullWidth = 256;

    public bool IsEntries => Level is null;

    public static TilePath? Parse(string path)
    {
        var parts = path.Split('/');
        if (parts.Length < 2)
        {
            return null;
        }
        int? level;
        if (parts[0] == "entries")
        {
            level = null;
        }
        else if (parts[0].Length is >= 1 and <= 2 && parts[0].All(char.IsAsciiDigit) && (parts[0].Length == 1 || parts[0][0] != '0'))
        {
            level = int.Parse(parts[0], CultureInfo.InvariantCulture);
        }
        else
        {
            return null;
        }
        var rest = parts.AsSpan(1);
        var width = FullWidth;
        if (rest.Length >= 2 && rest[^2].EndsWith(".p", StringComparison.Ordinal))
        {
            if (!TryWidth(rest[^1], out width))
            {
                return null;
            }
            rest[^2] = rest[^2][..^2];
            rest = rest[..^1];
        }
        long index = 0;
        for (var i = 0; i < rest.Length; i++)
        {
            var element = rest[i];
            var last = i == rest.Length - 1;
            if (!last)
            {
                if (!element.StartsWith('x'))
                {
                    return null;
                }
                element = element[1..];
            }
            if (element.Length != 3 || !element.All(char.IsAsciiDigit) || index > long.MaxValue / 1000)
            {
                return null;
            }
            index = index * 1000 + int.Parse(element, CultureInfo.InvariantCulture);
        }
        var tile = new TilePath(level, index, width);
        return tile.ToPath() == path ? tile : null;
    }

    /// <summary>The canonical path of this tile, below <c>tile/</c>.</summary>
    public string ToPath()
    {
        var groups = new List<long>();
        var n = Index;
        do
        {
            groups.Add(n % 1000);
            n /= 1000;
        }
        while (n > 0);
        var path = new StringBuilder(IsEntries ? "entries" : Level!.Value.ToString(CultureInfo.InvariantCulture));
        for (var i = groups.Count - 1; i >= 0; i--)
        {
            path.Append(i == 0 ? "/" : "/x").Append(groups[i].ToString("D3", CultureInfo.InvariantCulture));
        }
        if (Width != FullWidth)
        {
            path.Append(".p/").Append(Width.ToString(CultureInfo.InvariantCulture));
        }
        return path.ToString();
    }

    private static bool TryWidth(string text, out int width) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out width) && width is >= 1 and <= 255
        && text == width.ToString(CultureInfo.InvariantCulture);
}
