using System.Text.Json;
using System.Text.Json.Serialization;

namespace ReelRights.Bench;

internal sealed record TruthReference(string Id, string Path, double Duration, string Series);

internal sealed record TruthSegment(string ReferenceId, double QueryStart, double QueryEnd, double ReferenceStart, double ReferenceEnd);

internal sealed record TruthQuery(string Path, string Transformation, List<TruthSegment> Expected)
{
    [JsonIgnore]
    public bool IsNegative => Expected.Count == 0;
}

internal sealed record FingerprintTruth(List<TruthReference> References, List<TruthQuery> Queries)
{
    [JsonIgnore]
    public string Root { get; set; } = "";

    public string FullPath(string relative) => System.IO.Path.GetFullPath(System.IO.Path.Combine(Root, relative));

    public static FingerprintTruth Load(string corpusDir)
    {
        var file = System.IO.Path.Combine(corpusDir, "truth.json");
        var truth = JsonSerializer.Deserialize<FingerprintTruth>(File.ReadAllText(file), FingerprintJson.Options)
            ?? throw new InvalidDataException($"{file}: empty");
        truth.Root = System.IO.Path.GetFullPath(corpusDir);
        return truth;
    }
}

/// <summary>One predicted segment: query seconds [QueryStart, QueryEnd] show reference seconds [ReferenceStart, ReferenceEnd].</summary>
internal sealed record PredictedSegment(double QueryStart, double QueryEnd, double ReferenceStart, double ReferenceEnd);

internal sealed record PredictedMatch(string ReferenceId, double Score, string Modality, List<PredictedSegment> Segments);

internal sealed record QueryResult(string Query, List<PredictedMatch> Matches);

internal static class FingerprintJson
{
    public static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        PropertyNameCaseInsensitive = true,
        WriteIndented = true,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };
}

/// <summary>Per-transformation figures for one system (engine or peer).</summary>
internal sealed class TransformScore
{
    public string Transformation { get; init; } = "";
    public int Queries { get; set; }
    /// <summary>Expected (query, reference, interval) items; a compilation has one per excerpt.</summary>
    public int Expected { get; set; }
    public int Found { get; set; }
    /// <summary>Expected reference reported, but no segment overlapping the expected query interval.</summary>
    public int Mislocated { get; set; }
    /// <summary>Matches to a reference that is not expected in this query (every match on a negative).</summary>
    public int WrongReferenceMatches { get; set; }
    /// <summary>Queries with at least one wrong-reference match.</summary>
    public int QueriesWithFalseMatch { get; set; }
    public List<double> QueryIoU { get; } = [];
    public List<double> ReferenceIoU { get; } = [];
    public int Failed { get; set; }

    public double? Recall => Expected == 0 ? null : (double)Found / Expected;
    public double? MedianQueryIoU => Median(QueryIoU);
    public double? MedianReferenceIoU => Median(ReferenceIoU);

    public static double? Median(IReadOnlyCollection<double> xs)
    {
        if (xs.Count == 0)
        {
            return null;
        }
        var s = xs.OrderBy(x => x).ToArray();
        return s.Length % 2 == 1 ? s[s.Length / 2] : (s[s.Length / 2 - 1] + s[s.Length / 2]) / 2;
    }
}

/// <summary>
/// Scoring rules (also printed in the report):
/// an expected item (reference R, query interval Q, reference interval P) is found when the system
/// returns a match to R with at least one segment whose query interval overlaps Q (IoU &gt; 0).
/// Its IoU is computed between Q and the union of the query intervals of R's segments that
/// overlap Q, and likewise between P and the union of the corresponding reference intervals.
/// Every match to a reference that is not expected in that query is a false (wrong-reference)
/// match; on a negative query every match is false.
/// </summary>
internal static class FingerprintScoring
{
    public static Dictionary<string, TransformScore> Score(FingerprintTruth truth, IReadOnlyDictionary<string, QueryResult?> results)
    {
        var scores = new Dictionary<string, TransformScore>(StringComparer.Ordinal);
        foreach (var q in truth.Queries)
        {
            if (!scores.TryGetValue(q.Transformation, out var s))
            {
                scores[q.Transformation] = s = new TransformScore { Transformation = q.Transformation };
            }
            s.Queries++;
            s.Expected += q.Expected.Count;
            if (!results.TryGetValue(q.Path, out var r) || r is null)
            {
                s.Failed++;
                continue;
            }
            var expectedIds = q.Expected.Select(e => e.ReferenceId).ToHashSet(StringComparer.Ordinal);
            var wrong = r.Matches.Count(m => !expectedIds.Contains(m.ReferenceId));
            s.WrongReferenceMatches += wrong;
            if (wrong > 0)
            {
                s.QueriesWithFalseMatch++;
            }
            foreach (var e in q.Expected)
            {
                var segs = r.Matches.Where(m => m.ReferenceId == e.ReferenceId).SelectMany(m => m.Segments).ToList();
                if (segs.Count == 0)
                {
                    continue;
                }
                var overlapping = segs.Where(g => Overlap(g.QueryStart, g.QueryEnd, e.QueryStart, e.QueryEnd) > 0).ToList();
                if (overlapping.Count == 0)
                {
                    s.Mislocated++;
                    continue;
                }
                s.Found++;
                s.QueryIoU.Add(IoU(overlapping.Select(g => (g.QueryStart, g.QueryEnd)), e.QueryStart, e.QueryEnd));
                s.ReferenceIoU.Add(IoU(overlapping.Select(g => (g.ReferenceStart, g.ReferenceEnd)), e.ReferenceStart, e.ReferenceEnd));
            }
        }
        return scores;
    }

    private static double Overlap(double a0, double a1, double b0, double b1) => Math.Max(0, Math.Min(a1, b1) - Math.Max(a0, b0));

    /// <summary>IoU of the union of intervals with [b0, b1].</summary>
    public static double IoU(IEnumerable<(double Start, double End)> intervals, double b0, double b1)
    {
        var merged = new List<(double Start, double End)>();
        foreach (var (s, e) in intervals.Select(i => (Math.Min(i.Start, i.End), Math.Max(i.Start, i.End))).OrderBy(i => i.Item1))
        {
            if (merged.Count > 0 && s <= merged[^1].End)
            {
                merged[^1] = (merged[^1].Start, Math.Max(merged[^1].End, e));
            }
            else
            {
                merged.Add((s, e));
            }
        }
        var union = merged.Sum(m => m.End - m.Start);
        var inter = merged.Sum(m => Overlap(m.Start, m.End, b0, b1));
        var total = union + (b1 - b0) - inter;
        return total <= 0 ? 0 : inter / total;
    }
}
