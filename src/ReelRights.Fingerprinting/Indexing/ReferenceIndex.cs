using ReelRights.Fingerprinting.Audio;
using ReelRights.Fingerprinting.Format;
using ReelRights.Fingerprinting.Matching;
using ReelRights.Fingerprinting.Video;

namespace ReelRights.Fingerprinting.Indexing;

/// <summary>
/// The searchable form of a set of reference fingerprints: video and audio posting tables, the
/// reference table, and the common content found between references (left out of the postings).
/// Built at once from all references (<see cref="Build(IEnumerable{ReferenceEntry}, CancellationToken, bool)"/>), persisted with <see cref="WriteTo"/>.
/// Immutable and safe to query from many threads.
/// </summary>
public sealed class ReferenceIndex
{
    internal ReferenceIndex(
        IReadOnlyList<IndexedReference> references, PostingTable video, PostingTable audio, IReadOnlyList<CommonSpan> common,
        MaskedAudio? maskedAudio = null)
    {
        References = references;
        Video = video;
        Audio = audio;
        CommonContent = common;
        MaskedAudio = maskedAudio ?? MaskedAudio.Empty;
        videoOwners = new FrameOwners([.. references.Select(r => r.VideoFirst)]);
        audioOwners = new FrameOwners([.. references.Select(r => r.AudioFirst)]);
        masked = [.. references.Select(r => Union(common.Where(c => c.ReferenceId == r.Id)))];
        (AudioFrameBits, AudioFrameState) = AudioByFrame(audio, references, common);
        (VideoFrameBits, VideoFrameCount) = VideoByFrame(video, references, common);
    }

    /// <summary>
    /// Seconds around a masked span whose frames are not verified: a span's ends are known only
    /// to the alignment tolerance of the lines that found it, so the frames just outside may
    /// belong to it, and verifying them would find a shared outro again at its edge.
    /// </summary>
    internal static readonly double VerificationMaskMargin = Alignment.AlignmentSettings.Audio.Tolerance;

    /// <summary>Indexed descriptors per reference video frame (see <see cref="VideoFrameBits"/>), at most the crops.</summary>
    internal static int VideoFrameSlots => VideoTrack.CropFractions.Count;

    private readonly FrameOwners videoOwners;
    private readonly FrameOwners audioOwners;
    private readonly List<(double Start, double End)>[] masked;

    /// <summary>Reference ids in index order.</summary>
    public IReadOnlyList<string> ReferenceIds => [.. References.Select(r => r.Id)];

    /// <summary>Seconds shared between references (intros, recaps, theme music), not matchable.</summary>
    public IReadOnlyList<CommonSpan> CommonContent { get; }

    /// <summary>Indexed seconds of all references.</summary>
    public double TotalSeconds => References.Sum(r => r.DurationSeconds);

    /// <summary>Bytes the index holds in memory: the posting tables and reference table (about what <see cref="WriteTo"/> writes) and the frame-ordered audio (rebuilt on reading).</summary>
    public long SizeBytes => TableBytes(Video) + TableBytes(Audio) + (MaskedAudio.Count * 8L) + (AudioFrameBits.Length * 5L) + (VideoFrameBits.Length * 8L) + VideoFrameCount.Length + (References.Count * 64L);

    internal IReadOnlyList<IndexedReference> References { get; }

    internal PostingTable Video { get; }

    internal PostingTable Audio { get; }

    /// <summary>Foreground audio of masked frames, outside the postings (see <see cref="Indexing.MaskedAudio"/>).</summary>
    internal MaskedAudio MaskedAudio { get; }

    /// <summary>
    /// The indexed audio descriptors again, in frame order (global frame id → 32 bits), so an
    /// alignment found through the postings can be checked frame by frame along its line
    /// (<see cref="AudioLineVerifier"/>). 5 bytes per frame, about 0.3 MB per reference hour.
    /// </summary>
    internal uint[] AudioFrameBits { get; }

    /// <summary>Per global audio frame: 0 not indexed (silence, masked), 1 background, 2 foreground.</summary>
    internal byte[] AudioFrameState { get; }

    /// <summary>
    /// The indexed video descriptors in frame order: global frame id · <see cref="VideoFrameSlots"/> + k
    /// for the k-th of its <see cref="VideoFrameCount"/> descriptors (one per crop that had one),
    /// for verification along a line (<see cref="VideoLineVerifier"/>); 24 bytes per frame.
    /// </summary>
    internal ulong[] VideoFrameBits { get; }

    /// <summary>Descriptors held per global video frame (0 when not indexed or next to a mask).</summary>
    internal byte[] VideoFrameCount { get; }

    /// <summary>Indexes references, finding and masking content they share.</summary>
    /// <param name="references">References with distinct, non-empty ids.</param>
    /// <param name="cancellationToken">Stops the build.</param>
    /// <param name="maskCommonContent">
    /// Match every reference against the others and leave shared content out (default). Costs one
    /// query per reference; turn off for bulk loads whose common content is handled elsewhere.
    /// </param>
    /// <returns>The index.</returns>
    /// <exception cref="ArgumentException">An id is empty, too long or repeated.</exception>
    public static ReferenceIndex Build(
        IEnumerable<ReferenceEntry> references, CancellationToken cancellationToken = default, bool maskCommonContent = true) =>
        Build(references, maskCommonContent ? null : [], cancellationToken);

    /// <summary>
    /// Indexes references with common content already known (e.g. from the index they were in
    /// before more references were added in bulk): the spans of references still present are
    /// masked, no new search is made. With <paramref name="knownCommon"/> null the search runs as
    /// in <see cref="Build(IEnumerable{ReferenceEntry}, CancellationToken, bool)"/>.
    /// </summary>
    /// <param name="references">References with distinct, non-empty ids.</param>
    /// <param name="knownCommon">Spans to mask, or null to search.</param>
    /// <param name="cancellationToken">Stops the build.</param>
    /// <returns>The index.</returns>
    public static ReferenceIndex Build(
        IEnumerable<ReferenceEntry> references, IReadOnlyList<CommonSpan>? knownCommon, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(references);
        var entries = references.ToList();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var entry in entries)
        {
            if (string.IsNullOrEmpty(entry.Id) || entry.Id.Length > 256 || !ids.Add(entry.Id))
            {
                throw new ArgumentException($"Reference ids must be distinct, 1–256 characters: '{entry.Id}'.", nameof(references));
            }
        }

        var table = Layout(entries);
        if (knownCommon is not null)
        {
            List<CommonSpan> kept = [.. knownCommon.Where(c => ids.Contains(c.ReferenceId))];
            var (audio, maskedAudio) = BuildAudio(entries, table, kept);
            return new ReferenceIndex(table, BuildVideo(entries, table, kept), audio, kept, maskedAudio);
        }

        var unmasked = new ReferenceIndex(table, BuildVideo(entries, table, []), BuildAudio(entries, table, []).Postings, []);
        var common = CommonContentFinder.Find(unmasked, entries, cancellationToken);
        if (common.Count == 0)
        {
            return unmasked;
        }

        var (postings, masked) = BuildAudio(entries, table, common);
        return new ReferenceIndex(table, BuildVideo(entries, table, common), postings, common, masked);
    }

    /// <summary>Writes the index in the versioned .rrix format.</summary>
    /// <param name="stream">A writable stream; left open.</param>
    public void WriteTo(Stream stream) => IndexFormat.Write(this, stream);

    /// <summary>Reads an index written by <see cref="WriteTo"/>.</summary>
    /// <param name="stream">A readable stream.</param>
    /// <returns>The index.</returns>
    /// <exception cref="FingerprintFormatException">Not an index, another version, truncated or corrupted.</exception>
    public static ReferenceIndex ReadFrom(Stream stream) => IndexFormat.Read(stream);

    /// <summary>
    /// Whether the file starting with <paramref name="header"/> (its first 5 bytes) is an index
    /// in the current format; an index of an older version is rebuilt from its references.
    /// </summary>
    public static bool IsCurrentFormat(ReadOnlySpan<byte> header) =>
        header.Length >= 5 && header[..4].SequenceEqual(IndexFormat.Magic) && header[4] == IndexFormat.Version;

    /// <summary>Seconds of reference <paramref name="reference"/> masked as common content (either modality), sorted and disjoint.</summary>
    internal IReadOnlyList<(double Start, double End)> MaskedSpans(int reference) => masked[reference];

    internal int ReferenceOfVideo(uint id) => videoOwners.Owner(id);

    internal int ReferenceOfAudio(uint id) => audioOwners.Owner(id);

    private static (uint[] Bits, byte[] State) AudioByFrame(
        PostingTable audio, IReadOnlyList<IndexedReference> references, IReadOnlyList<CommonSpan> common)
    {
        var frames = references.Count == 0 ? 0 : references[^1].AudioFirst + (long)references[^1].AudioFrames;
        var bits = new uint[frames];
        var state = new byte[frames];
        for (var p = 0; p < audio.Count; p++)
        {
            var id = audio.Ids[p];
            bits[id] = (uint)audio.Bits[p];
            state[id] = (audio.Bits[p] & AudioHash.ForegroundFlag) != 0 ? (byte)2 : (byte)1;
        }

        ClearNextToMasks(state, references, common, MatchModality.Audio, r => (references[r].AudioFirst, references[r].AudioFrames), AudioTrack.TimeOf);
        return (bits, state);
    }

    private static (ulong[] Bits, byte[] Count) VideoByFrame(
        PostingTable video, IReadOnlyList<IndexedReference> references, IReadOnlyList<CommonSpan> common)
    {
        var frames = references.Count == 0 ? 0 : references[^1].VideoFirst + (long)references[^1].VideoFrames;
        var bits = new ulong[frames * VideoFrameSlots];
        var count = new byte[frames];
        for (var p = 0; p < video.Count; p++)
        {
            var id = video.Ids[p];
            if (count[id] < VideoFrameSlots)
            {
                bits[(id * (long)VideoFrameSlots) + count[id]] = video.Bits[p];
                count[id]++;
            }
        }

        ClearNextToMasks(count, references, common, MatchModality.Video, r => (references[r].VideoFirst, references[r].VideoFrames), f => (double)f / AnalysisFormat.VideoFrameRate);
        return (bits, count);
    }

    /// <summary>Zeroes the per-frame entries of frames within <see cref="VerificationMaskMargin"/> of a masked span.</summary>
    private static void ClearNextToMasks(
        byte[] perFrame, IReadOnlyList<IndexedReference> references, IReadOnlyList<CommonSpan> common, MatchModality modality,
        Func<int, (uint First, int Frames)> layout, Func<int, double> timeOf)
    {
        for (var r = 0; r < references.Count; r++)
        {
            var spans = Spans(common, references[r].Id, modality);
            if (spans.Count == 0)
            {
                continue;
            }

            var (first, frames) = layout(r);
            for (var f = 0; f < frames; f++)
            {
                var t = timeOf(f);
                if (spans.Exists(m => t >= m.Start - VerificationMaskMargin && t <= m.End + VerificationMaskMargin))
                {
                    perFrame[first + f] = 0;
                }
            }
        }
    }

    private static List<(double Start, double End)> Union(IEnumerable<CommonSpan> spans)
    {
        var union = new List<(double Start, double End)>();
        foreach (var s in spans.OrderBy(s => s.StartSeconds))
        {
            if (union.Count > 0 && s.StartSeconds <= union[^1].End)
            {
                union[^1] = (union[^1].Start, Math.Max(union[^1].End, s.EndSeconds));
            }
            else
            {
                union.Add((s.StartSeconds, s.EndSeconds));
            }
        }

        return union;
    }

    private static long TableBytes(PostingTable t) => (t.Count * 12L) + (t.Keys.Length * 8L);

    private static List<IndexedReference> Layout(List<ReferenceEntry> entries)
    {
        var table = new List<IndexedReference>();
        long video = 0;
        long audio = 0;
        foreach (var e in entries)
        {
            var vf = e.Fingerprint.Video?.FrameCount ?? 0;
            var af = e.Fingerprint.Audio?.FrameCount ?? 0;
            table.Add(new IndexedReference(e.Id, (uint)video, vf, (uint)audio, af, e.Fingerprint.DurationSeconds));
            video += vf;
            audio += af;
            if (video > uint.MaxValue || audio > uint.MaxValue)
            {
                throw new ArgumentException("Too many frames for one index.", nameof(entries));
            }
        }

        return table;
    }

    private static PostingTable BuildVideo(List<ReferenceEntry> entries, List<IndexedReference> table, IReadOnlyList<CommonSpan> common)
    {
        // Two passes (count, then fill) so the arrays are allocated once at their size: a
        // thousand hours is about 86 million postings.
        var fill = false;
        ulong[] order = [];
        ulong[] bits = [];
        for (var pass = 0; pass < 2; pass++)
        {
            var n = 0;
            for (var r = 0; r < entries.Count; r++)
            {
                if (entries[r].Fingerprint.Video is not { } video)
                {
                    continue;
                }

                var masked = Spans(common, table[r].Id, MatchModality.Video);
                for (var f = 0; f < video.FrameCount; f++)
                {
                    if (masked.Count > 0 && IsMasked(masked, (double)f / video.FrameRate))
                    {
                        continue;
                    }

                    for (var c = 0; c < VideoTrack.CropFractions.Count; c++)
                    {
                        var i = (f * VideoTrack.SlotCount) + c;
                        if (video.Weak[i] == 0)
                        {
                            continue;
                        }

                        if (fill)
                        {
                            order[n] = PostingTable.Entry(FrameHash.Key(video.Bits[i]), table[r].VideoFirst + (uint)f);
                            bits[n] = video.Bits[i];
                        }

                        n++;
                    }
                }
            }

            if (!fill)
            {
                fill = true;
                order = new ulong[n];
                bits = new ulong[n];
            }
        }

        return PostingTable.Build(order, bits);
    }

    /// <returns>The postings of unmasked frames, and the masked foreground frames apart.</returns>
    private static (PostingTable Postings, MaskedAudio Masked) BuildAudio(List<ReferenceEntry> entries, List<IndexedReference> table, IReadOnlyList<CommonSpan> common)
    {
        // Descriptors first (4 bytes and a flag per frame), then the arrays at their size.
        var described = new List<(int Reference, uint[] Bits, uint[] Weak, bool[] Foreground)>();
        var maskedIds = new List<uint>();
        var maskedBits = new List<uint>();
        var count = 0L;
        for (var r = 0; r < entries.Count; r++)
        {
            if (entries[r].Fingerprint.Audio is not { } audio)
            {
                continue;
            }

            var masked = Spans(common, table[r].Id, MatchModality.Audio);
            var (b, weak) = AudioHash.Compute(audio, 0);
            var foreground = AudioSalience.Foreground(audio);
            for (var f = 0; f < audio.FrameCount; f++)
            {
                if (weak[f] != 0 && masked.Count > 0 && IsMasked(masked, AudioTrack.TimeOf(f)))
                {
                    if (foreground[f])
                    {
                        maskedIds.Add(table[r].AudioFirst + (uint)f);
                        maskedBits.Add(b[f]);
                    }

                    weak[f] = 0;
                }

                count += weak[f] != 0 ? 1 : 0;
            }

            described.Add((r, b, weak, foreground));
        }

        var order = new ulong[count];
        var bits = new ulong[count];
        var n = 0;
        foreach (var (r, b, weak, foreground) in described)
        {
            for (var f = 0; f < b.Length; f++)
            {
                if (weak[f] != 0)
                {
                    order[n] = PostingTable.Entry(AudioHash.Key(b[f]), table[r].AudioFirst + (uint)f);
                    bits[n] = b[f] | (foreground[f] ? AudioHash.ForegroundFlag : 0);
                    n++;
                }
            }
        }

        return (PostingTable.Build(order, bits), new MaskedAudio([.. maskedIds], [.. maskedBits]));
    }

    private static List<(double Start, double End)> Spans(IReadOnlyList<CommonSpan> common, string id, MatchModality modality) =>
        [.. common.Where(c => c.ReferenceId == id && (c.Modality == modality || c.Modality == MatchModality.Both))
            .Select(c => (c.StartSeconds, c.EndSeconds))];

    private static bool IsMasked(List<(double Start, double End)> spans, double time) =>
        spans.Exists(s => time >= s.Start && time <= s.End);
}
