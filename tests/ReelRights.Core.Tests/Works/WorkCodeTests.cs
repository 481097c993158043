using ReelRights.Core.Works;

namespace ReelRights.Core.Tests.Works;

public sealed class WorkCodeTests
{
    [Theory]
    [InlineData(WorkType.MicroDrama, "MD")]
    [InlineData(WorkType.Music, "MU")]
    [InlineData(WorkType.Voice, "VO")]
    public void NewWorkCode_AnyType_IsValidAndCarriesYearAndType(WorkType type, string letters)
    {
        var code = WorkCode.NewWorkCode(2026, type);

        code.ShouldStartWith($"RR-2026-{letters}-");
        WorkCode.IsValidWorkCode(code).ShouldBeTrue(code);
        WorkCode.IsValidEpisodeCode(code).ShouldBeFalse();
    }

    [Fact]
    public void CheckCharacter_KnownAnswer_MatchesIso7064Mod3736()
    {
        // ISO/IEC 7064 MOD 37,36 over "1234": p goes 36→(36+1)%36=1→2, (2+2)=4→8, (8+3)=11→22,
        // (22+4)=26→52%37=15; check = (37-15)%36 = 22 → 'M'.
        WorkCode.CheckCharacter("1234").ShouldBe('M');
    }

    [Fact]
    public void IsValidWorkCode_EverySingleCharacterChangeOrAdjacentSwap_IsRejected()
    {
        var code = WorkCode.NewWorkCode(2026, WorkType.MicroDrama);
        const string alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";

        for (var i = 0; i < code.Length; i++)
        {
            if (code[i] == '-')
            {
                continue;
            }
            foreach (var c in alphabet.Where(c => c != code[i]))
            {
                WorkCode.IsValidWorkCode(code[..i] + c + code[(i + 1)..]).ShouldBeFalse($"{code} with {c} at {i}");
            }
        }
        var chars = code.Where(c => c != '-').ToArray();
        for (var i = 0; i + 1 < chars.Length; i++)
        {
            if (chars[i] == chars[i + 1])
            {
                continue;
            }
            var swapped = (char[])chars.Clone();
            (swapped[i], swapped[i + 1]) = (swapped[i + 1], swapped[i]);
            WorkCode.CheckCharacter(new string(swapped[..^1])).ShouldNotBe(swapped[^1], $"swap at {i} of {code}");
        }
    }

    [Fact]
    public void EpisodeCode_OfValidWork_IsValidAndBoundToItsWork()
    {
        var work = WorkCode.NewWorkCode(2026, WorkType.MicroDrama);

        var episode = WorkCode.EpisodeCode(work, 7);
        // One changed character (the episode number, or the work's serial) is always caught.
        var renumbered = episode.Replace("-E007-", "-E008-", StringComparison.Ordinal);
        var serialChanged = episode[..11] + (episode[11] == 'Z' ? 'Y' : 'Z') + episode[12..];

        episode.ShouldBe($"{work}-E007-{episode[^1]}");
        WorkCode.IsValidEpisodeCode(episode).ShouldBeTrue();
        WorkCode.IsValidEpisodeCode(renumbered).ShouldBeFalse();
        WorkCode.IsValidEpisodeCode(serialChanged).ShouldBeFalse();
        Should.Throw<ArgumentException>(() => WorkCode.EpisodeCode("RR-2026-MD-XXXX", 1));
        Should.Throw<ArgumentOutOfRangeException>(() => WorkCode.EpisodeCode(work, 0));
    }
}
