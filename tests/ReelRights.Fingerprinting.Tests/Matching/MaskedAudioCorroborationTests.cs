using ReelRights.Fingerprinting.Indexing;
using ReelRights.Fingerprinting.Matching;
using ReelRights.Fingerprinting.Tests.Support;

namespace ReelRights.Fingerprinting.Tests.Matching;

public sealed class MaskedAudioCorroborationTests
{
    private const int Second = AnalysisFormat.AudioSampleRate;

    // Two episodes with pictures of their own; both speak the same 6 s line (seed 50), episode a
    // at 8–14 s and episode b at 4–10 s, so the index masks that sound in both.
    private static readonly float[] Line = Synthetic.Tones(6, 50);
    private static readonly Fingerprint A = Synthetic.Fingerprint(
        Enumerable.Range(1000, 20), [.. Synthetic.Tones(8, 1), .. Line, .. Synthetic.Tones(6, 2)]);

    private static readonly Fingerprint B = Synthetic.Fingerprint(
        Enumerable.Range(3000, 20), [.. Synthetic.Tones(4, 3), .. Line, .. Synthetic.Tones(10, 4)]);

    private static readonly ReferenceIndex Index = ReferenceIndex.Build([new ReferenceEntry("a", A), new ReferenceEntry("b", B)]);

    [Fact]
    public void Build_SharedLine_IsMaskedInBothAndKeptApartFromThePostings()
    {
        Index.CommonContent.ShouldContain(c => c.ReferenceId == "a" && c.StartSeconds < 9 && c.EndSeconds > 13);
        Index.CommonContent.ShouldContain(c => c.ReferenceId == "b" && c.StartSeconds < 5 && c.EndSeconds > 9);
        Index.MaskedAudio.Count.ShouldBeGreaterThan(100);
    }

    [Fact]
    public void Match_TwoPicturesOfTheEpisodeWithItsSharedLine_TheSoundAtThatAlignmentDecides()
    {
        // Seconds 9–11 of a: two of its pictures (evidence just above what one look-alike picture
        // gives, below the threshold alone) and the line it shares with b.
        var excerpt = Synthetic.Fingerprint([1009, 1010], Line[Second..(3 * Second)]);

        var match = new FingerprintMatcher(Index).Match(excerpt).ShouldHaveSingleItem();

        match.ReferenceId.ShouldBe("a");
        match.Modality.ShouldBe(MatchModality.Both);
        var segment = match.Segments.ShouldHaveSingleItem();
        segment.ReferenceStart.ShouldBe(9, 0.5);
    }

    [Fact]
    public void Match_SamePicturesWithOtherSound_PicturesAloneDoNotDecide()
    {
        var excerpt = Synthetic.Fingerprint([1009, 1010], Synthetic.Tones(2, 77));

        new FingerprintMatcher(Index).Match(excerpt).ShouldBeEmpty();
        // The picture line is there, below the threshold: the sound above is what decided.
        new FingerprintMatcher(Index, 0.05).Match(excerpt).ShouldHaveSingleItem().Modality.ShouldBe(MatchModality.Video);
    }

    [Fact]
    public void Match_SharedLineUnderOtherPictures_FindsNothing()
    {
        // The line alone, under pictures of neither episode: masked sound never proposes.
        var excerpt = Synthetic.Fingerprint([9000, 9001, 9002, 9003], Line[..(4 * Second)]);

        new FingerprintMatcher(Index, 0.05).Match(excerpt).ShouldBeEmpty();
    }

    [Fact]
    public void ReadFrom_WrittenIndex_KeepsTheMaskedSound()
    {
        using var stream = new MemoryStream();
        Index.WriteTo(stream);
        stream.Position = 0;

        var read = ReferenceIndex.ReadFrom(stream);

        read.MaskedAudio.Ids.ShouldBe(Index.MaskedAudio.Ids);
        read.MaskedAudio.Bits.ShouldBe(Index.MaskedAudio.Bits);
        var excerpt = Synthetic.Fingerprint([1009, 1010], Line[Second..(3 * Second)]);
        new FingerprintMatcher(read).Match(excerpt).ShouldHaveSingleItem().Modality.ShouldBe(MatchModality.Both);
    }
}
