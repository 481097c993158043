using ReelRights.Fingerprinting.Alignment;
using ReelRights.Fingerprinting.Indexing;
using ReelRights.Fingerprinting.Matching;
using ReelRights.Fingerprinting.Tests.Support;
using ReelRights.Fingerprinting.Video;

namespace ReelRights.Fingerprinting.Tests.Matching;

public sealed class VideoLineVerifierTests
{
    private static readonly Fingerprint Reference = Synthetic.Fingerprint(20, 1);
    private static readonly ReferenceIndex Index = ReferenceIndex.Build([new ReferenceEntry("a", Reference)], maskCommonContent: false);

    [Fact]
    public void Densify_CopyStartingLaterInTheReference_ConfirmsTheFramesAroundAVoteAtTheLinesTime()
    {
        // The query is the reference from second 5 on: reference time = query time + 5.
        var extractor = new FingerprintExtractor();
        for (var f = 5 * AnalysisFormat.VideoFrameRate; f < 20 * AnalysisFormat.VideoFrameRate; f++)
        {
            extractor.AddVideoFrame(Synthetic.Picture(144, 256, 1000 + (f / AnalysisFormat.VideoFrameRate)), 144, 256);
        }

        var query = extractor.Complete().Video!;
        List<Vote> inliers = [Vote(query, 40, 5.0)];

        var verified = new VideoLineVerifier(Index, 0, query, 0).Densify(1.0, 5.0, inliers, AlignmentSettings.Video);

        var reach = (int)Math.Ceiling(AlignmentSettings.Video.MaxGap / 2 / AlignmentSettings.Video.FrameSeconds);
        verified.Count.ShouldBeGreaterThan(reach);
        verified.ShouldAllBe(v => Math.Abs(v.QueryFrame - 40) <= reach);
        verified.ShouldAllBe(v => Math.Abs(v.ReferenceTime - (v.QueryTime + 5)) <= (1.0 / AnalysisFormat.VideoFrameRate) + 0.001);
    }

    [Fact]
    public void Densify_UnrelatedPicturesAlongTheLine_AddsNothing()
    {
        var query = Synthetic.Fingerprint(20, 9).Video!;
        List<Vote> inliers = [Vote(query, 40, 0.0)];

        var verified = new VideoLineVerifier(Index, 0, query, 0).Densify(1.0, 0.0, inliers, AlignmentSettings.Video);

        verified.ShouldBe(inliers);
    }

    private static Vote Vote(VideoTrack query, int frame, double offset)
    {
        var bits = query.Bits[frame * VideoTrack.SlotCount];
        var time = (float)frame / query.FrameRate;
        return new(frame, time, (float)(time + offset), 1f, FrameHash.Key(bits), bits, bits);
    }
}
