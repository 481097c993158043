using Microsoft.Extensions.DependencyInjection;
using ReelRights.Core.Accounts;
using ReelRights.Core.Licensing;
using ReelRights.Core.Licensing.Royalties;
using ReelRights.Core.Monitoring;
using ReelRights.Core.Works;

namespace ReelRights.Core.Tests.Licensing;

/// <summary>
/// Amendments and renewals: one side proposes, the other accepts; the new terms are checked for
/// exclusivity against the work's other grants, applied, sealed, and followed by monitoring; the
/// expiry of a term is a sealed step of its own, recorded once.
/// </summary>
public sealed class LicenseAmendmentTests
{
    [Theory]
    [InlineData("Sqlite")]
    [InlineData("Postgres")]
    public async Task Renewal_ExtendsTheTerm_TheCopyStaysLicensed_AndExpiryIsSealedOnce(string provider)
    {
        await using var env = await CoreEnvironment.CreateAsync(provider);
        env.Time.Advance(new DateTimeOffset(2027, 3, 1, 2, 0, 0, TimeSpan.Zero) - env.Time.GetUtcNow());
        var (_, owner) = await env.CreateOrgAsync("星河影业");
        var (_, licensee) = await env.CreateOrgAsync("Viu 东南亚", OrganizationKind.Licensee);
        var work = await env.Get<WorkService>().CreateAsync(owner, new CreateWorkRequest("替身新娘", WorkType.MicroDrama), CancellationToken.None);
        var (one, two, _) = await LicensingSteps.SeedHitsAsync(env, owner, work.Id);
        var code = await LicensingSteps.GrantAsync(env, owner, licensee, work.Id, LicensingSteps.SoleSoutheastAsia2027);
        await using (var scope = env.NewScope())
        {
            await scope.ServiceProvider.GetRequiredService<LicenseChanges>().DeclareChannelAsync(licensee, code, null, "https://video.example/viu", CancellationToken.None);
        }
        await LicensingSteps.RunDueJobsAsync(env);

        LicenseAmendment renewal;
        await using (var scope = env.NewScope())
        {
            var amendments = scope.ServiceProvider.GetRequiredService<LicenseAmendments>();
            var earlier = LicensingSteps.SoleSoutheastAsia2027 with { End = new DateOnly(2027, 6, 30) };
            (await Should.ThrowAsync<ReelRightsException>(() => amendments.ProposeAsync(licensee, code, AmendmentKind.Renew, earlier, null, CancellationToken.None)))
                .Code.ShouldBe("invalid-renewal");
            renewal = await amendments.ProposeAsync(licensee, code, AmendmentKind.Renew,
                LicensingSteps.SoleSoutheastAsia2027 with { End = new DateOnly(2028, 12, 31) }, "续约一年", CancellationToken.None);
            (await Should.ThrowAsync<ReelRightsException>(() => amendments.ProposeAsync(owner, code, AmendmentKind.Amend,
                LicensingSteps.SoleSoutheastAsia2027 with { Episodes = [1, 2] }, null, CancellationToken.None))).Code.ShouldBe("amendment-open");
            (await Should.ThrowAsync<ReelRightsException>(() => amendments.AcceptAsync(licensee, code, renewal.Id, CancellationToken.None))).Code.ShouldBe("own-offer");
            (await Should.ThrowAsync<ReelRightsException>(() => amendments.CloseAsync(owner, code, renewal.Id, withdraw: true, null, CancellationToken.None)))
                .Code.ShouldBe("illegal-transition");
            await amendments.AcceptAsync(owner, code, renewal.Id, CancellationToken.None);
            (await Should.ThrowAsync<ReelRightsException>(() => amendments.AcceptAsync(owner, code, renewal.Id, CancellationToken.None))).Code.ShouldBe("amendment-closed");
        }
        await LicensingSteps.RunDueJobsAsync(env);
        env.Time.Advance(new DateTimeOffset(2027, 12, 31, 16, 0, 5, TimeSpan.Zero) - env.Time.GetUtcNow()); // 1 January 2028 in China: past the old end
        await LicensingSteps.RunDueJobsAsync(env);
        var renewedHits = await LicensingSteps.HitsAsync(env, one, two);
        var renewed = await env.Get<LicenseService>().PublicAsync(code, CancellationToken.None);

        env.Time.Advance(new DateTimeOffset(2028, 12, 31, 16, 0, 5, TimeSpan.Zero) - env.Time.GetUtcNow()); // 1 January 2029: past the renewed end
        await LicensingSteps.RunDueJobsAsync(env);
        await using (var scope = env.NewScope())
        {
            (await scope.ServiceProvider.GetRequiredService<LicenseExpiryJob>().MarkAsync(renewed.License.Id, CancellationToken.None)).ShouldBeFalse();
        }
        var expired = await env.Get<LicenseService>().PublicAsync(code, CancellationToken.None);

        renewedHits[one].Class.ShouldBe(MatchClass.Licensed);
        renewedHits[two].Class.ShouldBe(MatchClass.OutsideLicenseScope);
        renewed.License.End.ShouldBe(new DateOnly(2028, 12, 31));
        renewed.Standing.ShouldBe(LicenseStanding.InForce);
        renewed.Events.Select(e => e.Kind).ShouldBe([LicenseEventKind.Granted, LicenseEventKind.Renewed]);
        renewed.Events[1].Note.ShouldBe("续约一年");
        LicenseTerms.FromJson(renewed.Events[1].TermsJson!).End.ShouldBe(new DateOnly(2028, 12, 31));
        expired.Events.Select(e => e.Kind).ShouldBe([LicenseEventKind.Granted, LicenseEventKind.Renewed, LicenseEventKind.Expired]);
        expired.Events.ShouldAllBe(e => e.LedgerIndex != null);
        expired.Standing.ShouldBe(LicenseStanding.Expired);
        (await LicensingSteps.HitsAsync(env, one))[one].Class.ShouldBe(MatchClass.LicenseExpired);
    }

    [Theory]
    [InlineData("Sqlite")]
    [InlineData("Postgres")]
    public async Task Amendment_IntoAnotherExclusiveGrant_IsRefused_AndOneThatFits_Applies(string provider)
    {
        await using var env = await CoreEnvironment.CreateAsync(provider);
        env.Time.Advance(new DateTimeOffset(2027, 3, 1, 2, 0, 0, TimeSpan.Zero) - env.Time.GetUtcNow());
        var (_, owner) = await env.CreateOrgAsync("星河影业");
        var (_, viu) = await env.CreateOrgAsync("Viu 东南亚", OrganizationKind.Licensee);
        var (_, other) = await env.CreateOrgAsync("Tokyo Stream", OrganizationKind.Licensee);
        var (_, stranger) = await env.CreateOrgAsync("旁观者", OrganizationKind.Licensee);
        var work = await env.Get<WorkService>().CreateAsync(owner, new CreateWorkRequest("替身新娘", WorkType.MicroDrama), CancellationToken.None);
        var (_, two, _) = await LicensingSteps.SeedHitsAsync(env, owner, work.Id);
        var sole = await LicensingSteps.GrantAsync(env, owner, viu, work.Id, LicensingSteps.SoleSoutheastAsia2027);
        var japan = LicensingSteps.SoleSoutheastAsia2027 with
        {
            Rights = LicenseRight.Streaming, Territories = ["JP"], Exclusivity = Exclusivity.NonExclusive, Episodes = [1, 2],
        };
        var code = await LicensingSteps.GrantAsync(env, owner, other, work.Id, japan);
        await using (var scope = env.NewScope())
        {
            await scope.ServiceProvider.GetRequiredService<LicenseChanges>().DeclareChannelAsync(viu, sole, null, "https://video.example/viu", CancellationToken.None);
        }

        ReelRightsException conflict, notFound;
        await using (var scope = env.NewScope())
        {
            var amendments = scope.ServiceProvider.GetRequiredService<LicenseAmendments>();
            var intoThailand = await amendments.ProposeAsync(other, code, AmendmentKind.Amend, japan with { Territories = ["JP", "TH"] }, null, CancellationToken.None);
            notFound = await Should.ThrowAsync<ReelRightsException>(() => amendments.AcceptAsync(stranger, code, intoThailand.Id, CancellationToken.None));
            conflict = await Should.ThrowAsync<ReelRightsException>(() => amendments.AcceptAsync(owner, code, intoThailand.Id, CancellationToken.None));
            await amendments.CloseAsync(owner, code, intoThailand.Id, withdraw: false, "泰国已独家授出", CancellationToken.None);
        }
        await using (var scope = env.NewScope())
        {
            var amendments = scope.ServiceProvider.GetRequiredService<LicenseAmendments>();
            var wider = await amendments.ProposeAsync(owner, sole, AmendmentKind.Amend, LicensingSteps.SoleSoutheastAsia2027 with { Episodes = [1, 2] }, null, CancellationToken.None);
            await amendments.AcceptAsync(viu, sole, wider.Id, CancellationToken.None);
        }
        await LicensingSteps.RunDueJobsAsync(env);

        conflict.Code.ShouldBe("exclusivity-conflict");
        conflict.MessageEn.ShouldContain(sole);
        conflict.MessageEn.ShouldContain("2027-01-01 to 2027-12-31");
        notFound.Kind.ShouldBe(ErrorKind.NotFound);
        var japanNow = await env.Get<LicenseService>().GetAsync(other, code, CancellationToken.None);
        japanNow.Terms.TerritoryCodes().ShouldBe(["JP"]);
        japanNow.Events.Select(e => e.Kind).ShouldBe([LicenseEventKind.Granted]);
        (await env.Get<LicenseAmendments>().ListAsync(other, code, CancellationToken.None)).Single().State.ShouldBe(AmendmentState.Declined);
        var soleNow = await env.Get<LicenseService>().GetAsync(viu, sole, CancellationToken.None);
        soleNow.Terms.Episodes.ShouldBe([1, 2]);
        soleNow.Events.Select(e => e.Kind).ShouldBe([LicenseEventKind.Granted, LicenseEventKind.Amended]);
        soleNow.Events.ShouldAllBe(e => e.LedgerIndex != null);
        (await LicensingSteps.HitsAsync(env, two))[two].Class.ShouldBe(MatchClass.Licensed);
    }

    [Theory]
    [InlineData("Sqlite")]
    [InlineData("Postgres")]
    public async Task TwoSidesProposingAtOnce_LeaveExactlyOneOpenChange(string provider)
    {
        await using var env = await CoreEnvironment.CreateAsync(provider);
        env.Time.Advance(new DateTimeOffset(2027, 3, 1, 2, 0, 0, TimeSpan.Zero) - env.Time.GetUtcNow());
        var (_, owner) = await env.CreateOrgAsync("星河影业");
        var (_, licensee) = await env.CreateOrgAsync("Viu 东南亚", OrganizationKind.Licensee);
        var work = await env.Get<WorkService>().CreateAsync(owner, new CreateWorkRequest("替身新娘", WorkType.MicroDrama), CancellationToken.None);
        var code = await LicensingSteps.GrantAsync(env, owner, licensee, work.Id, LicensingSteps.SoleSoutheastAsia2027);

        async Task<string> ProposeAsync(Actor side, LicenseTerms terms)
        {
            await using var scope = env.NewScope();
            try
            {
                await scope.ServiceProvider.GetRequiredService<LicenseAmendments>().ProposeAsync(side, code, AmendmentKind.Amend, terms, null, CancellationToken.None);
                return "open";
            }
            catch (ReelRightsException e)
            {
                return e.Code;
            }
        }
        var t = LicensingSteps.SoleSoutheastAsia2027;
        var outcomes = await Task.WhenAll(ProposeAsync(owner, t with { Languages = ["th"] }), ProposeAsync(licensee, t with { Languages = ["vi"] }));

        outcomes.Order().ShouldBe(["amendment-open", "open"]);
        (await env.Get<LicenseAmendments>().ListAsync(owner, code, CancellationToken.None)).Count(a => a.State == AmendmentState.Open).ShouldBe(1);
    }

    [Fact]
    public async Task OnceAStatementIsDrawn_ThePriceAndStartStay_AndReportedMonthsStayInTheTerm()
    {
        await using var env = await CoreEnvironment.CreateAsync("Sqlite");
        env.Time.Advance(new DateTimeOffset(2027, 3, 1, 2, 0, 0, TimeSpan.Zero) - env.Time.GetUtcNow());
        var (_, owner) = await env.CreateOrgAsync("星河影业");
        var (_, licensee) = await env.CreateOrgAsync("Viu 东南亚", OrganizationKind.Licensee);
        var work = await env.Get<WorkService>().CreateAsync(owner, new CreateWorkRequest("替身新娘", WorkType.MicroDrama), CancellationToken.None);
        await LicensingSteps.AddEpisodesAsync(env, owner, work.Id, 1);
        var code = await LicensingSteps.GrantAsync(env, owner, licensee, work.Id, LicensingSteps.SoleSoutheastAsia2027);
        await using (var scope = env.NewScope())
        {
            var royalties = scope.ServiceProvider.GetRequiredService<RoyaltyService>();
            await royalties.ReportAsync(licensee, code, [new UsageRow(2, "2027-02", "TH", "viu", 1, 1000, 10m, "CNY", null)], CancellationToken.None);
            await royalties.PrepareAsync(owner, code, "2027-01", CancellationToken.None);
        }

        await using var s = env.NewScope();
        var amendments = s.ServiceProvider.GetRequiredService<LicenseAmendments>();
        var t = LicensingSteps.SoleSoutheastAsia2027;
        (await Should.ThrowAsync<ReelRightsException>(() => amendments.ProposeAsync(licensee, code, AmendmentKind.Amend,
            t with { Price = t.Price with { FlatFeeMinor = 60_000_00 } }, null, CancellationToken.None))).Code.ShouldBe("price-locked");
        (await Should.ThrowAsync<ReelRightsException>(() => amendments.ProposeAsync(licensee, code, AmendmentKind.Amend,
            t with { Start = new DateOnly(2027, 2, 1) }, null, CancellationToken.None))).Code.ShouldBe("price-locked");
        (await Should.ThrowAsync<ReelRightsException>(() => amendments.ProposeAsync(licensee, code, AmendmentKind.Amend,
            t with { End = new DateOnly(2027, 1, 31) }, null, CancellationToken.None))).Code.ShouldBe("usage-outside-term");
        (await Should.ThrowAsync<ReelRightsException>(() => amendments.ProposeAsync(licensee, code, AmendmentKind.Amend, t, null, CancellationToken.None)))
            .Code.ShouldBe("no-change");
        var fine = await amendments.ProposeAsync(licensee, code, AmendmentKind.Amend, t with { Languages = ["th"] }, null, CancellationToken.None);
        fine.State.ShouldBe(AmendmentState.Open);
    }
}
