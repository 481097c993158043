using Microsoft.Extensions.DependencyInjection;
using ReelRights.Core.Accounts;
using ReelRights.Core.Data;
using ReelRights.Core.Licensing;
using ReelRights.Core.Licensing.Royalties;
using ReelRights.Core.Monitoring;
using ReelRights.Core.Works;

namespace ReelRights.Core.Tests.Licensing.Royalties;

/// <summary>A statement shows the views the monitor saw on the license's licensed copies beside the views reported, and says when more were seen than reported.</summary>
public sealed class ObservedViewsTests
{
    [Fact]
    public async Task Statement_ShowsObservedViewsOfLicensedCopies_AgainstReportedViews()
    {
        await using var env = await CoreEnvironment.CreateAsync("Sqlite");
        env.Time.Advance(new DateTimeOffset(2027, 3, 1, 2, 0, 0, TimeSpan.Zero) - env.Time.GetUtcNow());
        var (_, owner) = await env.CreateOrgAsync("星河影业");
        var (_, licensee) = await env.CreateOrgAsync("Viu 东南亚", OrganizationKind.Licensee);
        var work = await env.Get<WorkService>().CreateAsync(owner, new CreateWorkRequest("替身新娘", WorkType.MicroDrama), CancellationToken.None);
        var (one, two, elsewhere) = await LicensingSteps.SeedHitsAsync(env, owner, work.Id);
        var code = await LicensingSteps.GrantAsync(env, owner, licensee, work.Id, LicensingSteps.SoleSoutheastAsia2027);
        await using (var scope = env.NewScope())
        {
            await scope.ServiceProvider.GetRequiredService<LicenseChanges>().DeclareChannelAsync(licensee, code, null, "https://video.example/viu", CancellationToken.None);
        }
        await LicensingSteps.RunDueJobsAsync(env);
        var statement = await StatementAsync(env, owner, licensee, code);
        var before = await env.Get<RoyaltyService>().GetAsync(owner, statement, CancellationToken.None);
        await using (var scope = env.NewScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ReelRightsDbContext>();
            var at = env.Time.GetUtcNow().UtcDateTime;
            // Episode 1 on the licensee's channel is licensed; episode 2 there is outside the license, and the third copy is elsewhere: neither counts.
            foreach (var (id, views) in new[] { (one, 5_000L), (two, 70_000L), (elsewhere, 900_000L) })
            {
                var hit = await db.MonitoringHits.FindAsync(id);
                (hit!.ObservedViews, hit.ViewsObservedAt) = (views, at);
            }
            await db.SaveChangesAsync();
        }
        var after = await env.Get<RoyaltyService>().GetAsync(licensee, statement, CancellationToken.None);

        before.Observed.ShouldBeNull();
        (await LicensingSteps.HitsAsync(env, one))[one].Class.ShouldBe(MatchClass.Licensed);
        var observed = after.Observed.ShouldNotBeNull();
        observed.Views.ShouldBe(5_000);
        observed.Copies.ShouldBe(1);
        observed.ThroughPeriod.ShouldBe("2027-03");
        observed.Reported.ShouldBe(1_000 + 2_500);
        observed.AboveReported.ShouldBeTrue();
        after.Statement.ContentSha256.ShouldBe(before.Statement.ContentSha256);
    }

    /// <summary>Usage of January and February (1,000 and 2,500 views), and February's statement.</summary>
    private static async Task<string> StatementAsync(CoreEnvironment env, Actor owner, Actor licensee, string code)
    {
        await using var scope = env.NewScope();
        var royalties = scope.ServiceProvider.GetRequiredService<RoyaltyService>();
        await royalties.ReportAsync(licensee, code,
            [new UsageRow(2, "2027-01", "TH", "viu", 1, 1_000, 10m, "CNY"), new UsageRow(3, "2027-02", "TH", "viu", 1, 2_500, 25m, "CNY")], CancellationToken.None);
        return (await royalties.PrepareAsync(owner, code, "2027-02", CancellationToken.None)).Statement.Number;
    }
}
