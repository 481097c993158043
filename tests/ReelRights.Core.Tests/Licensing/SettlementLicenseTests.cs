using Microsoft.Extensions.DependencyInjection;
using ReelRights.Core.Accounts;
using ReelRights.Core.Cases;
using ReelRights.Core.Cases.Mediation;
using ReelRights.Core.Licensing;
using ReelRights.Core.Monitoring;
using ReelRights.Core.Works;

namespace ReelRights.Core.Tests.Licensing;

/// <summary>
/// A settlement reached in mediation becomes a license in one step: the accepted proposal's terms
/// are granted at settlement, linked to the case, with the signed agreement as the contract and
/// the disputed copies as the licensee's channels; a proposal whose license would conflict is refused.
/// </summary>
public sealed class SettlementLicenseTests
{
    private static readonly LicenseTerms Settlement = new()
    {
        Rights = LicenseRight.Streaming,
        Territories = ["CN"],
        Start = new DateOnly(2026, 11, 1),
        End = new DateOnly(2027, 10, 31),
        Exclusivity = Exclusivity.NonExclusive,
        Price = new LicensePrice(PriceModel.RevenueShare, "CNY", SharePercent: 30m),
    };

    [Theory]
    [InlineData("Sqlite")]
    [InlineData("Postgres")]
    public async Task SettledCase_GrantsTheAgreedLicense_AndTheDisputedCopyBecomesLicensed(string provider)
    {
        await using var env = await CoreEnvironment.CreateAsync(provider);
        var (owner, platform, mediator, work, opened) = await MediatingAsync(env, withPlatformAccount: true);
        var hit = await SeedHitAsync(env, owner, work, "https://video.example/v/1");
        var proposal = await ProposeAsync(env, owner, opened.Id, Settlement);
        await using (var scope = env.NewScope())
        {
            var mediation = scope.ServiceProvider.GetRequiredService<MediationService>();
            await mediation.AcceptAsync(await mediation.PartyAsync(platform, opened.Id, true, CancellationToken.None), proposal.Id, CancellationToken.None);
        }
        await SignAndSettleAsync(env, owner, platform, mediator, opened.Id);
        await LicensingSteps.RunDueJobsAsync(env);

        var code = (await env.Get<LicenseService>().ListAsync(platform, CancellationToken.None)).Single().Code;
        var view = await env.Get<LicenseService>().PublicAsync(code, CancellationToken.None);
        var channels = await env.Get<LicenseChanges>().ChannelsAsync(platform, code, CancellationToken.None);
        var agreement = await env.Get<SettlementAgreements>().CurrentAsync(opened.Id, CancellationToken.None);
        var settle = (await env.Get<CaseService>().GetAsync(owner, opened.Id, CancellationToken.None)).Events.Single(e => e.Action == CaseAction.Settle);

        proposal.LicenseTerms.ShouldNotBeNull().ShouldContain("granted to 快看视频");
        view.License.CaseId.ShouldBe(opened.Id);
        view.License.DealId.ShouldBeNull();
        view.License.LicensorOrganizationId.ShouldBe(owner.OrganizationId);
        view.Standing.ShouldBe(LicenseStanding.InForce);
        view.License.ContractPdfSha256.ShouldBe(agreement!.PdfSha256);
        view.Terms.ToJson().ShouldBe(Settlement.Validate().ToJson());
        view.Events.Single().Kind.ShouldBe(LicenseEventKind.Granted);
        view.Events.Single().LedgerIndex.ShouldNotBeNull();
        view.Events.Single().Note.ShouldNotBeNull().ShouldContain(opened.Number);
        channels.Select(c => c.UrlPrefix).Order().ShouldBe(["https://video.example/v/1", "https://video.example/v/2"]);
        settle.Note.ShouldNotBeNull().ShouldContain($"许可 {code} 已依和解协议生效");
        (await LicensingSteps.HitsAsync(env, hit))[hit].Class.ShouldBe(MatchClass.Licensed);
        (await LicensingSteps.HitsAsync(env, hit))[hit].LicenseCode.ShouldBe(code);
    }

    [Theory]
    [InlineData("Sqlite")]
    [InlineData("Postgres")]
    public async Task ALicenseThatWouldConflict_IsRefusedWhenProposed_AndWhenAcceptedAfterAGrant(string provider)
    {
        await using var env = await CoreEnvironment.CreateAsync(provider);
        var (owner, platform, _, work, opened) = await MediatingAsync(env, withPlatformAccount: true);
        var (_, rival) = await env.CreateOrgAsync("独家平台", OrganizationKind.Licensee);
        var exclusive = Settlement with { Exclusivity = Exclusivity.Exclusive, Start = new DateOnly(2027, 6, 1), End = new DateOnly(2027, 12, 31) };
        var early = Settlement with { End = new DateOnly(2027, 3, 31) };
        var proposal = await ProposeAsync(env, owner, opened.Id, Settlement);
        var rivalCode = await LicensingSteps.GrantAsync(env, owner, rival, work, exclusive);
        var proposeRefused = await Should.ThrowAsync<ReelRightsException>(() => ProposeAsync(env, owner, opened.Id, Settlement));
        ReelRightsException acceptRefused;
        await using (var scope = env.NewScope())
        {
            var mediation = scope.ServiceProvider.GetRequiredService<MediationService>();
            var party = await mediation.PartyAsync(platform, opened.Id, true, CancellationToken.None);
            acceptRefused = await Should.ThrowAsync<ReelRightsException>(() => mediation.AcceptAsync(party, proposal.Id, CancellationToken.None));
        }
        var fits = await ProposeAsync(env, owner, opened.Id, early);

        proposeRefused.Code.ShouldBe("exclusivity-conflict");
        proposeRefused.MessageEn.ShouldContain(rivalCode);
        acceptRefused.Code.ShouldBe("exclusivity-conflict");
        fits.LicenseGrantJson.ShouldNotBeNull();
        fits.LicenseeOrganizationId.ShouldBe(platform.OrganizationId);
    }

    [Fact]
    public async Task APlatformWithoutAnAccount_CannotBeGrantedALicenseBySettlement()
    {
        await using var env = await CoreEnvironment.CreateAsync("Sqlite");
        var (owner, _, _, _, opened) = await MediatingAsync(env, withPlatformAccount: false);

        var refused = await Should.ThrowAsync<ReelRightsException>(() => ProposeAsync(env, owner, opened.Id, Settlement));
        var inWords = await ProposeWordsAsync(env, owner, opened.Id);

        refused.Code.ShouldBe("licensee-required");
        inWords.LicenseGrantJson.ShouldBeNull();
        inWords.LicenseTerms.ShouldBe("非独家信息网络传播权，一年");
    }

    private static async Task<SettlementProposal> ProposeWordsAsync(CoreEnvironment env, Actor owner, Guid caseId)
    {
        await using var scope = env.NewScope();
        var mediation = scope.ServiceProvider.GetRequiredService<MediationService>();
        return await mediation.ProposeAsync(await mediation.PartyAsync(owner, caseId, true, CancellationToken.None),
            new ProposalInput(500_000, "CNY", "签署后 15 日内支付", "无需下架", LicenseInstead: true, LicenseTerms: "非独家信息网络传播权，一年"), CancellationToken.None);
    }

    /// <summary>A case on the work's copies at two addresses of the platform (with an account here, or known by e-mail only), in mediation with the mediator.</summary>
    private static async Task<(Actor Owner, Actor Platform, Actor Mediator, Guid Work, EnforcementCase Case)> MediatingAsync(CoreEnvironment env, bool withPlatformAccount)
    {
        var (_, owner) = await env.CreateOrgAsync("星河影业");
        var (_, platform) = await env.CreateOrgAsync("快看视频", OrganizationKind.Platform);
        var (_, op) = await env.CreateOrgAsync("协会运营", OrganizationKind.Operator);
        var (_, mediator) = await env.CreateOrgAsync("版权调解中心", OrganizationKind.Mediator);
        var work = await env.Get<WorkService>().CreateAsync(owner, new CreateWorkRequest("霸道总裁的替身新娘", WorkType.MicroDrama), CancellationToken.None);
        var party = withPlatformAccount ? new PlatformParty(platform.OrganizationId, null, null) : new PlatformParty(null, "海外视频站", "abuse@overseas.test");
        var opened = await env.Get<CaseService>().OpenManualAsync(owner, work.Id, party, new RespondentParty("上传者", null),
            [new ManualLocation("https://video.example/v/1", "item-1"), new ManualLocation("https://video.example/v/2", null)], CancellationToken.None);
        await ActAsync(env, owner, opened.Id, CaseAction.SendNotice);
        await ActAsync(env, owner, opened.Id, CaseAction.ProposeMediation, new MoveInput { Note = "以许可代替下架 / a license instead of takedown" });
        await using (var scope = env.NewScope())
        {
            await scope.ServiceProvider.GetRequiredService<CaseMoves>().AssignMediatorAsync(op, opened.Id, mediator.OrganizationId, CancellationToken.None);
        }
        await ActAsync(env, mediator, opened.Id, CaseAction.AcceptMediation);
        return (owner, platform, mediator, work.Id, opened);
    }

    private static async Task<SettlementProposal> ProposeAsync(CoreEnvironment env, Actor owner, Guid caseId, LicenseTerms terms)
    {
        await using var scope = env.NewScope();
        var mediation = scope.ServiceProvider.GetRequiredService<MediationService>();
        return await mediation.ProposeAsync(await mediation.PartyAsync(owner, caseId, true, CancellationToken.None),
            new ProposalInput(500_000, "CNY", "签署后 15 日内支付", "无需下架", LicenseInstead: true, LicenseGrant: terms), CancellationToken.None);
    }

    private static async Task SignAndSettleAsync(CoreEnvironment env, Actor owner, Actor platform, Actor mediator, Guid caseId)
    {
        string sha;
        await using (var scope = env.NewScope())
        {
            var mediation = scope.ServiceProvider.GetRequiredService<MediationService>();
            sha = (await mediation.DraftAgreementAsync(await mediation.PartyAsync(mediator, caseId, true, CancellationToken.None), CancellationToken.None)).PdfSha256;
        }
        await ActAsync(env, owner, caseId, CaseAction.SignAgreement, new MoveInput { AgreementSha256 = sha });
        await ActAsync(env, platform, caseId, CaseAction.SignAgreement, new MoveInput { AgreementSha256 = sha });
        await ActAsync(env, mediator, caseId, CaseAction.Settle);
    }

    private static async Task ActAsync(CoreEnvironment env, Actor actor, Guid id, CaseAction action, MoveInput? input = null)
    {
        await using var scope = env.NewScope();
        await scope.ServiceProvider.GetRequiredService<CaseMoves>().ActAsync(actor, id, action, input ?? new MoveInput(), CancellationToken.None);
    }

    /// <summary>A suspected hit of episode 1 at the address.</summary>
    private static async Task<Guid> SeedHitAsync(CoreEnvironment env, Actor owner, Guid workId, string url)
    {
        var (one, _, _) = await LicensingSteps.SeedHitsAsync(env, owner, workId);
        await using var scope = env.NewScope();
        var db = scope.ServiceProvider.GetRequiredService<ReelRights.Core.Data.ReelRightsDbContext>();
        var hit = await db.MonitoringHits.FindAsync(one);
        hit!.Source = url;
        await db.SaveChangesAsync();
        return one;
    }
}
