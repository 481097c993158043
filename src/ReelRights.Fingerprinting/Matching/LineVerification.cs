using ReelRights.Fingerprinting.Alignment;

namespace ReelRights.Fingerprinting.Matching;

/// <summary>
/// Pipeline stage "verify": once the postings have placed a line, every query frame near its
/// support is compared directly with the reference frame the line puts it at, and the frames
/// within the modality's verification distance join the line as votes. The index lookup finds a
/// frame only when its whole key survived the copy; along a known alignment the full descriptor
/// decides, as in the candidate verification of Haitsma and Kalker ("A Highly Robust Audio
/// Fingerprinting System", ISMIR 2002, §4.3: bit error rate over a block once a lookup has
/// proposed the position). A line's evidence then measures how much of the query looks or sounds
/// like the reference there, not how many keys survived, so a longer key (fewer chance postings
/// at a thousand indexed hours) does not cost short excerpts their score. Verification only
/// strengthens lines the lookup found; it never proposes one.
/// </summary>
internal static class LineVerification
{
    /// <summary>
    /// The inliers plus the verified frames within half the gap tolerance of an inlier (inside a
    /// supported run and just past its ends), ordered by query frame; a frame that already voted
    /// keeps its vote.
    /// </summary>
    /// <param name="inliers">The line's votes, one per query frame, ordered by it.</param>
    /// <param name="settings">The modality's tolerances (gap, frame spacing).</param>
    /// <param name="frameCount">Query frames.</param>
    /// <param name="verify">The vote of a query frame that the comparison along the line confirms, or null.</param>
    public static List<Vote> Densify(List<Vote> inliers, AlignmentSettings settings, int frameCount, Func<int, Vote?> verify)
    {
        if (inliers.Count == 0)
        {
            return inliers;
        }

        var reach = (int)Math.Ceiling(settings.MaxGap / 2 / settings.FrameSeconds);
        var result = new List<Vote>(inliers.Count * 2);
        var next = 0;
        var until = -1;
        for (var f = Math.Max(0, inliers[0].QueryFrame - reach); f < frameCount; f++)
        {
            if (next < inliers.Count && inliers[next].QueryFrame == f)
            {
                result.Add(inliers[next]);
                until = f + reach;
                next++;
            }
            else if (f <= until || (next < inliers.Count && f >= inliers[next].QueryFrame - reach))
            {
                if (verify(f) is { } vote)
                {
                    result.Add(vote);
                }
            }
            else if (next < inliers.Count)
            {
                // Far from any inlier: on to the next one's reach.
                f = inliers[next].QueryFrame - reach - 1;
            }
            else
            {
                break;
            }
        }

        return result;
    }
}
