using System.Numerics;

namespace ReelRights.Fingerprinting.Matching;

/// <summary>
/// Query-directed multi-probe (Lv et al., "Multi-Probe LSH", VLDB 2007): besides the key itself,
/// look up the keys with one or two of its five least reliable bits flipped (up to 16 probes).
/// </summary>
internal static class Probes
{
    private const int MaxWeak = 5;

    public static List<int> For(int key, int weakKeyBits)
    {
        var weak = new List<int>();
        for (var m = weakKeyBits; m != 0 && weak.Count < MaxWeak; m &= m - 1)
        {
            weak.Add(1 << BitOperations.TrailingZeroCount(m));
        }

        var probes = new List<int>(1 + weak.Count + (weak.Count * (weak.Count - 1) / 2)) { key };
        for (var i = 0; i < weak.Count; i++)
        {
            probes.Add(key ^ weak[i]);
            for (var j = i + 1; j < weak.Count; j++)
            {
                probes.Add(key ^ weak[i] ^ weak[j]);
            }
        }

        return probes;
    }
}
