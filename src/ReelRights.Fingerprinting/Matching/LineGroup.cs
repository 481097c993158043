using ReelRights.Fingerprinting.Alignment;

namespace ReelRights.Fingerprinting.Matching;

/// <summary>Lines of one reference (video, audio, several band shifts) that describe the same alignment.</summary>
internal sealed class LineGroup(AlignedLine first, bool isVideo, double score)
{
    public AlignedLine Representative { get; } = first;

    public double VideoScore { get; private set; } = isVideo ? score : 0;

    public double AudioScore { get; private set; } = isVideo ? 0 : score;

    public List<AlignedLine> Lines { get; } = [first];

    /// <summary>The lines found in the picture.</summary>
    public List<AlignedLine> VideoLines { get; } = isVideo ? [first] : [];

    public double Score => ScoreCalibration.Fuse(VideoScore, AudioScore);

    public MatchModality Modality => VideoScore > 0 && AudioScore > 0
        ? MatchModality.Both
        : VideoScore > 0 ? MatchModality.Video : MatchModality.Audio;

    /// <summary>
    /// Two lines describe the same alignment when, wherever the new one is supported, they put
    /// the query at reference times less than a second apart. Their slopes are not compared: a
    /// few seconds of video (a short excerpt, a slowly moving shot) fix the offset far better
    /// than the speed, and over such a segment a slope error of several per cent moves the
    /// reference time by less than the tolerance.
    /// </summary>
    public bool Agrees(AlignedLine line)
    {
        var a = Representative;
        foreach (var s in line.Segments)
        {
            foreach (var t in (ReadOnlySpan<double>)[s.QueryStart, s.QueryEnd])
            {
                if (Math.Abs(a.ReferenceTimeAt(t) - line.ReferenceTimeAt(t)) >= 1.0)
                {
                    return false;
                }
            }
        }

        return true;
    }

    public void Add(AlignedLine line, bool isVideo, double score)
    {
        Lines.Add(line);
        if (isVideo)
        {
            VideoLines.Add(line);
            VideoScore = Math.Max(VideoScore, score);
        }
        else
        {
            AudioScore = Math.Max(AudioScore, score);
        }
    }

    /// <summary>Sound found along the group's lines other than through the postings (masked sound, <see cref="MaskedAudioCorroboration"/>).</summary>
    public void Corroborate(double audioScore) => AudioScore = Math.Max(AudioScore, audioScore);

    /// <summary>
    /// The union of the group's segments, on the representative line. Two segments whose gap
    /// falls, in the reference, on content masked as common (<paramref name="masked"/>) are one:
    /// the index holds no evidence there, so the gap says nothing against the copy, and a copy
    /// continuing at the same alignment on both sides of it is one copy.
    /// </summary>
    /// <param name="masked">The reference's masked seconds, sorted and disjoint; null for none.</param>
    public List<MatchedSegment> Segments(IReadOnlyList<(double Start, double End)>? masked = null)
    {
        var line = Representative;
        var intervals = Lines.SelectMany(l => l.Segments).OrderBy(s => s.QueryStart).ToList();
        var merged = new List<(double Start, double End)>();
        foreach (var s in intervals)
        {
            if (merged.Count > 0 && (s.QueryStart <= merged[^1].End + 0.5
                || Covered(masked, line.ReferenceTimeAt(merged[^1].End) + 0.5, line.ReferenceTimeAt(s.QueryStart) - 0.5)))
            {
                merged[^1] = (merged[^1].Start, Math.Max(merged[^1].End, s.QueryEnd));
            }
            else
            {
                merged.Add((s.QueryStart, s.QueryEnd));
            }
        }

        return [.. merged.Select(m => new MatchedSegment(
            Math.Round(m.Start, 3), Math.Round(m.End, 3),
            Math.Round(Math.Max(0, line.ReferenceTimeAt(m.Start)), 3), Math.Round(line.ReferenceTimeAt(m.End), 3)))];
    }

    private static bool Covered(IReadOnlyList<(double Start, double End)>? spans, double from, double to)
    {
        if (spans is null || to <= from)
        {
            return false;
        }

        foreach (var (start, end) in spans)
        {
            if (start <= from && end >= from)
            {
                from = end;
                if (from >= to)
                {
                    return true;
                }
            }
        }

        return false;
    }
}
