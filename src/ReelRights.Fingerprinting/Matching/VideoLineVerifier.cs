using ReelRights.Fingerprinting.Alignment;
using ReelRights.Fingerprinting.Indexing;
using ReelRights.Fingerprinting.Video;

namespace ReelRights.Fingerprinting.Matching;

/// <summary>
/// Verification of a video line (<see cref="LineVerification"/>): a query frame (of one query
/// slot) joins when a descriptor of the reference frame at the line's time, or one next to it, is
/// within <see cref="VideoSearcher.MaxDistance"/> bits in either orientation. Evidence still
/// counts distinct pictures, so a held shot stays one piece of evidence however many of its
/// frames are confirmed.
/// </summary>
internal sealed class VideoLineVerifier(ReferenceIndex index, int reference, VideoTrack query, int slot)
{
    public List<Vote> Densify(double speed, double offset, List<Vote> inliers, AlignmentSettings settings) =>
        LineVerification.Densify(inliers, settings, query.FrameCount, f => Verify(f, speed, offset));

    private Vote? Verify(int f, double speed, double offset)
    {
        var i = (f * VideoTrack.SlotCount) + slot;
        if (query.Weak[i] == 0)
        {
            return null;
        }

        var bits = query.Bits[i];
        var first = index.References[reference].VideoFirst;
        var frames = index.References[reference].VideoFrames;
        var queryTime = (double)f / query.FrameRate;
        var g0 = (int)Math.Round(((speed * queryTime) + offset) * AnalysisFormat.VideoFrameRate);
        var best = -1;
        var bestBits = 0UL;
        var bestDistance = VideoSearcher.MaxDistance + 1;
        for (var g = Math.Max(0, g0 - 1); g <= Math.Min(frames - 1, g0 + 1); g++)
        {
            var id = first + (uint)g;
            for (var k = 0; k < index.VideoFrameCount[id]; k++)
            {
                var candidate = index.VideoFrameBits[(id * (long)ReferenceIndex.VideoFrameSlots) + k];
                var distance = FrameHash.Distance(bits, candidate, out _);
                if (distance < bestDistance)
                {
                    bestDistance = distance;
                    best = g;
                    bestBits = candidate;
                }
            }
        }

        return best < 0
            ? null
            : new Vote(
                f, (float)queryTime, (float)best / AnalysisFormat.VideoFrameRate,
                (float)(VideoSearcher.MaxDistance + 1 - bestDistance) / (VideoSearcher.MaxDistance + 1),
                FrameHash.Key(bestBits), bits, bestBits);
    }
}
