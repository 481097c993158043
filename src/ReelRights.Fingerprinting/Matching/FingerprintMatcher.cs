using ReelRights.Fingerprinting.Alignment;
using ReelRights.Fingerprinting.Indexing;
using ReelRights.Fingerprinting.Video;

namespace ReelRights.Fingerprinting.Matching;

/// <summary>
/// Pipeline stage "align": finds which references a query copies and which seconds. Video and
/// audio are searched and aligned separately, so either can decide alone (audio replaced, picture
/// unusable); lines of both that agree on speed and offset are fused into one stronger match.
/// Thread-safe.
/// </summary>
public sealed class FingerprintMatcher
{
    private readonly ReferenceIndex index;
    private readonly double threshold;

    /// <summary>Creates a matcher over an index.</summary>
    /// <param name="index">The references.</param>
    /// <param name="threshold">Lowest score reported, in (0, 1]; default 0.5.</param>
    public FingerprintMatcher(ReferenceIndex index, double threshold = ScoreCalibration.DefaultThreshold)
    {
        ArgumentNullException.ThrowIfNull(index);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(threshold, 0);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(threshold, 1);
        this.index = index;
        this.threshold = threshold;
    }

    /// <summary>Matches a query fingerprint against the index.</summary>
    /// <param name="query">The suspected copy.</param>
    /// <param name="cancellationToken">Stops between stages.</param>
    /// <returns>Matches with score ≥ threshold, best first; empty when nothing was copied.</returns>
    public IReadOnlyList<FingerprintMatch> Match(Fingerprint query, CancellationToken cancellationToken = default) =>
        Match(query, -1, threshold, cancellationToken);

    /// <param name="query">The suspected copy.</param>
    /// <param name="exclude">A reference to leave out (a reference matched against the others), or −1.</param>
    /// <param name="minScore">Lowest score kept.</param>
    /// <param name="cancellationToken">Stops between stages.</param>
    internal List<FingerprintMatch> Match(Fingerprint query, int exclude, double minScore, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var groups = new Dictionary<int, List<LineGroup>>();
        if (query.Video is { } video)
        {
            // The picture, then the guesses at blurred fill and picture-in-picture.
            foreach (var slot in VideoTrack.QuerySlots)
            {
                var votes = VideoSearcher.Collect(index, video, exclude, slot);
                cancellationToken.ThrowIfCancellationRequested();
                AddLines(groups, votes, AlignmentSettings.Video, isVideo: true,
                    reference => new VideoLineVerifier(index, reference, video, slot).Densify);
            }
        }

        if (query.Audio is { } audio)
        {
            (uint[] Bits, uint[] Weak)? unshifted = null;
            foreach (var (shift, votes, bits, weak) in AudioSearcher.Collect(index, audio, exclude))
            {
                cancellationToken.ThrowIfCancellationRequested();
                unshifted ??= shift == 0 ? (bits, weak) : null;
                AddLines(groups, votes, AlignmentSettings.Audio, isVideo: false,
                    reference => new AudioLineVerifier(index, reference, bits, weak).Densify);
            }

            if (unshifted is { } sound)
            {
                Corroborate(groups, sound.Bits, sound.Weak);
            }
        }

        var matches = new List<FingerprintMatch>();
        foreach (var (reference, list) in groups)
        {
            var kept = Distinct(list.Where(g => g.Score >= minScore).OrderByDescending(g => g.Score));
            if (kept.Count == 0)
            {
                continue;
            }

            var modality = kept.Any(g => g.Modality == MatchModality.Both)
                || (kept.Any(g => g.Modality == MatchModality.Video) && kept.Any(g => g.Modality == MatchModality.Audio))
                ? MatchModality.Both
                : kept[0].Modality;
            var masked = index.MaskedSpans(reference);
            var segments = kept.SelectMany(g => g.Segments(masked)).OrderBy(s => s.QueryStart).ToList();
            matches.Add(new FingerprintMatch(
                index.References[reference].Id, Math.Round(kept[0].Score, 4), modality,
                Math.Round(kept[0].Representative.Speed, 3), segments));
        }

        return [.. matches.OrderByDescending(m => m.Score).ThenBy(m => m.ReferenceId, StringComparer.Ordinal)];
    }

    /// <summary>
    /// Gives each picture-found alignment the evidence of the masked sound along it
    /// (<see cref="MaskedAudioCorroboration"/>); masked sound never starts a group of its own.
    /// </summary>
    private void Corroborate(Dictionary<int, List<LineGroup>> groups, uint[] bits, uint[] weak)
    {
        if (index.MaskedAudio.Count == 0)
        {
            return;
        }

        foreach (var (reference, list) in groups)
        {
            foreach (var group in list.Where(g => g.VideoScore > 0))
            {
                var evidence = MaskedAudioCorroboration.Evidence(index, reference, group.VideoLines, bits, weak);
                group.Corroborate(ScoreCalibration.Audio(evidence));
            }
        }
    }

    /// <summary>
    /// Keeps the strongest alignments whose query seconds are mostly new: a held shot or a
    /// repeated background also lines up at nearby wrong offsets, and a query second is copied
    /// from one place of a reference, so a weaker line over seconds already explained is dropped.
    /// </summary>
    private static List<LineGroup> Distinct(IEnumerable<LineGroup> byScore)
    {
        var kept = new List<LineGroup>();
        var covered = new List<MatchedSegment>();
        foreach (var group in byScore)
        {
            var segments = group.Segments();
            var total = segments.Sum(s => s.QueryDuration);
            var overlap = segments.Sum(s => covered.Sum(c => Math.Max(0, Math.Min(s.QueryEnd, c.QueryEnd) - Math.Max(s.QueryStart, c.QueryStart))));
            if (total > 0 && overlap < 0.5 * total)
            {
                kept.Add(group);
                covered.AddRange(segments);
            }
        }

        return kept;
    }

    /// <summary>
    /// The most evidence any line through these votes can have: a line takes at most one vote per
    /// query frame and counts at most its weight. A reference whose bound is at the calibration's
    /// floor cannot score above zero, so it is not aligned at all — exact, and at a thousand
    /// indexed hours it skips nearly every reference a few stray votes reached.
    /// </summary>
    private static double EvidenceBound(List<Vote> votes)
    {
        var bound = 0.0;
        var frame = int.MinValue;
        var best = 0f;
        foreach (var v in votes)
        {
            if (v.QueryFrame != frame)
            {
                bound += best;
                frame = v.QueryFrame;
                best = 0;
            }

            best = Math.Max(best, v.Weight);
        }

        return bound + best;
    }

    private static void AddLines(
        Dictionary<int, List<LineGroup>> groups, Dictionary<int, List<Vote>> votes, AlignmentSettings settings, bool isVideo,
        Func<int, Func<double, double, List<Vote>, AlignmentSettings, List<Vote>>>? verifier)
    {
        var floor = isVideo ? ScoreCalibration.VideoFloor : ScoreCalibration.AudioFloor;
        foreach (var (reference, list) in votes)
        {
            if (list.Count < settings.MinPeak || EvidenceBound(list) <= floor)
            {
                continue;
            }

            var verify = verifier?.Invoke(reference);
            foreach (var line in HoughAligner.Align(list, settings, verify is null ? null : (speed, offset, inliers) => verify(speed, offset, inliers, settings)))
            {
                var score = isVideo ? ScoreCalibration.Video(line.Evidence) : ScoreCalibration.Audio(line.Evidence);
                if (score <= 0)
                {
                    continue;
                }

                if (!groups.TryGetValue(reference, out var lineGroups))
                {
                    groups[reference] = lineGroups = [];
                }

                var group = lineGroups.Find(g => g.Agrees(line));
                if (group is null)
                {
                    lineGroups.Add(new LineGroup(line, isVideo, score));
                }
                else
                {
                    group.Add(line, isVideo, score);
                }
            }
        }
    }
}
