using ReelRights.Fingerprinting.Alignment;
using ReelRights.Fingerprinting.Audio;
using ReelRights.Fingerprinting.Indexing;

namespace ReelRights.Fingerprinting.Matching;

/// <summary>
/// Sound a reference shares with another episode (a line both speak, a song both play) is masked:
/// it cannot say which episode a copy took, so it never proposes an alignment. Once the
/// reference's own pictures have proposed one (video evidence above its floor), the masked
/// sound is compared frame by frame along that line, like <see cref="AudioLineVerifier"/>
/// does for indexed sound. Agreement there is evidence of a different kind: a look-alike
/// picture line falls on shared sound at the right time only by chance, and the two chances
/// multiply, as for any two modalities (<see cref="ScoreCalibration.Fuse"/>). Only foreground
/// frames are kept for this (a bed under dialogue plays at the same point in many episodes),
/// and the audio calibration, set for the best of many lines between unrelated clips, is
/// stricter than needed for one line fixed in advance.
/// </summary>
internal static class MaskedAudioCorroboration
{
    /// <summary>
    /// Evidence of the masked foreground sound along the group's video lines: each query frame
    /// inside a video segment whose reference frame at the line's time (±1 frame) is a masked
    /// foreground frame within <see cref="AudioSearcher.MaxDistance"/> bits adds its similarity.
    /// </summary>
    /// <param name="index">The index.</param>
    /// <param name="reference">The group's reference.</param>
    /// <param name="videoLines">The group's video lines.</param>
    /// <param name="queryBits">The query's audio descriptors at band shift 0.</param>
    /// <param name="queryWeak">Their weak bits (0: silence).</param>
    public static double Evidence(ReferenceIndex index, int reference, IEnumerable<AlignedLine> videoLines, uint[] queryBits, uint[] queryWeak)
    {
        var masked = index.MaskedAudio;
        var entry = index.References[reference];
        if (masked.Count == 0 || entry.AudioFrames == 0)
        {
            return 0;
        }

        var counted = new HashSet<int>();
        var evidence = 0.0;
        foreach (var line in videoLines)
        {
            foreach (var segment in line.Segments)
            {
                var from = Math.Max(0, AudioTrack.FrameNearest(segment.QueryStart));
                var to = Math.Min(queryBits.Length - 1, AudioTrack.FrameNearest(segment.QueryEnd));
                for (var f = from; f <= to; f++)
                {
                    // The nearest frames to the segment's ends may lie just outside it.
                    var queryTime = AudioTrack.TimeOf(f);
                    if (queryTime < segment.QueryStart || queryTime > segment.QueryEnd || queryWeak[f] == 0 || counted.Contains(f))
                    {
                        continue;
                    }

                    var g0 = AudioTrack.FrameNearest(line.ReferenceTimeAt(queryTime));
                    var best = AudioSearcher.MaxDistance + 1;
                    for (var g = Math.Max(0, g0 - 1); g <= Math.Min(entry.AudioFrames - 1, g0 + 1); g++)
                    {
                        if (masked.TryGet(entry.AudioFirst + (uint)g, out var bits))
                        {
                            best = Math.Min(best, AudioHash.Distance(queryBits[f], bits));
                        }
                    }

                    if (best <= AudioSearcher.MaxDistance)
                    {
                        counted.Add(f);
                        evidence += (double)(AudioSearcher.MaxDistance + 1 - best) / (AudioSearcher.MaxDistance + 1);
                    }
                }
            }
        }

        return evidence;
    }
}
