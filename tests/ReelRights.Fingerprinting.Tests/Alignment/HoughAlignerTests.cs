using ReelRights.Fingerprinting.Alignment;

namespace ReelRights.Fingerprinting.Tests.Alignment;

public sealed class HoughAlignerTests
{
    [Fact]
    public void Align_VotesOnSpedUpLineAmongNoise_RecoversSpeedOffsetAndSegment()
    {
        var random = new Random(5);
        var votes = new List<Vote>();
        for (var f = 0; f < 160; f++)
        {
            var tq = f / 8f;
            if (tq is >= 4 and < 16)
            {
                // Copied: reference time = 1.25 · query time + 30.
                votes.Add(new Vote(f, tq, (1.25f * tq) + 30, 0.9f, f));
            }

            for (var n = 0; n < 3; n++)
            {
                votes.Add(new Vote(f, tq, (float)(random.NextDouble() * 120), 0.5f, random.Next()));
            }
        }

        var lines = HoughAligner.Align(votes, AlignmentSettings.Video);

        var line = lines[0];
        line.Speed.ShouldBe(1.25, 0.01);
        line.Offset.ShouldBe(30, 0.2);
        line.Segments.Count.ShouldBe(1);
        line.Segments[0].QueryStart.ShouldBe(4, 0.2);
        line.Segments[0].QueryEnd.ShouldBe(16, 0.2);
        line.Segments[0].ReferenceStart.ShouldBe(35, 0.3);
    }

    [Fact]
    public void Align_HeldShotMatchingEverywhere_GivesLittleEvidence()
    {
        // One still picture: every query frame matches every reference frame with the same key.
        var votes = new List<Vote>();
        for (var f = 0; f < 40; f++)
        {
            for (var r = 0; r < 40; r++)
            {
                votes.Add(new Vote(f, f / 8f, r / 8f, 1f, 7));
            }
        }

        var lines = HoughAligner.Align(votes, AlignmentSettings.Video);

        lines[0].Evidence.ShouldBeLessThan(15);
    }

    [Fact]
    public void Align_StillShotAgainstALookAlikeStill_CountsOnePicture()
    {
        // Two episodes filmed on one set: every frame of an 8-second still matches every frame
        // of the other's still within a few bits of noise, at any offset and speed.
        var random = new Random(9);
        var set = (ulong)random.NextInt64() & ~1UL;
        ulong Noisy() => set ^ (1UL << random.Next(1, 64)) ^ (1UL << random.Next(1, 64));
        var votes = new List<Vote>();
        for (var f = 0; f < 64; f++)
        {
            for (var r = 0; r < 64; r++)
            {
                votes.Add(new Vote(f, f / 8f, 30 + (r / 8f), 0.9f, random.Next(), Noisy(), Noisy()));
            }
        }

        var lines = HoughAligner.Align(votes, AlignmentSettings.Video);

        lines.ShouldNotBeEmpty();
        lines.ShouldAllBe(l => l.Evidence <= 0.9);
    }

    [Fact]
    public void Align_CopyThroughFiveShots_CountsFivePictures()
    {
        var random = new Random(10);
        var votes = new List<Vote>();
        for (var shot = 0; shot < 5; shot++)
        {
            var picture = (ulong)random.NextInt64() & ~1UL;
            for (var i = 0; i < 16; i++)
            {
                var f = (shot * 16) + i;
                votes.Add(new Vote(f, f / 8f, 12 + (f / 8f), 0.9f, random.Next(), picture ^ (1UL << random.Next(1, 64)), picture));
            }
        }

        var line = HoughAligner.Align(votes, AlignmentSettings.Video).ShouldHaveSingleItem();

        line.Evidence.ShouldBe(5 * 0.9, 0.01);
    }

    [Fact]
    public void Align_ShotsEnteredThroughCrossFades_WeighEachPictureByItsBestFrame()
    {
        // Two shots of an excerpt, each opened by a cross-fade frame that resembles its picture
        // only in part (weight 0.3), then frames that match it well (0.9).
        var random = new Random(11);
        var votes = new List<Vote>();
        for (var shot = 0; shot < 2; shot++)
        {
            var picture = (ulong)random.NextInt64() & ~1UL;
            for (var i = 0; i < 16; i++)
            {
                var f = (shot * 16) + i;
                var query = picture ^ (1UL << random.Next(1, 64));
                votes.Add(new Vote(f, f / 8f, 20 + (f / 8f), i == 0 ? 0.3f : 0.9f, random.Next(), query, picture));
            }
        }

        var line = HoughAligner.Align(votes, AlignmentSettings.Video).ShouldHaveSingleItem();

        line.Evidence.ShouldBe(2 * 0.9, 0.01);
    }

    [Fact]
    public void Align_StillQueryAgainstChangingReference_RaisesNoPictureItDidNotOpen()
    {
        // The query holds one picture while the reference moves on to another: the second
        // reference picture is near no counted one, but the query frame is, so it neither opens
        // a picture nor raises the first one's weight above what the first shot itself showed.
        var random = new Random(12);
        var still = (ulong)random.NextInt64() & ~1UL;
        var first = still ^ (1UL << 3);
        var second = (ulong)random.NextInt64() & ~1UL;
        var votes = new List<Vote>();
        for (var f = 0; f < 32; f++)
        {
            votes.Add(new Vote(f, f / 8f, 20 + (f / 8f), f < 16 ? 0.5f : 0.95f, random.Next(), still, f < 16 ? first : second));
        }

        var line = HoughAligner.Align(votes, AlignmentSettings.Video).ShouldHaveSingleItem();

        line.Evidence.ShouldBe(0.5, 0.01);
    }
}
