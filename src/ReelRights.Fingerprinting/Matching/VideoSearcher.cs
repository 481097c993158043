using ReelRights.Fingerprinting.Alignment;
using ReelRights.Fingerprinting.Indexing;
using ReelRights.Fingerprinting.Video;

namespace ReelRights.Fingerprinting.Matching;

/// <summary>
/// Pipeline stage "index lookup" for video: probes the posting table with each query frame's key
/// (mirror-invariant, see <see cref="FrameHash"/>) and keeps postings within
/// <see cref="MaxDistance"/> of the full descriptor, in either orientation, as votes per reference.
/// </summary>
internal static class VideoSearcher
{
    /// <summary>Of 63 bits: unrelated frames average 31.5 (σ ≈ 4); copies measured here stay mostly below 10.</summary>
    public const int MaxDistance = 13;

    public static Dictionary<int, List<Vote>> Collect(ReferenceIndex index, VideoTrack query, int exclude, int slot = 0)
    {
        var votes = new Dictionary<int, List<Vote>>();
        var table = index.Video;
        if (table.Count == 0)
        {
            return votes;
        }

        for (var f = 0; f < query.FrameCount; f++)
        {
            var i = (f * VideoTrack.SlotCount) + slot;
            var weak = query.Weak[i];
            if (weak == 0)
            {
                continue;
            }

            var bits = query.Bits[i];
            var queryTime = (float)f / query.FrameRate;
            var weakKey = (int)FrameHash.Extract(weak, FrameHash.KeyMask);
            foreach (var probe in Probes.For(FrameHash.Key(bits), weakKey))
            {
                var (start, length) = table.Lookup(probe);
                if (length > table.StopLength)
                {
                    continue;
                }

                for (var p = start; p < start + length; p++)
                {
                    var distance = FrameHash.Distance(bits, table.Bits[p], out _);
                    if (distance > MaxDistance)
                    {
                        continue;
                    }

                    var id = table.Ids[p];
                    var r = index.ReferenceOfVideo(id);
                    if (r == exclude)
                    {
                        continue;
                    }

                    if (!votes.TryGetValue(r, out var list))
                    {
                        votes[r] = list = [];
                    }

                    var referenceTime = (float)(id - index.References[r].VideoFirst) / AnalysisFormat.VideoFrameRate;
                    var weight = (float)(MaxDistance + 1 - distance) / (MaxDistance + 1);
                    list.Add(new Vote(f, queryTime, referenceTime, weight, FrameHash.Key(table.Bits[p]), bits, table.Bits[p]));
                }
            }
        }

        return votes;
    }
}
