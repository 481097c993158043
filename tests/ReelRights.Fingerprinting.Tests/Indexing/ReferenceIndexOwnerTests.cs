using ReelRights.Fingerprinting.Indexing;

namespace ReelRights.Fingerprinting.Tests.Indexing;

public sealed class ReferenceIndexOwnerTests
{
    [Fact]
    public void ReferenceOfAudioAndVideo_EveryFrameId_IsTheLastReferenceStartingAtOrBeforeIt()
    {
        // References of many lengths, some without frames (they share a start with the next),
        // some shorter than a lookup block and some starting inside one.
        var random = new Random(3);
        var references = new List<IndexedReference>();
        uint video = 0, audio = 0;
        for (var r = 0; r < 200; r++)
        {
            var videoFrames = r % 17 == 0 ? 0 : random.Next(1, 700);
            var audioFrames = r % 13 == 0 ? 0 : random.Next(1, 1500);
            references.Add(new IndexedReference($"r{r}", video, videoFrames, audio, audioFrames, 1));
            video += (uint)videoFrames;
            audio += (uint)audioFrames;
        }

        var index = new ReferenceIndex(references, PostingTable.Empty, PostingTable.Empty, []);

        for (uint id = 0; id < video; id++)
        {
            index.ReferenceOfVideo(id).ShouldBe(references.FindLastIndex(x => x.VideoFirst <= id));
        }

        for (uint id = 0; id < audio; id++)
        {
            index.ReferenceOfAudio(id).ShouldBe(references.FindLastIndex(x => x.AudioFirst <= id));
        }
    }
}
