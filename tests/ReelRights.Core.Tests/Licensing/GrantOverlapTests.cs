using FsCheck;
using FsCheck.Fluent;
using ReelRights.Core.Licensing;

namespace ReelRights.Core.Tests.Licensing;

/// <summary>
/// The overlap rule against a brute-force enumeration: two random grants overlap exactly when some
/// (day, territory, right, platform, language, episode) is covered by both, and conflict exactly
/// when they overlap and either is exclusive or sole.
/// </summary>
public sealed class GrantOverlapTests
{
    private static readonly DateOnly Day0 = new(2026, 3, 1);
    private static readonly LicenseRight[] Rights = [LicenseRight.Streaming, LicenseRight.Dubbing, LicenseRight.Clips];
    private static readonly string[] PlatformUniverse = ["快看视频", "Viu"];
    private static readonly string[] LanguageUniverse = ["th", "vi"];
    private static readonly int[] EpisodeUniverse = [1, 2, 3];

    private static Gen<LicenseTerms> Grants() =>
        from rights in Gen.SubListOf(Rights).Where(r => r.Count > 0)
        from include in Gen.SubListOf(["TH", "VN", "CN", "US", "FR", "southeast-asia", "greater-china", Territories.Worldwide]).Where(t => t.Count is > 0 and <= 3)
        from except in Gen.SubListOf(["CN", "TH", "SG"])
        from platforms in Gen.SubListOf(PlatformUniverse)
        from languages in Gen.SubListOf(LanguageUniverse)
        from allEpisodes in Gen.Elements(true, false)
        from episodes in Gen.SubListOf(EpisodeUniverse).Where(e => e.Count > 0)
        from start in Gen.Choose(0, 10)
        from length in Gen.Choose(0, 6)
        from exclusivity in Gen.Elements(Exclusivity.NonExclusive, Exclusivity.Sole, Exclusivity.Exclusive)
        let terms = new LicenseTerms
        {
            Rights = rights.Aggregate(LicenseRight.None, (a, r) => a | r),
            Territories = include.ToList(),
            ExceptTerritories = except.ToList(),
            Platforms = platforms.ToList(),
            Languages = languages.ToList(),
            Episodes = allEpisodes ? null : episodes.ToList(),
            Start = Day0.AddDays(start),
            End = Day0.AddDays(start + length),
            Exclusivity = exclusivity,
            Price = new LicensePrice(PriceModel.FlatFee, "CNY", 100_00),
        }
        where Territories.Expand(terms.Territories, terms.ExceptTerritories).Count > 0
        select terms;

    [Fact]
    public void Of_RandomGrants_AgreesWithBruteForceEnumeration()
    {
        Prop.ForAll(Grants().ToArbitrary(), Grants().ToArbitrary(), (a, b) =>
        {
            var overlap = GrantOverlap.Of(a, b);
            var shared = FirstSharedCell(a, b);
            if ((overlap is null) != (shared is null))
            {
                return false;
            }
            // What the overlap names is covered by both, at its first and last day.
            return overlap is null || overlap.Territories.All(t => Covers(a, overlap.From, t) && Covers(b, overlap.To, t));
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Conflicts_RandomGrants_OverlapWithAnExclusiveOrSoleSide()
    {
        Prop.ForAll(Grants().ToArbitrary(), Grants().ToArbitrary(), (a, b) =>
        {
            var expected = FirstSharedCell(a, b) is not null && (a.Exclusivity != Exclusivity.NonExclusive || b.Exclusivity != Exclusivity.NonExclusive);
            return (GrantOverlap.Conflicts(a, b) is not null) == expected;
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Conflicts_ExclusiveWorldwideExceptChina_AgainstThaiDubbing_NamesTheOverlap()
    {
        var worldwide = Terms(LicenseRight.Streaming | LicenseRight.Dubbing, [Territories.Worldwide], ["CN"], new DateOnly(2026, 1, 1), new DateOnly(2026, 12, 31), Exclusivity.Exclusive);
        var thai = Terms(LicenseRight.Dubbing, ["southeast-asia"], [], new DateOnly(2026, 6, 1), new DateOnly(2027, 5, 31), Exclusivity.NonExclusive);
        var mainland = Terms(LicenseRight.Dubbing, ["CN"], [], new DateOnly(2026, 6, 1), new DateOnly(2027, 5, 31), Exclusivity.Exclusive);

        var conflict = GrantOverlap.Conflicts(worldwide, thai).ShouldNotBeNull();
        conflict.Rights.ShouldBe(LicenseRight.Dubbing);
        conflict.Territories.Count.ShouldBe(11);
        conflict.From.ShouldBe(new DateOnly(2026, 6, 1));
        conflict.To.ShouldBe(new DateOnly(2026, 12, 31));
        GrantOverlap.Conflicts(worldwide, mainland).ShouldBeNull();
        Territories.Describe(Territories.Expand([Territories.Worldwide], ["CN"])).En.ShouldBe("worldwide except CN");
    }

    [Fact]
    public void Validate_BadTerms_AreRefusedWithTheField()
    {
        var good = Terms(LicenseRight.Streaming, ["TH"], [], new DateOnly(2026, 1, 1), new DateOnly(2026, 12, 31), Exclusivity.Sole);

        Should.Throw<ReelRightsException>(() => (good with { Territories = ["XX"] }).Validate()).Code.ShouldBe("unknown-territory");
        Should.Throw<ReelRightsException>(() => (good with { Territories = ["TH"], ExceptTerritories = ["southeast-asia"] }).Validate()).Code.ShouldBe("invalid-territory");
        Should.Throw<ReelRightsException>(() => (good with { End = new DateOnly(2025, 1, 1) }).Validate()).Code.ShouldBe("invalid-term");
        Should.Throw<ReelRightsException>(() => (good with { Rights = LicenseRight.None }).Validate()).Code.ShouldBe("invalid-rights");
        Should.Throw<ReelRightsException>(() => (good with { Languages = ["<script>"] }).Validate()).Code.ShouldBe("invalid-language");
        Should.Throw<ReelRightsException>(() => (good with { Episodes = [0] }).Validate()).Code.ShouldBe("invalid-episodes");
        Should.Throw<ReelRightsException>(() => (good with { Price = new LicensePrice(PriceModel.RevenueShare, "CNY", SharePercent: 120) }).Validate()).Code.ShouldBe("invalid-price");
        Should.Throw<ReelRightsException>(() => (good with { Price = new LicensePrice(PriceModel.FlatFee, "yuan", 100) }).Validate()).Code.ShouldBe("invalid-currency");
        var normalized = (good with { Territories = ["th", "vn", "TH"], Languages = ["TH"] }).Validate();
        normalized.Territories.ShouldBe(["TH", "VN"]);
        normalized.Languages.ShouldBe(["th"]);
        LicenseTerms.FromJson(normalized.ToJson()).ToJson().ShouldBe(normalized.ToJson());
    }

    private static LicenseTerms Terms(LicenseRight rights, string[] include, string[] except, DateOnly start, DateOnly end, Exclusivity exclusivity) => new()
    {
        Rights = rights,
        Territories = include,
        ExceptTerritories = except,
        Start = start,
        End = end,
        Exclusivity = exclusivity,
        Price = new LicensePrice(PriceModel.FlatFee, "CNY", 50_000_00),
    };

    /// <summary>Walks every cell of the small universe the generators draw from (every ISO code) and returns the first both grants cover.</summary>
    private static (DateOnly, string)? FirstSharedCell(LicenseTerms a, LicenseTerms b)
    {
        for (var day = Day0; day <= Day0.AddDays(20); day = day.AddDays(1))
        {
            foreach (var code in Territories.Codes)
            {
                if (!Covers(a, day, code) || !Covers(b, day, code))
                {
                    continue;
                }
                foreach (var right in Rights)
                {
                    foreach (var platform in PlatformUniverse)
                    {
                        foreach (var language in LanguageUniverse)
                        {
                            foreach (var episode in EpisodeUniverse)
                            {
                                if (Covers(a, right, platform, language, episode) && Covers(b, right, platform, language, episode))
                                {
                                    return (day, code);
                                }
                            }
                        }
                    }
                }
            }
        }
        return null;
    }

    private static bool Covers(LicenseTerms g, DateOnly day, string code) =>
        day >= g.Start && day <= g.End && Territories.Expand(g.Territories, g.ExceptTerritories).Contains(code);

    private static bool Covers(LicenseTerms g, LicenseRight right, string platform, string language, int episode) =>
        (g.Rights & right) != 0
        && (g.Platforms.Count == 0 || g.Platforms.Contains(platform))
        && (g.Languages.Count == 0 || g.Languages.Contains(language))
        && (g.Episodes is null || g.Episodes.Contains(episode));
}
