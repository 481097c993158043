using ReelRights.Fingerprinting.Alignment;

namespace ReelRights.Fingerprinting.Matching;

/// <summary>Lines of one reference (video, audio, several band shifts) that describe the same alignment.</summary>
internal sealed class LineGroup(AlignedLine first, bool isVideo, double score)
{
    public AlignedLine Representative { get; } = first;

    public double VideoScore { get; private set; } = isVideo ? score : 0;

    public double AudioScore { get; private set; } = isVideo ? 0 : score;

    public List<AlignedLine> Lines { get; } = [first];

    public double Score => ScoreCalibration.Fuse(VideoScore, AudioScore);

    public MatchModality Modality => VideoScore > 0 && AudioScore > 0
        ? MatchModality.Both
        : VideoScore > 0 ? MatchModality.Video : MatchModality.Audio;

    public bool Agrees(AlignedLine line)
    {
        var a = Representative;
        if (Math.Abs(a.Speed - line.Speed) > 0.06)
        {
            return false;
        }

        // Compare the two lines where the query has them, not at query time 0.
        var t = line.Segments[0].QueryStart;
        return Math.Abs(a.ReferenceTimeAt(t) - line.ReferenceTimeAt(t)) < 1.0;
    }

    public void Add(AlignedLine line, bool isVideo, double score)
    {
        Lines.Add(line);
        if (isVideo)
        {
            VideoScore = Math.Max(VideoScore, score);
        }
        else
        {
            AudioScore = Math.Max(AudioScore, score);
        }
    }

    /// <summary>The union of the group's segments, on the representative line.</summary>
    public List<MatchedSegment> Segments()
    {
        var intervals = Lines.SelectMany(l => l.Segments).OrderBy(s => s.QueryStart).ToList();
        var merged = new List<(double Start, double End)>();
        foreach (var s in intervals)
        {
            if (merged.Count > 0 && s.QueryStart <= merged[^1].End + 0.5)
            {
                merged[^1] = (merged[^1].Start, Math.Max(merged[^1].End, s.QueryEnd));
            }
            else
            {
                merged.Add((s.QueryStart, s.QueryEnd));
            }
        }

        var line = Representative;
        return [.. merged.Select(m => new MatchedSegment(
            Math.Round(m.Start, 3), Math.Round(m.End, 3),
            Math.Round(Math.Max(0, line.ReferenceTimeAt(m.Start)), 3), Math.Round(line.ReferenceTimeAt(m.End), 3)))];
    }
}
