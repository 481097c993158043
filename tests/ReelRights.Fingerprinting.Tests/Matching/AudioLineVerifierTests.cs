using ReelRights.Fingerprinting.Alignment;
using ReelRights.Fingerprinting.Audio;
using ReelRights.Fingerprinting.Indexing;
using ReelRights.Fingerprinting.Matching;
using ReelRights.Fingerprinting.Tests.Support;

namespace ReelRights.Fingerprinting.Tests.Matching;

public sealed class AudioLineVerifierTests
{
    private static readonly Fingerprint Reference = Synthetic.Fingerprint(20, 1);
    private static readonly ReferenceIndex Index = ReferenceIndex.Build([new ReferenceEntry("a", Reference)], maskCommonContent: false);

    [Fact]
    public void Densify_CopyWhoseKeysBrokeEverywhere_RecoversTheFramesAroundTheFewVotes()
    {
        var (bits, weak) = AudioHash.Compute(Reference.Audio!, 0);
        // Three bits of every frame flipped, always inside the key: no key survives, but each frame
        // stays within the verification distance of its original.
        var random = new Random(3);
        var copy = bits.Select(b => b ^ (1u << random.Next(0, 8)) ^ (1u << random.Next(8, 16)) ^ (1u << random.Next(16, 26))).ToArray();
        // Two lookups got through, five seconds apart (frames 80 and 158).
        List<Vote> inliers = [Vote(80, copy), Vote(158, copy)];

        var verified = new AudioLineVerifier(Index, 0, copy, weak).Densify(1.0, 0.0, inliers, AlignmentSettings.Audio);

        // Every voiced frame within half the gap tolerance (1.5 s) of a vote is confirmed at its own
        // time, weighted by its distance; the seconds between, far from both votes, are not
        // examined (the line's support there is unknown).
        var reach = (int)Math.Ceiling(AlignmentSettings.Audio.MaxGap / 2 / AlignmentSettings.Audio.FrameSeconds);
        var expected = Enumerable.Range(0, copy.Length).Where(f => weak[f] != 0 && (Math.Abs(f - 80) <= reach || Math.Abs(f - 158) <= reach)).ToList();
        expected.Count.ShouldBeGreaterThan(4 * reach);
        verified.Select(v => v.QueryFrame).ShouldBe(expected);
        // A held tone repeats a descriptor, so a neighbouring frame may be as close as the frame itself.
        var frameSeconds = AlignmentSettings.Audio.FrameSeconds;
        verified.ShouldAllBe(v => Math.Abs(v.ReferenceTime - v.QueryTime) <= frameSeconds + 0.001);
        verified.Count(v => Math.Abs(v.ReferenceTime - v.QueryTime) < 0.001).ShouldBeGreaterThan(verified.Count / 2);
        verified.ShouldAllBe(v => v.Weight >= 5f / 8);
    }

    [Fact]
    public void Densify_UnrelatedSoundAlongTheLine_AddsNothing()
    {
        var (other, weak) = AudioHash.Compute(Synthetic.Fingerprint(20, 9).Audio!, 0);
        List<Vote> inliers = [Vote(80, other), Vote(158, other)];

        var verified = new AudioLineVerifier(Index, 0, other, weak).Densify(1.0, 0.0, inliers, AlignmentSettings.Audio);

        verified.ShouldBe(inliers);
    }

    [Fact]
    public void Densify_LineBeyondTheReference_StopsAtItsEnd()
    {
        var (bits, weak) = AudioHash.Compute(Reference.Audio!, 0);
        // The copy starts 18 s into the reference: only its first two seconds can be compared.
        List<Vote> inliers = [Vote(2, bits)];

        var verified = new AudioLineVerifier(Index, 0, bits, weak).Densify(1.0, 18.0, inliers, AlignmentSettings.Audio);

        verified.ShouldNotBeEmpty();
        verified.ShouldAllBe(v => v.ReferenceTime <= 20.1);
    }

    [Fact]
    public void Densify_NextToSharedContent_LeavesTheMaskAndItsMarginOut()
    {
        // Two episodes open with the same 6 s intro, which the index masks in both.
        var a = Synthetic.Fingerprint((6, 50), (14, 1));
        var index = ReferenceIndex.Build([new ReferenceEntry("a", a), new ReferenceEntry("b", Synthetic.Fingerprint((6, 50), (14, 2)))]);
        var (_, maskEnd) = index.MaskedSpans(0).ShouldHaveSingleItem();
        maskEnd.ShouldBe(6, 1.0);
        var (bits, weak) = AudioHash.Compute(a.Audio!, 0);
        // A vote half a second after the intro; the copy is a itself, so every compared frame would pass.
        var frame = Enumerable.Range(0, bits.Length).First(f => AudioTrack.TimeOf(f) > maskEnd + 0.5 && weak[f] != 0);
        List<Vote> inliers = [Vote(frame, bits)];

        var verified = new AudioLineVerifier(index, 0, bits, weak).Densify(1.0, 0.0, inliers, AlignmentSettings.Audio);

        verified.Count.ShouldBeGreaterThan(10);
        verified.Where(v => v.QueryFrame != frame).ShouldAllBe(v => v.ReferenceTime > maskEnd + ReferenceIndex.VerificationMaskMargin - 0.07);
    }

    private static Vote Vote(int frame, uint[] bits) =>
        new(frame, (float)AudioTrack.TimeOf(frame), (float)AudioTrack.TimeOf(frame), 1f, AudioHash.Key(bits[frame]), bits[frame], bits[frame]);
}
