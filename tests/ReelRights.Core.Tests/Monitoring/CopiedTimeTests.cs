using ReelRights.Core.Monitoring;
using ReelRights.Fingerprinting.Matching;

namespace ReelRights.Core.Tests.Monitoring;

public sealed class CopiedTimeTests
{
    [Fact]
    public void Of_DisjointSegments_AddsThemUp()
    {
        var copied = CopiedTime.Of([new MatchedSegment(0, 10, 30, 40), new MatchedSegment(20, 25.04, 5, 10.04)]);

        copied.Seconds.ShouldBe(15.0);
        copied.Reference.ShouldBe([new SecondsRange(5, 10), new SecondsRange(30, 40)]);
        copied.ReferenceSeconds.ShouldBe(15.0);
    }

    [Fact]
    public void Of_OverlappingSegments_CountsEachSecondOnce()
    {
        // A compilation that shows the same 4 s of the episode twice, and two segments overlapping in the copy.
        var copied = CopiedTime.Of([new MatchedSegment(0, 4, 10, 14), new MatchedSegment(8, 12, 10, 14), new MatchedSegment(3, 6, 13, 16)]);

        copied.Seconds.ShouldBe(10.0); // 0–6 and 8–12
        copied.Reference.ShouldBe([new SecondsRange(10, 16)]);
        copied.ReferenceSeconds.ShouldBe(6.0);
    }

    [Fact]
    public void Of_NothingOrDegenerate_IsZero()
    {
        CopiedTime.Of([]).Seconds.ShouldBe(0);
        var copied = CopiedTime.Of([new MatchedSegment(5, 5, 1, 1), new MatchedSegment(double.NaN, 3, 0, 3)]);
        copied.Seconds.ShouldBe(0);
        copied.Reference.ShouldBeEmpty();
    }
}
