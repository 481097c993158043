using ReelRights.Fingerprinting.Matching;

namespace ReelRights.Fingerprinting.Indexing;

/// <summary>
/// Finds what references share: each reference is matched against all the others, and every
/// segment found marks both sides as common (a series' intro and theme, a recap of the previous
/// episode). Longer shared stretches are not masked: two references sharing more than
/// <see cref="MaxSharedFraction"/> of either are duplicates, a conflict for the registry to
/// resolve, not common content to hide.
/// <para>
/// The bar for "shared" is lower than the bar for a match (<see cref="MaskScore"/>): masking
/// only removes content that another reference also has, which cannot tell the two apart
/// anyway, whereas shared content left in the index adds to the score of every other episode of
/// the series that a query shares it with — an intro and an outro of the same series each below
/// the threshold line up on one alignment and pass it together.
/// </para>
/// </summary>
internal static class CommonContentFinder
{
    public const double MaxSharedFraction = 0.4;

    /// <summary>
    /// Any alignment the calibration scores above zero, i.e. with more evidence than the noise
    /// floor of <see cref="ScoreCalibration"/>, counts as shared. Scored as queries are, with
    /// lines verified frame by frame (<see cref="AudioLineVerifier"/>): whatever a query could
    /// link between two episodes — a stretch of the theme track both lay at the same point, with
    /// no dialogue over it — must be masked, or a copy of one episode matches the other there.
    /// </summary>
    public const double MaskScore = 1e-6;

    public static List<CommonSpan> Find(ReferenceIndex index, List<ReferenceEntry> entries, CancellationToken cancellationToken)
    {
        var spans = new List<CommonSpan>();
        if (entries.Count < 2)
        {
            return spans;
        }

        var matcher = new FingerprintMatcher(index);
        var durations = entries.ToDictionary(e => e.Id, e => e.Fingerprint.DurationSeconds, StringComparer.Ordinal);
        for (var r = 0; r < entries.Count; r++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var self = entries[r];
            // Each modality on its own: an intro's picture and its theme music are masked
            // separately, and a stronger video line must not hide the audio line it overlaps.
            var queries = new[]
            {
                self.Fingerprint.Video is null ? null : self.Fingerprint.Restrict(keepVideo: true, keepAudio: false),
                self.Fingerprint.Audio is null ? null : self.Fingerprint.Restrict(keepVideo: false, keepAudio: true),
            };
            foreach (var match in queries.OfType<Fingerprint>().SelectMany(q => matcher.Match(q, r, MaskScore, cancellationToken)))
            {
                foreach (var s in match.Segments)
                {
                    var shortEnough = s.QueryDuration <= MaxSharedFraction * self.Fingerprint.DurationSeconds
                        && s.ReferenceEnd - s.ReferenceStart <= MaxSharedFraction * durations[match.ReferenceId];
                    if (shortEnough)
                    {
                        // Half a second of margin: segment ends are estimated to about a frame or two.
                        spans.Add(new CommonSpan(self.Id, match.Modality, Math.Max(0, s.QueryStart - 0.5), s.QueryEnd + 0.5));
                        spans.Add(new CommonSpan(match.ReferenceId, match.Modality, Math.Max(0, s.ReferenceStart - 0.5), s.ReferenceEnd + 0.5));
                    }
                }
            }
        }

        return spans;
    }
}
