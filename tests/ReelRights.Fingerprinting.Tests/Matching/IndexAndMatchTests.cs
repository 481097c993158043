using ReelRights.Fingerprinting.Indexing;
using ReelRights.Fingerprinting.Matching;
using ReelRights.Fingerprinting.Tests.Support;

namespace ReelRights.Fingerprinting.Tests.Matching;

/// <summary>Index, persistence and matching on in-memory fingerprints (no decoder).</summary>
public sealed class IndexAndMatchTests
{
    [Fact]
    public void Match_ReferenceAgainstItself_FindsItWholeAndNothingElse()
    {
        var a = Synthetic.Fingerprint(20, 1);
        var index = ReferenceIndex.Build([new ReferenceEntry("a", a), new ReferenceEntry("b", Synthetic.Fingerprint(20, 2))]);

        var matches = new FingerprintMatcher(index).Match(a);

        var match = matches.ShouldHaveSingleItem();
        match.ReferenceId.ShouldBe("a");
        match.Modality.ShouldBe(MatchModality.Both);
        match.Score.ShouldBeGreaterThan(0.9);
        match.Segments[0].QueryStart.ShouldBe(0, 0.3);
        match.Segments[0].QueryEnd.ShouldBe(20, 0.5);
    }

    [Fact]
    public void Match_UnrelatedQuery_FindsNothing()
    {
        var index = ReferenceIndex.Build([new ReferenceEntry("a", Synthetic.Fingerprint(20, 1))]);

        new FingerprintMatcher(index).Match(Synthetic.Fingerprint(20, 3)).ShouldBeEmpty();
    }

    [Fact]
    public void ReadFrom_WrittenIndex_MatchesLikeTheOriginal()
    {
        var a = Synthetic.Fingerprint(12, 1);
        var index = ReferenceIndex.Build([new ReferenceEntry("第一集 a", a), new ReferenceEntry("b", Synthetic.Fingerprint(12, 2))]);
        using var stream = new MemoryStream();
        index.WriteTo(stream);
        stream.Position = 0;

        var read = ReferenceIndex.ReadFrom(stream);

        read.ReferenceIds.ShouldBe(["第一集 a", "b"]);
        Describe(new FingerprintMatcher(read).Match(a)).ShouldBe(Describe(new FingerprintMatcher(index).Match(a)));
    }

    [Fact]
    public void ReadFrom_CorruptedIndex_Fails()
    {
        using var stream = new MemoryStream();
        ReferenceIndex.Build([new ReferenceEntry("a", Synthetic.Fingerprint(4, 1))]).WriteTo(stream);
        var bytes = stream.ToArray();
        bytes[10] ^= 1;

        Should.Throw<FingerprintFormatException>(() => ReferenceIndex.ReadFrom(new MemoryStream(bytes)));
    }

    [Fact]
    public void ReadFrom_IndexOfAnOlderVersion_FailsNamingTheVersion()
    {
        // Version 3 lacked the masked sound, version 2 keyed audio postings by 22 bits (version 1
        // also lacked the foreground flags): read as version 4, the older ones' audio would never
        // be found, so they must be rebuilt, not silently used.
        using var stream = new MemoryStream();
        ReferenceIndex.Build([new ReferenceEntry("a", Synthetic.Fingerprint(4, 1))]).WriteTo(stream);
        var bytes = stream.ToArray();
        bytes[4].ShouldBe((byte)4);
        bytes[4] = 2;

        Should.Throw<FingerprintFormatException>(() => ReferenceIndex.ReadFrom(new MemoryStream(bytes)))
            .Message.ShouldContain("version 2");
    }

    [Fact]
    public void Build_EpisodesSharingAnIntro_MasksItSoAnotherEpisodeDoesNotMatch()
    {
        // Three episodes of a series open with the same 8-second intro (seed 50).
        var index = ReferenceIndex.Build([
            new ReferenceEntry("ep1", Synthetic.Fingerprint((8, 50), (20, 1))),
            new ReferenceEntry("ep2", Synthetic.Fingerprint((8, 50), (20, 2))),
        ]);
        var episode3 = Synthetic.Fingerprint((8, 50), (20, 3));
        var copyOfEpisode2 = Synthetic.Fingerprint((8, 50), (20, 2));

        index.CommonContent.ShouldContain(c => c.ReferenceId == "ep1" && c.StartSeconds < 1 && c.EndSeconds > 7);
        new FingerprintMatcher(index).Match(episode3).ShouldBeEmpty();
        var match = new FingerprintMatcher(index).Match(copyOfEpisode2).ShouldHaveSingleItem();
        match.ReferenceId.ShouldBe("ep2");
        match.Segments[0].QueryStart.ShouldBeGreaterThan(7);
    }

    [Fact]
    public void Build_WithKnownCommonContent_KeepsItsMasksWithoutSearchingAgain()
    {
        List<ReferenceEntry> series = [
            new("ep1", Synthetic.Fingerprint((8, 50), (20, 1))),
            new("ep2", Synthetic.Fingerprint((8, 50), (20, 2))),
        ];
        var searched = ReferenceIndex.Build(series);
        var gone = new CommonSpan("removed", MatchModality.Both, 0, 5);

        // A bulk load adds an unrelated reference (and one episode sharing the intro, which no search flags).
        var bulk = ReferenceIndex.Build(
            [.. series, new("other", Synthetic.Fingerprint(20, 7)), new("ep3", Synthetic.Fingerprint((8, 50), (20, 3)))],
            [.. searched.CommonContent, gone]);

        bulk.CommonContent.ShouldBe(searched.CommonContent);
        var matches = new FingerprintMatcher(bulk).Match(Synthetic.Fingerprint((8, 50), (20, 2)));
        matches.Count.ShouldBe(2);
        // ep2's intro stays masked: only the episode's own seconds match it…
        matches.ShouldContain(m => m.ReferenceId == "ep2" && m.Segments.All(s => s.QueryStart > 7));
        // …while ep3, added without a search, still has its intro in the index.
        matches.ShouldContain(m => m.ReferenceId == "ep3" && m.Segments.All(s => s.QueryEnd < 9));
    }

    [Fact]
    public void ReadFrom_StreamThatCannotSeek_ReadsTheSameIndex()
    {
        var a = Synthetic.Fingerprint(12, 1);
        using var stream = new MemoryStream();
        ReferenceIndex.Build([new ReferenceEntry("a", a), new ReferenceEntry("b", Synthetic.Fingerprint(12, 2))]).WriteTo(stream);

        var read = ReferenceIndex.ReadFrom(new ForwardOnlyStream(stream.ToArray()));

        read.ReferenceIds.ShouldBe(["a", "b"]);
        new FingerprintMatcher(read).Match(a).ShouldHaveSingleItem().ReferenceId.ShouldBe("a");
    }

    [Fact]
    public void ReadFrom_HugeCountUnderAValidChecksum_FailsWithoutAllocatingIt()
    {
        // A crafted file: the reference count says two billion and the trailer is recomputed,
        // so only the reader's own bounds stop it.
        using var stream = new MemoryStream();
        ReferenceIndex.Build([new ReferenceEntry("a", Synthetic.Fingerprint(4, 1))]).WriteTo(stream);
        var bytes = stream.ToArray();
        BitConverter.GetBytes(int.MaxValue).CopyTo(bytes, 5);
        System.Security.Cryptography.SHA256.HashData(bytes.AsSpan(0, bytes.Length - 32)).CopyTo(bytes, bytes.Length - 32);

        Should.Throw<FingerprintFormatException>(() => ReferenceIndex.ReadFrom(new MemoryStream(bytes)))
            .Message.ShouldContain("out of range");
    }

    [Fact]
    public void Build_DuplicateIds_Throws()
    {
        var f = Synthetic.Fingerprint(2, 1);

        Should.Throw<ArgumentException>(() => ReferenceIndex.Build([new ReferenceEntry("a", f), new ReferenceEntry("a", f)]));
    }

    private static string Describe(IReadOnlyList<FingerprintMatch> matches) =>
        System.Text.Json.JsonSerializer.Serialize(matches);

    private sealed class ForwardOnlyStream(byte[] data) : MemoryStream(data)
    {
        public override bool CanSeek => false;
    }
}
