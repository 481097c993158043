using ReelRights.Fingerprinting.Indexing;
using ReelRights.Fingerprinting.Matching;
using ReelRights.Fingerprinting.Tests.Support;

namespace ReelRights.Fingerprinting.Tests.Matching;

/// <summary>Generated clips decoded by ReelRights.Media, copied with ffmpeg's filters, matched back.</summary>
public sealed class EndToEndTests(GeneratedClips clips)
{
    private ReferenceIndex Index() => ReferenceIndex.Build([new ReferenceEntry("episode-1", clips.ReferenceFingerprint)]);

    [Fact]
    public void Match_MirroredCroppedSpedUpLetterboxedCopy_FindsReferenceAndSeconds()
    {
        var match = new FingerprintMatcher(Index()).Match(clips.CombinedFingerprint).ShouldHaveSingleItem();

        match.ReferenceId.ShouldBe("episode-1");
        match.Score.ShouldBeGreaterThan(0.5);
        match.Speed.ShouldBe(1.25, 0.05);
        var segment = match.Segments.MaxBy(s => s.QueryDuration)!;
        segment.QueryStart.ShouldBe(0, 1.0);
        segment.QueryEnd.ShouldBe(24 / 1.25, 1.0);
        segment.ReferenceStart.ShouldBe(0, 1.2);
        segment.ReferenceEnd.ShouldBe(24, 1.2);
    }

    [Fact]
    public void Match_MirroredExcerptWithReplacedAudio_VideoDecidesAlone()
    {
        var match = new FingerprintMatcher(Index()).Match(clips.AudioReplacedFingerprint).ShouldHaveSingleItem();

        match.Modality.ShouldBe(MatchModality.Video);
        var segment = match.Segments.MaxBy(s => s.QueryDuration)!;
        segment.ReferenceStart.ShouldBe(6, 1.0);
        segment.ReferenceEnd.ShouldBe(18, 1.0);
    }

    [Fact]
    public void Match_AudioOnlyOfCopy_AudioDecidesAlone()
    {
        var query = clips.CombinedFingerprint.Restrict(keepVideo: false, keepAudio: true);

        var match = new FingerprintMatcher(Index()).Match(query).ShouldHaveSingleItem();

        match.Modality.ShouldBe(MatchModality.Audio);
        match.Speed.ShouldBe(1.25, 0.05);
    }

    [Fact]
    public void Match_PictureInPictureOverMovingFootage_FindsItByThePicture()
    {
        // The backdrop moves everywhere and cuts on its own, so only the inset's own cuts tell
        // where the copy is; the sound is noise, so the picture must decide. The reference cuts
        // at 8 s and 16 s: the second cut confirms the inset for the window from 12 s on.
        var match = new FingerprintMatcher(Index()).Match(clips.PictureInPictureFingerprint).ShouldHaveSingleItem();

        match.ReferenceId.ShouldBe("episode-1");
        match.Modality.ShouldBe(MatchModality.Video);
        match.Segments.Sum(s => s.QueryDuration).ShouldBeGreaterThan(10);
    }

    [Fact]
    public void Match_UnrelatedClip_FindsNothing()
    {
        new FingerprintMatcher(Index()).Match(clips.UnrelatedFingerprint).ShouldBeEmpty();
    }
}
