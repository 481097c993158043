using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ReelRights.Core.Accounts;
using ReelRights.Core.Data;
using ReelRights.Core.Jobs;
using ReelRights.Core.Licensing;
using ReelRights.Core.Monitoring;
using ReelRights.Core.Works;

namespace ReelRights.Core.Tests.Licensing;

/// <summary>
/// Licenses decide monitoring and screening: a copy on the licensee's channel within the term and
/// scope is licensed with the license code, another episode is outside the scope, the same copy
/// after the term is "license expired"; a change re-classifies open hits by a job, with history.
/// </summary>
public sealed class LicenseDecisionTests
{
    [Theory]
    [InlineData("Sqlite")]
    [InlineData("Postgres")]
    public async Task Hits_OnTheLicenseesChannel_FollowTheLicenseThroughItsTerm(string provider)
    {
        await using var env = await CoreEnvironment.CreateAsync(provider);
        env.Time.Advance(new DateTimeOffset(2027, 3, 1, 2, 0, 0, TimeSpan.Zero) - env.Time.GetUtcNow());
        var (_, owner) = await env.CreateOrgAsync("星河影业");
        var (_, licensee) = await env.CreateOrgAsync("Viu 东南亚", OrganizationKind.Licensee);
        var (platformOrg, _) = await env.CreateOrgAsync("快看视频", OrganizationKind.Platform);
        var work = await env.Get<WorkService>().CreateAsync(owner, new CreateWorkRequest("霸道总裁的替身新娘", WorkType.MicroDrama), CancellationToken.None);
        var (one, two, elsewhere) = await LicensingSteps.SeedHitsAsync(env, owner, work.Id);
        var code = await LicensingSteps.GrantAsync(env, owner, licensee, work.Id, LicensingSteps.SoleSoutheastAsia2027);
        await using (var scope = env.NewScope())
        {
            var changes = scope.ServiceProvider.GetRequiredService<LicenseChanges>();
            await changes.DeclareChannelAsync(licensee, code, null, "https://video.example/viu", CancellationToken.None);
            await changes.DeclareChannelAsync(licensee, code, platformOrg.Id, null, CancellationToken.None);
            var refused = await Should.ThrowAsync<ReelRightsException>(() => changes.DeclareChannelAsync(owner, code, null, "https://video.example/x", CancellationToken.None));
            refused.Kind.ShouldBe(ErrorKind.NotFound);
        }

        await LicensingSteps.RunDueJobsAsync(env);
        var inTerm = await LicensingSteps.HitsAsync(env, one, two, elsewhere);
        var screening = await DecideAsync(env, owner, work.Id, 1, new CandidateChannel(platformOrg.Id, null));
        var otherTerritory = await DecideAsync(env, owner, work.Id, 1, new CandidateChannel(platformOrg.Id, null, "US"));
        env.Time.Advance(new DateTimeOffset(2027, 12, 31, 16, 0, 5, TimeSpan.Zero) - env.Time.GetUtcNow()); // 00:00:05 on 1 January 2028 in China: the day after the term
        await LicensingSteps.RunDueJobsAsync(env);
        var afterTerm = await LicensingSteps.HitsAsync(env, one, two, elsewhere);

        inTerm[one].Class.ShouldBe(MatchClass.Licensed);
        inTerm[one].LicenseCode.ShouldBe(code);
        inTerm[two].Class.ShouldBe(MatchClass.OutsideLicenseScope);
        inTerm[two].LicenseCode.ShouldBe(code);
        inTerm[elsewhere].Class.ShouldBe(MatchClass.Suspected);
        inTerm[elsewhere].LicenseCode.ShouldBeNull();
        screening.ShouldBe(new ChannelDecision(MatchClass.Licensed, code, new DateOnly(2027, 12, 31)));
        otherTerritory!.Class.ShouldBe(MatchClass.OutsideLicenseScope);
        afterTerm[one].Class.ShouldBe(MatchClass.LicenseExpired);
        afterTerm[two].Class.ShouldBe(MatchClass.LicenseExpired);
        afterTerm[elsewhere].Class.ShouldBe(MatchClass.Suspected);
        var history = await env.Get<ReelRightsDbContext>().HitHistoryAsync(owner, [one], CancellationToken.None);
        history[one].Select(e => e.Action).ShouldBe([HitAction.Reclassified, HitAction.Reclassified]);
        history[one].First().Reason.ShouldBe($"Suspected → Licensed ({code})");
        history[one].Last().Reason.ShouldBe($"Licensed → LicenseExpired ({code})");
    }

    [Theory]
    [InlineData("Sqlite")]
    [InlineData("Postgres")]
    public async Task Termination_IsSealed_AndTheCopyIsNoLongerLicensed(string provider)
    {
        await using var env = await CoreEnvironment.CreateAsync(provider);
        env.Time.Advance(new DateTimeOffset(2027, 3, 1, 2, 0, 0, TimeSpan.Zero) - env.Time.GetUtcNow());
        var (_, owner) = await env.CreateOrgAsync("星河影业");
        var (_, licensee) = await env.CreateOrgAsync("Viu 东南亚", OrganizationKind.Licensee);
        var work = await env.Get<WorkService>().CreateAsync(owner, new CreateWorkRequest("替身新娘", WorkType.MicroDrama), CancellationToken.None);
        var (one, _, _) = await LicensingSteps.SeedHitsAsync(env, owner, work.Id);
        var code = await LicensingSteps.GrantAsync(env, owner, licensee, work.Id, LicensingSteps.SoleSoutheastAsia2027);
        await using (var scope = env.NewScope())
        {
            await scope.ServiceProvider.GetRequiredService<LicenseChanges>().DeclareChannelAsync(licensee, code, null, "https://video.example/viu", CancellationToken.None);
        }
        await LicensingSteps.RunDueJobsAsync(env);

        await using (var scope = env.NewScope())
        {
            var changes = scope.ServiceProvider.GetRequiredService<LicenseChanges>();
            (await Should.ThrowAsync<ReelRightsException>(() => changes.TerminateAsync(owner, code, " ", CancellationToken.None))).Code.ShouldBe("reason-required");
            await changes.TerminateAsync(owner, code, "被许可方未按期支付保底", CancellationToken.None);
        }
        await LicensingSteps.RunDueJobsAsync(env);
        var view = await env.Get<LicenseService>().PublicAsync(code, CancellationToken.None);

        (await LicensingSteps.HitsAsync(env, one))[one].Class.ShouldBe(MatchClass.LicenseExpired);
        view.Standing.ShouldBe(LicenseStanding.Terminated);
        view.Events.Select(e => e.Kind).ShouldBe([LicenseEventKind.Granted, LicenseEventKind.Terminated]);
        view.Events.ShouldAllBe(e => e.LedgerIndex != null);
    }

    private static async Task<ChannelDecision?> DecideAsync(CoreEnvironment env, Actor owner, Guid workId, int episode, CandidateChannel channel)
    {
        await using var scope = env.NewScope();
        return await scope.ServiceProvider.GetRequiredService<ILicenseDirectory>().DecideAsync(owner.OrganizationId, workId, episode, channel, CancellationToken.None);
    }
}
