using ReelRights.Fingerprinting.Alignment;
using ReelRights.Fingerprinting.Audio;
using ReelRights.Fingerprinting.Indexing;

namespace ReelRights.Fingerprinting.Matching;

/// <summary>
/// Verification of an audio line (<see cref="LineVerification"/>): a query frame joins when the
/// reference frame at the line's time, or one next to it, is within
/// <see cref="AudioSearcher.MaxDistance"/> bits; it counts as foreground if that frame is.
/// </summary>
internal sealed class AudioLineVerifier(ReferenceIndex index, int reference, uint[] queryBits, uint[] queryWeak)
{
    public List<Vote> Densify(double speed, double offset, List<Vote> inliers, AlignmentSettings settings) =>
        LineVerification.Densify(inliers, settings, queryBits.Length, f => Verify(f, speed, offset));

    private Vote? Verify(int f, double speed, double offset)
    {
        if (queryWeak[f] == 0)
        {
            return null;
        }

        var first = index.References[reference].AudioFirst;
        var frames = index.References[reference].AudioFrames;
        var queryTime = AudioTrack.TimeOf(f);
        var referenceTime = (speed * queryTime) + offset;
        var g0 = AudioTrack.FrameNearest(referenceTime);
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
            return null;
        }

        var bits = index.AudioFrameBits[first + (uint)best];
        return new Vote(
            f, (float)queryTime, (float)AudioTrack.TimeOf(best),
            (float)(AudioSearcher.MaxDistance + 1 - bestDistance) / (AudioSearcher.MaxDistance + 1),
            AudioHash.Key(bits), queryBits[f], bits, index.AudioFrameState[first + (uint)best] == 2);
    }
}
