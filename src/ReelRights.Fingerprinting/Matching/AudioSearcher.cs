using ReelRights.Fingerprinting.Alignment;
using ReelRights.Fingerprinting.Audio;
using ReelRights.Fingerprinting.Indexing;

namespace ReelRights.Fingerprinting.Matching;

/// <summary>
/// Pipeline stage "index lookup" for audio. A copy whose pitch moved with its speed (setpts +
/// asetrate) has its semitone bands shifted by 12·log2(speed), −4 … +8 for speeds 0.8 … 1.6; a
/// copy sped up with pitch kept (atempo) is at shift 0. A sparse first pass (every fourth frame)
/// counts close hits at every shift; the full search then runs at shift 0 and the two best shifts.
/// </summary>
internal static class AudioSearcher
{
    /// <summary>Of 32 bits; the 26 key bits already agree (up to two flips), so this checks the other six and the flips.</summary>
    public const int MaxDistance = 7;

    private const int LowestShift = -4;
    private const int HighestShift = 8;

    /// <returns>Per searched band shift, the votes per reference and the query's descriptors at that shift (for <see cref="AudioLineVerifier"/>).</returns>
    public static IEnumerable<(int Shift, Dictionary<int, List<Vote>> Votes, uint[] Bits, uint[] Weak)> Collect(ReferenceIndex index, AudioTrack query, int exclude)
    {
        if (index.Audio.Count == 0)
        {
            yield break;
        }

        var scores = new List<(int Shift, int Hits)>();
        for (var shift = LowestShift; shift <= HighestShift; shift++)
        {
            if (shift != 0)
            {
                scores.Add((shift, Search(index, query, AudioHash.Compute(query, shift, 4), 4, exclude, null)));
            }
        }

        foreach (var shift in scores.OrderByDescending(s => s.Hits).Take(2).Where(s => s.Hits > 0).Select(s => s.Shift).Prepend(0))
        {
            var (bits, weak) = AudioHash.Compute(query, shift);
            yield return (shift, Votes(index, query, (bits, weak), exclude), bits, weak);
        }
    }

    /// <summary>
    /// Votes per reference, only for references with at least <see cref="AlignmentSettings.MinPeak"/>
    /// of them (no line is examined with fewer): at a thousand indexed hours most of the tens of
    /// thousands of references a query touches get one stray vote, so votes are gathered in one
    /// flat list and grouped afterwards instead of one list per reference.
    /// </summary>
    private static Dictionary<int, List<Vote>> Votes(ReferenceIndex index, AudioTrack query, (uint[] Bits, uint[] Weak) descriptors, int exclude)
    {
        var flat = new List<(int Reference, Vote Vote)>();
        Search(index, query, descriptors, 1, exclude, flat);
        var counts = new Dictionary<int, int>();
        foreach (var (reference, _) in flat)
        {
            counts[reference] = counts.GetValueOrDefault(reference) + 1;
        }

        var votes = new Dictionary<int, List<Vote>>();
        foreach (var (reference, vote) in flat)
        {
            if (counts[reference] < AlignmentSettings.Audio.MinPeak)
            {
                continue;
            }

            if (!votes.TryGetValue(reference, out var list))
            {
                votes[reference] = list = new List<Vote>(counts[reference]);
            }

            list.Add(vote);
        }

        return votes;
    }

    private static int Search(ReferenceIndex index, AudioTrack query, (uint[] Bits, uint[] Weak) descriptors, int step, int exclude, List<(int Reference, Vote Vote)>? votes)
    {
        var table = index.Audio;
        var (bits, weak) = descriptors;
        var hits = 0;
        for (var f = 0; f < query.FrameCount; f += step)
        {
            if (weak[f] == 0)
            {
                continue;
            }

            var queryTime = (float)AudioTrack.TimeOf(f);
            foreach (var probe in Probes.For(AudioHash.Key(bits[f]), (int)(weak[f] & AudioHash.KeyMask)))
            {
                var (start, length) = table.Lookup(probe);
                if (length > table.StopLength)
                {
                    continue;
                }

                for (var p = start; p < start + length; p++)
                {
                    var distance = AudioHash.Distance(bits[f], (uint)table.Bits[p]);
                    if (distance > MaxDistance)
                    {
                        continue;
                    }

                    var id = table.Ids[p];
                    var r = index.ReferenceOfAudio(id);
                    if (r == exclude)
                    {
                        continue;
                    }

                    hits++;
                    if (votes is null)
                    {
                        continue;
                    }

                    var referenceTime = (float)AudioTrack.TimeOf((int)(id - index.References[r].AudioFirst));
                    var weight = (float)(MaxDistance + 1 - distance) / (MaxDistance + 1);
                    var salient = (table.Bits[p] & AudioHash.ForegroundFlag) != 0;
                    votes.Add((r, new Vote(f, queryTime, referenceTime, weight, AudioHash.Key((uint)table.Bits[p]), bits[f], (uint)table.Bits[p], salient)));
                }
            }
        }

        return hits;
    }
}
