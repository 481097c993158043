using ReelRights.Fingerprinting.Matching;

namespace ReelRights.Core.Monitoring;

/// <summary>
/// How much of a registered episode a copy carries: <see cref="Seconds"/> of the copy are matched
/// (the matched query segments added up, overlaps counted once, so a repeated clip is not counted
/// twice), and they came from <see cref="Reference"/>, the episode's seconds merged likewise
/// (<see cref="ReferenceSeconds"/> in total). Values are rounded to a tenth of a second, the
/// precision the matcher's segments have.
/// </summary>
public sealed record CopiedTime(double Seconds, IReadOnlyList<SecondsRange> Reference, double ReferenceSeconds)
{
    public static CopiedTime Of(IEnumerable<MatchedSegment> segments)
    {
        var list = segments.Where(s => s.QueryEnd > s.QueryStart).ToList();
        var query = Merge(list.Select(s => new SecondsRange(s.QueryStart, s.QueryEnd)));
        var reference = Merge(list.Select(s => new SecondsRange(Math.Min(s.ReferenceStart, s.ReferenceEnd), Math.Max(s.ReferenceStart, s.ReferenceEnd))));
        return new CopiedTime(Round(query.Sum(r => r.Duration)), reference.Select(r => new SecondsRange(Round(r.Start), Round(r.End))).ToList(),
            Round(reference.Sum(r => r.Duration)));
    }

    /// <summary>Ranges sorted and joined where they overlap or touch.</summary>
    private static List<SecondsRange> Merge(IEnumerable<SecondsRange> ranges)
    {
        var merged = new List<SecondsRange>();
        foreach (var range in ranges.Where(r => double.IsFinite(r.Start) && double.IsFinite(r.End)).OrderBy(r => r.Start))
        {
            if (merged.Count > 0 && range.Start <= merged[^1].End)
            {
                merged[^1] = merged[^1] with { End = Math.Max(merged[^1].End, range.End) };
            }
            else
            {
                merged.Add(range);
            }
        }
        return merged;
    }

    private static double Round(double seconds) => Math.Round(seconds, 1, MidpointRounding.AwayFromZero);
}
