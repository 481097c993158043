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
                scores.Add((shift, Search(index, AudioHash.Compute(query, shift, 4), 4, exclude, null)));
            }
        }

        var hits = new List<Hit>(query.FrameCount * 4);
        foreach (var shift in scores.OrderByDescending(s => s.Hits).Take(2).Where(s => s.Hits > 0).Select(s => s.Shift).Prepend(0))
        {
            var (bits, weak) = AudioHash.Compute(query, shift);
            hits.Clear();
            yield return (shift, Votes(index, (bits, weak), exclude, hits), bits, weak);
        }
    }

    /// <summary>
    /// Votes per reference, only for references with at least <see cref="AlignmentSettings.MinPeak"/>
    /// of them (no line is examined with fewer): at a thousand indexed hours most of the tens of
    /// thousands of references a query touches get one stray vote, so hits are gathered in one
    /// flat list of small records (<paramref name="hits"/>, a scratch list empty on entry) and
    /// only those of references with enough become votes.
    /// </summary>
    private static Dictionary<int, List<Vote>> Votes(ReferenceIndex index, (uint[] Bits, uint[] Weak) descriptors, int exclude, List<Hit> hits)
    {
        Search(index, descriptors, 1, exclude, hits);
        var counts = new Dictionary<int, int>();
        foreach (var hit in hits)
        {
            counts[hit.Reference] = counts.GetValueOrDefault(hit.Reference) + 1;
        }

        var table = index.Audio;
        var votes = new Dictionary<int, List<Vote>>();
        foreach (var (r, p, f) in hits)
        {
            if (counts[r] < AlignmentSettings.Audio.MinPeak)
            {
                continue;
            }

            if (!votes.TryGetValue(r, out var list))
            {
                votes[r] = list = new List<Vote>(counts[r]);
            }

            var queryBits = descriptors.Bits[f];
            var referenceBits = (uint)table.Bits[p];
            var referenceTime = (float)AudioTrack.TimeOf((int)(table.Ids[p] - index.References[r].AudioFirst));
            var weight = (float)(MaxDistance + 1 - AudioHash.Distance(queryBits, referenceBits)) / (MaxDistance + 1);
            var salient = (table.Bits[p] & AudioHash.ForegroundFlag) != 0;
            list.Add(new Vote(f, (float)AudioTrack.TimeOf(f), referenceTime, weight, AudioHash.Key(referenceBits), queryBits, referenceBits, salient));
        }

        return votes;
    }

    /// <returns>The number of close postings met (of references other than <paramref name="exclude"/>).</returns>
    private static int Search(ReferenceIndex index, (uint[] Bits, uint[] Weak) descriptors, int step, int exclude, List<Hit>? hits)
    {
        var table = index.Audio;
        var (bits, weak) = descriptors;
        var count = 0;
        for (var f = 0; f < bits.Length; f += step)
        {
            if (weak[f] == 0)
            {
                continue;
            }

            foreach (var probe in Probes.For(AudioHash.Key(bits[f]), (int)(weak[f] & AudioHash.KeyMask)))
            {
                var (start, length) = table.Lookup(probe);
                if (length > table.StopLength)
                {
                    continue;
                }

                for (var p = start; p < start + length; p++)
                {
                    if (AudioHash.Distance(bits[f], (uint)table.Bits[p]) > MaxDistance)
                    {
                        continue;
                    }

                    var r = index.ReferenceOfAudio(table.Ids[p]);
                    if (r == exclude)
                    {
                        continue;
                    }

                    count++;
                    hits?.Add(new Hit(r, p, f));
                }
            }
        }

        return count;
    }

    /// <summary>A close posting: reference, posting index, query frame.</summary>
    private readonly record struct Hit(int Reference, int Posting, int Frame);
}
