using ReelRights.Fingerprinting.Alignment;
using ReelRights.Fingerprinting.Audio;
using ReelRights.Fingerprinting.Indexing;

namespace ReelRights.Fingerprinting.Matching;

/// <summary>
/// Pipeline stage "verify" for audio: once the postings have placed a line, every query frame
/// near its support is compared directly with the reference frame the line puts it at, and the
/// frames within <see cref="AudioSearcher.MaxDistance"/> bits join the line as votes. The index
/// lookup finds a frame only when its whole key survived the copy; along a known alignment the
/// full descriptor decides, as in the candidate verification of Haitsma and Kalker ("A Highly
/// Robust Audio Fingerprinting System", ISMIR 2002, §4.3: bit error rate over a block once a
/// lookup has proposed the position). A line's evidence then measures how much of the query
/// sounds like the reference there, not how many keys survived, so a longer key (fewer chance
/// postings at a thousand indexed hours) does not cost short excerpts their score. Verification
/// only strengthens lines the lookup found; it never proposes one.
/// </summary>
internal sealed class AudioLineVerifier(ReferenceIndex index, int reference, uint[] queryBits, uint[] queryWeak)
{
    /// <summary>
    /// The inliers plus verified frames within half the gap tolerance of an inlier (so within a
    /// supported run and just past its ends), ordered by query frame; a query frame that already
    /// voted keeps its vote.
    /// </summary>
    public List<Vote> Densify(double speed, double offset, List<Vote> inliers, AlignmentSettings settings)
    {
        if (inliers.Count == 0)
        {
            return inliers;
        }

        var first = index.References[reference].AudioFirst;
        var frames = index.References[reference].AudioFrames;
        var reach = (int)Math.Ceiling(settings.MaxGap / 2 / settings.FrameSeconds);
        var result = new List<Vote>(inliers.Count * 2);
        var next = 0;
        var until = -1;
        var from = Math.Max(0, inliers[0].QueryFrame - reach);
        for (var f = from; f < queryBits.Length; f++)
        {
            if (next < inliers.Count && inliers[next].QueryFrame == f)
            {
                result.Add(inliers[next]);
                until = f + reach;
                next++;
                continue;
            }

            if (next < inliers.Count && f < inliers[next].QueryFrame - reach && f > until)
            {
                // Far from any inlier: jump to the next one's reach.
                f = inliers[next].QueryFrame - reach - 1;
                continue;
            }

            if (next == inliers.Count && f > until)
            {
                break;
            }

            if (queryWeak[f] == 0)
            {
                continue;
            }

            var queryTime = AudioTrack.TimeOf(f);
            var referenceTime = (speed * queryTime) + offset;
            var g0 = (int)Math.Round(((referenceTime * AnalysisFormat.AudioSampleRate) - (AudioTrack.WindowSamples / 2)) / AudioTrack.HopSamples);
            var best = -1;
            var bestDistance = AudioSearcher.MaxDistance + 1;
            for (var g = Math.Max(0, g0 - 1); g <= Math.Min(frames - 1, g0 + 1); g++)
            {
                var id = first + (uint)g;
                if (index.AudioFrameState[id] == 0)
                {
                    continue;
                }

                var distance = AudioHash.Distance(queryBits[f], index.AudioFrameBits[id]);
                if (distance < bestDistance)
                {
                    bestDistance = distance;
                    best = g;
                }
            }

            if (best < 0)
            {
                continue;
            }

            var bits = index.AudioFrameBits[first + (uint)best];
            result.Add(new Vote(
                f, (float)queryTime, (float)AudioTrack.TimeOf(best),
                (float)(AudioSearcher.MaxDistance + 1 - bestDistance) / (AudioSearcher.MaxDistance + 1),
                AudioHash.Key(bits), queryBits[f], bits, index.AudioFrameState[first + (uint)best] == 2));
        }

        return result;
    }
}
