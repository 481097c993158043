using ReelRights.Fingerprinting.Alignment;
using ReelRights.Fingerprinting.Matching;

namespace ReelRights.Fingerprinting.Tests.Matching;

public sealed class LineGroupTests
{
    private static AlignedLine Line(double speed, double offset, double from, double to) =>
        new(speed, offset, [new MatchedSegment(from, to, (speed * from) + offset, (speed * to) + offset)], 10);

    [Fact]
    public void Agrees_ShortVideoLineWithSlopeErrorOverTheAudioLine_Agrees()
    {
        // Six seconds of a compilation: the sound fixes speed 1.00, a few slowly moving pictures
        // give 1.08 through nearly the same reference seconds.
        var audio = new LineGroup(Line(1.0, 19.6, 8.1, 13.8), isVideo: false, 0.6);

        audio.Agrees(Line(1.08, 18.7, 8.1, 13.8)).ShouldBeTrue();
    }

    [Fact]
    public void Agrees_LineTwoSecondsAway_DoesNotAgree()
    {
        var audio = new LineGroup(Line(1.0, 19.6, 8.1, 13.8), isVideo: false, 0.6);

        audio.Agrees(Line(1.0, 21.6, 8.1, 13.8)).ShouldBeFalse();
    }

    [Fact]
    public void Segments_GapOverMaskedReferenceSeconds_AreOneCopy()
    {
        // Seconds 10–14 of the reference are a recap another episode also has, so the index holds
        // nothing there; the copy continues at the same alignment on both sides.
        var line = new AlignedLine(1.0, 5.0, [new MatchedSegment(0, 5, 5, 10), new MatchedSegment(9, 20, 14, 25)], 10);
        var group = new LineGroup(line, isVideo: false, 0.9);

        group.Segments().Count.ShouldBe(2);
        var segment = group.Segments([(9.6, 14.5)]).ShouldHaveSingleItem();
        segment.QueryStart.ShouldBe(0);
        segment.QueryEnd.ShouldBe(20);
        group.Segments([(11.0, 14.5)]).Count.ShouldBe(2);
    }
}
