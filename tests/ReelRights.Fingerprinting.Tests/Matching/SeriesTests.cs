using ReelRights.Fingerprinting.Indexing;
using ReelRights.Fingerprinting.Matching;
using ReelRights.Fingerprinting.Tests.Support;

namespace ReelRights.Fingerprinting.Tests.Matching;

/// <summary>
/// Hard negatives: episodes of one series share their theme music, their intro and outro and
/// their sets, but not their scenes. Another episode must not match; a copy still must.
/// </summary>
public sealed class SeriesTests
{
    // Two indexed episodes whose beds come from far-apart stretches of the theme, so nothing of
    // the bed is masked as common content: only the held-out episode shares it with episode 1.
    private static readonly Lazy<ReferenceIndex> Index = new(() => ReferenceIndex.Build([
        new ReferenceEntry("ep1", SeriesEpisode.Make(40, pictureSeed: 1, dialogueSeed: 11, bedOffsetSeconds: 0)),
        new ReferenceEntry("ep2", SeriesEpisode.Make(40, pictureSeed: 2, dialogueSeed: 12, bedOffsetSeconds: 100)),
    ]));

    [Fact]
    public void Match_OtherEpisodeOverTheSameStretchOfTheme_FindsNothing()
    {
        // Episode 3 plays the theme from 7 s in, so 33 s of its bed are episode 1's bed, heard
        // alone in the pauses between the lines of either.
        var episode3 = SeriesEpisode.Make(40, pictureSeed: 3, dialogueSeed: 13, bedOffsetSeconds: 7);

        new FingerprintMatcher(Index.Value).Match(episode3).ShouldBeEmpty();
    }

    [Fact]
    public void Match_SoundOfTheEpisodeItself_FindsItByItsDialogue()
    {
        var copy = SeriesEpisode.Make(40, pictureSeed: 1, dialogueSeed: 11, bedOffsetSeconds: 0).Restrict(keepVideo: false, keepAudio: true);

        var match = new FingerprintMatcher(Index.Value).Match(copy).ShouldHaveSingleItem();

        match.ReferenceId.ShouldBe("ep1");
        match.Modality.ShouldBe(MatchModality.Audio);
        match.Segments.Sum(s => s.QueryDuration).ShouldBeGreaterThan(30);
    }

    [Fact]
    public void Match_OtherEpisodeOnTheSameStaticSet_FindsNothing()
    {
        // Both episodes hold a static shot of one set (the same picture, its own sensor noise in
        // every frame) for eight seconds, at different times and with different sound around it.
        var index = ReferenceIndex.Build([
            new ReferenceEntry("ep1", Build(1, (10, 1, false), (8, 500, true), (10, 2, false))),
            new ReferenceEntry("ep2", Build(2, (20, 3, false))),
        ]);

        var episode3 = Build(3, (4, 4, false), (8, 500, true), (14, 5, false));

        new FingerprintMatcher(index).Match(episode3).ShouldBeEmpty();
        var copy = Build(1, (10, 1, false), (8, 500, true), (10, 2, false));
        new FingerprintMatcher(index).Match(copy.Restrict(keepVideo: true, keepAudio: false)).ShouldHaveSingleItem().ReferenceId.ShouldBe("ep1");
    }

    [Fact]
    public void Build_IntroAndOutroEachBelowTheThreshold_MasksBoth()
    {
        // Episodes of different lengths share a 2-second intro and outro: between the indexed
        // episodes they never line up together, each alone scores under 0.5; a held-out episode
        // as long as episode 1 lines both up on one alignment.
        static Fingerprint Episode(int bodySeed, int bodySeconds) =>
            Synthetic.Fingerprint((2, 50), (bodySeconds, bodySeed), (2, 51)).Restrict(keepVideo: true, keepAudio: false);
        var index = ReferenceIndex.Build([new ReferenceEntry("ep1", Episode(1, 20)), new ReferenceEntry("ep2", Episode(2, 40))]);

        new FingerprintMatcher(index).Match(Episode(3, 20)).ShouldBeEmpty();
        index.CommonContent.Count(c => c.ReferenceId == "ep1").ShouldBeGreaterThanOrEqualTo(2);
    }

    /// <summary>
    /// Parts of (seconds, seed, still): a still part holds one picture with the episode's own
    /// noise in every frame. Every part has a sound of its own, so only the picture can match.
    /// </summary>
    private static Fingerprint Build(int episode, params (int Seconds, int Seed, bool Still)[] parts)
    {
        var extractor = new FingerprintExtractor();
        var noise = new Random(episode);
        foreach (var (seconds, seed, still) in parts)
        {
            for (var f = 0; f < seconds * AnalysisFormat.VideoFrameRate; f++)
            {
                var picture = Synthetic.Picture(144, 256, still ? seed : (seed * 1000) + (f / AnalysisFormat.VideoFrameRate));
                if (still)
                {
                    for (var i = 0; i < picture.Length; i++)
                    {
                        picture[i] = (byte)Math.Clamp(picture[i] + noise.Next(-6, 7), 0, 255);
                    }
                }

                extractor.AddVideoFrame(picture, 144, 256);
            }

            extractor.AddAudio(Synthetic.Tones(seconds, still ? (episode * 1000) + seed : seed));
        }

        return extractor.Complete();
    }
}
