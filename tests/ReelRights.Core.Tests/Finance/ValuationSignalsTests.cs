using Microsoft.Extensions.DependencyInjection;
using ReelRights.Core.Accounts;
using ReelRights.Core.Cases;
using ReelRights.Core.Data;
using ReelRights.Core.Finance;
using ReelRights.Core.Licensing;
using ReelRights.Core.Monitoring;
using ReelRights.Core.Works;

namespace ReelRights.Core.Tests.Finance;

/// <summary>Signals and the full valuation of a seeded work, each figure against a hand computation, on both databases.</summary>
public sealed class ValuationSignalsTests
{
    internal sealed record Seeded(CoreEnvironment Env, Actor Owner, Work Work, string OwnComparable);

    /// <summary>
    /// 替身新娘: 3 registered episodes of 2 minutes (and one unregistered); a 20 % share license in TH with
    /// confirmed January–March statements and an unconfirmed April; a CNY 80,000 flat fee in VN (exclusive);
    /// a terminated USD license; five pirated-copy hits and three that do not count; two cases; five
    /// comparable romance works from three owners and two that are not comparable.
    /// </summary>
    internal static async Task<Seeded> SeedAsync(string provider)
    {
        var env = await CoreEnvironment.CreateAsync(provider);
        env.Time.Advance(new DateTimeOffset(2027, 3, 15, 4, 0, 0, TimeSpan.Zero) - env.Time.GetUtcNow());
        var (_, owner) = await env.CreateOrgAsync("星河影业");
        var (_, licensee) = await env.CreateOrgAsync("Viu 东南亚", OrganizationKind.Licensee);
        var (_, platform) = await env.CreateOrgAsync("快看平台", OrganizationKind.Platform);
        var work = await FinanceSteps.RegisteredWorkAsync(env, owner, "替身新娘", 3);
        var now = env.Time.GetUtcNow().UtcDateTime;
        await using (var scope = env.NewScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ReelRightsDbContext>();
            db.Episodes.Add(new Episode
            {
                Id = Guid.CreateVersion7(), WorkId = work.Id, OrganizationId = owner.OrganizationId, Number = 4, Code = $"{work.Code}-E4", Title = "第4集",
                DurationSeconds = 120, State = EpisodeState.Ready, CreatedAt = now,
            });
            db.WorkRights.Add(new WorkRight { Id = Guid.CreateVersion7(), WorkId = work.Id, Right = RightKind.Communication, Holder = "星河影业", Territory = "全球" });
            db.WorkDocuments.Add(new WorkDocument
            {
                Id = Guid.CreateVersion7(), WorkId = work.Id, Kind = DocumentKind.ProductionAgreement, FileName = "制作协议.pdf", Size = 10, Sha256 = new string('d', 64),
                Sm3 = new string('e', 64), CreatedAt = now.AddDays(-1),
            });
            foreach (var (number, closure, state) in new[] { ("C-1", (CaseClosure?)CaseClosure.Settled, CaseState.Closed), ("C-2", null, CaseState.NoticeSent) })
            {
                db.Cases.Add(new EnforcementCase
                {
                    Id = Guid.CreateVersion7(), Number = number, Kind = CaseKind.Notice, State = state, Closure = closure, Title = "侵权", ClaimantOrganizationId = owner.OrganizationId,
                    WorkId = work.Id, PlatformName = "某平台", CreatedAt = now, UpdatedAt = now,
                });
            }
            await db.SaveChangesAsync();
        }
        var share = await FinanceSteps.LicenseAsync(env, work, licensee, new LicensePrice(PriceModel.RevenueShare, "CNY", SharePercent: 20), new DateOnly(2027, 1, 1));
        await FinanceSteps.StatementAsync(env, share, "2027-01", 50_000m, 10_000m, 1_000_000, 100_000);
        await FinanceSteps.StatementAsync(env, share, "2027-02", 25_000m, 5_000m, 500_000, 50_000);
        await FinanceSteps.StatementAsync(env, share, "2027-03", 15_000m, 3_000m, 300_000, 30_000);
        await FinanceSteps.StatementAsync(env, share, "2027-04", 10_000m, 2_000m, 200_000, 20_000, confirmed: false);
        var fee = await FinanceSteps.LicenseAsync(env, work, licensee, new LicensePrice(PriceModel.FlatFee, "CNY", 80_000_00), new DateOnly(2027, 2, 1), "VN", Exclusivity.Exclusive);
        await FinanceSteps.StatementAsync(env, fee, "2027-02", 0m, 0m, 80_000_00, 0);
        var usd = await FinanceSteps.LicenseAsync(env, work, licensee, new LicensePrice(PriceModel.FlatFee, "USD", 5_000_00), new DateOnly(2027, 1, 1), "US",
            state: LicenseState.Terminated);
        await FinanceSteps.StatementAsync(env, usd, "2027-01", 0m, 0m, 5_000_00, 0, "USD");

        var week9 = new DateTime(2027, 3, 2, 2, 0, 0, DateTimeKind.Utc);
        var week10 = new DateTime(2027, 3, 9, 2, 0, 0, DateTimeKind.Utc);
        await FinanceSteps.HitAsync(env, work, "https://pirate.example/a", week9, 30, 10_000);
        await FinanceSteps.HitAsync(env, work, "https://pirate.example/a", week10, 30, 12_000, episodeNumber: 2);
        await FinanceSteps.HitAsync(env, work, "https://www.pirate.example/b", week10, 60, null);
        await FinanceSteps.HitAsync(env, work, "https://clips.example/c", week10, 90, 5_000, MatchClass.LicenseExpired);
        await FinanceSteps.HitAsync(env, work, "https://other.example/d", week10, 90, 1_000_000, dismissed: "误报");
        await FinanceSteps.HitAsync(env, work, "https://licensed.example/e", week10, 90, 1_000_000, MatchClass.Licensed);
        await FinanceSteps.HitAsync(env, work, "https://x.example/f", week10, 90, 1_000_000, organizationId: platform.OrganizationId);

        var valuation = env.Get<ValuationService>();
        await valuation.SaveProfileAsync(owner, work.Code, new ProfileInput(["Romance", "revenge", "romance"], 50_000_00, "cny", new DateOnly(2026, 12, 1)), CancellationToken.None);
        var (_, second) = await env.CreateOrgAsync("月光传媒");
        var (_, third) = await env.CreateOrgAsync("山海文化");
        var own = "";
        // Per-episode first-year income 10,000 … 50,000 CNY over two episodes each.
        foreach (var (actor, i) in new[] { (owner, 1), (second, 2), (second, 3), (third, 4), (third, 5) })
        {
            var comparable = await FinanceSteps.RegisteredWorkAsync(env, actor, $"可比{i}", 2);
            own = i == 1 ? comparable.Code : own;
            await env.Get<ValuationService>().SaveProfileAsync(actor, comparable.Code, new ProfileInput(["romance"]), CancellationToken.None);
            await FinanceSteps.LicenseAsync(env, comparable, licensee, new LicensePrice(PriceModel.FlatFee, "CNY", i * 20_000_00), new DateOnly(2026, 6, 1));
        }
        var longer = await FinanceSteps.RegisteredWorkAsync(env, second, "长剧", 40);
        await env.Get<ValuationService>().SaveProfileAsync(second, longer.Code, new ProfileInput(["romance"]), CancellationToken.None);
        await FinanceSteps.LicenseAsync(env, longer, licensee, new LicensePrice(PriceModel.FlatFee, "CNY", 9_000_000_00), new DateOnly(2026, 6, 1));
        var elsewhere = await FinanceSteps.RegisteredWorkAsync(env, third, "美国版", 2);
        await env.Get<ValuationService>().SaveProfileAsync(third, elsewhere.Code, new ProfileInput(["romance"]), CancellationToken.None);
        await FinanceSteps.LicenseAsync(env, elsewhere, licensee, new LicensePrice(PriceModel.FlatFee, "CNY", 9_000_000_00), new DateOnly(2026, 6, 1), "US");
        return new Seeded(env, owner, work, own);
    }

    [Theory]
    [InlineData("Sqlite")]
    [InlineData("Postgres")]
    public async Task Preview_SeededWork_EverySignalMatchesTheHandComputation(string provider)
    {
        var seeded = await SeedAsync(provider);
        await using var env = seeded.Env;

        var content = await env.Get<ValuationService>().PreviewAsync(seeded.Owner, seeded.Work.Code, ValuationParameters.Default, CancellationToken.None);
        var s = content.Signals;

        s.Episodes.Registered.ShouldBe(3);
        s.Episodes.Minutes.ShouldBe(6);
        s.Episodes.Sources.Single().Reference.ShouldBe($"RRC-{seeded.Work.Code}");
        // Registered, rights, production agreement, documents sealed; no screenplay, performer release or music license; adaptation does not apply.
        (s.ChainOfTitle.Satisfied, s.ChainOfTitle.Applicable).ShouldBe((4, 7));
        s.ChainOfTitle.Items.Single(i => i.Code == "adaptation-license").Applicable.ShouldBeFalse();
        s.Aigc.ShouldBe(s.Aigc with { DeclaredUsesAi = false, EpisodesLabelledAi = 0, Episodes = 3 });

        s.Licenses.Count.ShouldBe(3);
        var shareLicense = s.Licenses.Single(l => l.Territories.SequenceEqual(["TH"]));
        (shareLicense.ContractedMinor, shareLicense.ReportedRevenueMinor, shareLicense.IncomeMinor, shareLicense.ConfirmedStatements).ShouldBe((0L, 9_000_000L, 1_800_000L, 3));
        s.Licenses.Single(l => l.Currency == "USD").InReportCurrency.ShouldBeFalse();
        s.Territories.ShouldBe([new TerritoryCoverage("TH", 1, false), new TerritoryCoverage("VN", 1, true)]);

        s.Royalties.Periods.Select(p => (p.Period, p.RevenueMinor, p.ShareMinor, p.OwedMinor, p.Views)).ShouldBe(
        [
            ("2027-01", 5_000_000L, 1_000_000L, 1_000_000L, 100_000L),
            ("2027-02", 2_500_000L, 500_000L, 8_500_000L, 50_000L),
            ("2027-03", 1_500_000L, 300_000L, 300_000L, 30_000L),
        ]);
        (s.Royalties.UnconfirmedStatements, s.Royalties.OtherCurrencyStatements).ShouldBe((1, 1));

        // pirate.example/a (a compilation: episodes 1 and 2, 60 s, 12,000 views), pirate.example/b (60 s), clips.example/c (90 s, 5,000 views).
        (s.Piracy.Copies, s.Piracy.Platforms, s.Piracy.CopiedMinutes, s.Piracy.ObservedViews, s.Piracy.CopiesWithViews).ShouldBe((3, 2, 3.5, 17_000L, 2));
        s.Piracy.ByPlatform.ShouldBe([new PlatformPiracy("pirate.example", 2, 2, 12_000), new PlatformPiracy("clips.example", 1, 1.5, 5_000)]);
        s.Piracy.Weeks.Count.ShouldBe(SignalCollector.TrendWeeks);
        s.Piracy.Weeks[^1].Week.ShouldBe("2027-W11");
        s.Piracy.Weeks.Single(w => w.Week == "2027-W09").Copies.ShouldBe(1);
        s.Piracy.Weeks.Single(w => w.Week == "2027-W10").Copies.ShouldBe(2);

        (s.Disputes.Cases, s.Disputes.Open, s.Disputes.Settled).ShouldBe((2, 1, 1));
        s.Age.ShouldBe(new AgeSignal(new DateOnly(2026, 12, 1), "declared", 104));
        s.Declared.Genres.ShouldBe(["revenge", "romance"]);
    }

    [Theory]
    [InlineData("Sqlite")]
    [InlineData("Postgres")]
    public async Task Preview_SeededWork_ReconcilesTheApproachesAndFloorsAtTheDeclaredCost(string provider)
    {
        var seeded = await SeedAsync(provider);
        await using var env = seeded.Env;

        var r = (await env.Get<ValuationService>().PreviewAsync(seeded.Owner, seeded.Work.Code, ValuationParameters.Default, CancellationToken.None)).Result;

        // Income from shares 10,000 / 5,000 / 3,000 (see ApproachTests); market: quartiles 20k/30k/40k per episode × 3.
        (r.Income.LowMinor, r.Income.CentralMinor, r.Income.HighMinor).ShouldBe((308_721L, 345_194L, 388_768L));
        r.MarketDetail.Comparables.ShouldBe(5);
        r.MarketDetail.Organizations.ShouldBe(3);
        r.MarketDetail.OwnComparables.ShouldBe([seeded.OwnComparable]);
        (r.Market.LowMinor, r.Market.CentralMinor, r.Market.HighMinor).ShouldBe((6_000_000L, 9_000_000L, 12_000_000L));
        r.Cost.CentralMinor.ShouldBe(5_000_000);
        // Low min(308,721, 6,000,000), central (345,194 + 9,000,000) / 2 = 4,672,597, both raised to the CNY 50,000 cost; high 12,000,000.
        (r.Range.LowMinor, r.Range.CentralMinor, r.Range.HighMinor).ShouldBe((5_000_000L, 5_000_000L, 12_000_000L));
        r.Range.Lines.ShouldContain(l => l.En.Contains("central the mean of the centrals, CNY 46,725.97"));
        // 17,000 pirated views × (18,000 CNY of shares ÷ 180,000 views = 10 fen a view) × 20 % = CNY 340.
        r.Piracy.SharePerViewMinor.ShouldBe(10m);
        r.Piracy.LostMinor.ShouldBe(34_000);
    }

    [Fact]
    public async Task SaveProfile_BadInput_IsRefusedAndNothingIsSaved()
    {
        await using var env = await CoreEnvironment.CreateAsync("Sqlite");
        var (_, owner) = await env.CreateOrgAsync("星河影业");
        var work = await FinanceSteps.RegisteredWorkAsync(env, owner, "替身新娘", 1);
        var valuation = env.Get<ValuationService>();

        var errors = new[]
        {
            new ProfileInput(Enumerable.Range(0, 11).Select(i => $"g{i}").ToList()),
            new ProfileInput(ProductionCostMinor: 100, ProductionCostCurrency: "yuan"),
            new ProfileInput(ProductionCostMinor: -5, ProductionCostCurrency: "CNY"),
            new ProfileInput(FirstPublishedOn: new DateOnly(2999, 1, 1)),
        };
        foreach (var input in errors)
        {
            await Should.ThrowAsync<ReelRightsException>(() => valuation.SaveProfileAsync(owner, work.Code, input, CancellationToken.None));
        }

        (await valuation.ProfileAsync(owner, work.Code, CancellationToken.None)).UpdatedAt.ShouldBe(default);
    }
}
