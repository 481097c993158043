using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ReelRights.Core.Accounts;
using ReelRights.Core.Blobs;
using ReelRights.Core.Cases;
using ReelRights.Core.Cases.Notice;
using ReelRights.Core.Data;
using ReelRights.Core.Monitoring;
using ReelRights.Core.Works;

namespace ReelRights.Core.Tests.Cases;

/// <summary>
/// One notice for many works on one platform: hits of three works open three cases that go out as
/// one notice, written once, sealed by each case's step, mailed once; and the refusals, each
/// changing nothing.
/// </summary>
public sealed class NoticeSenderTests
{
    [Theory]
    [InlineData("Sqlite")]
    [InlineData("Postgres")]
    public async Task HitsOfThreeWorks_OnOnePlatform_GoOutAsOneNotice(string provider)
    {
        await using var env = await CoreEnvironment.CreateAsync(provider);
        var (_, claimant) = await env.CreateOrgAsync("星河影业");
        var titles = new[] { "霸道总裁的替身新娘", "重生之我在横店当群演", "闪婚后傅先生马甲藏不住了" };
        var hits = await SeedHitsAsync(env, claimant, titles, hitsPerWork: 4);
        var platform = new PlatformParty(null, "某视频站", "abuse@video.example");

        var opened = await env.Get<CaseService>().OpenFromHitsAsync(claimant, hits, platform, null, CancellationToken.None);
        NoticeBatch batch;
        await using (var scope = env.NewScope())
        {
            batch = await scope.ServiceProvider.GetRequiredService<NoticeSender>().SendNoticeAsync(claimant, opened.Select(c => c.Id).ToList(), CancellationToken.None);
        }

        opened.Count.ShouldBe(3);
        await using var check = env.NewScope();
        var db = check.ServiceProvider.GetRequiredService<ReelRightsDbContext>();
        var cases = await db.Cases.AsNoTracking().Where(c => opened.Select(o => o.Id).Contains(c.Id)).ToListAsync();
        cases.ShouldAllBe(c => c.State == CaseState.NoticeSent && c.NoticeSha256 == batch.NoticeSha256);
        var steps = await db.CaseEvents.AsNoTracking().Where(e => e.Action == CaseAction.SendNotice).ToListAsync();
        steps.Count.ShouldBe(3);
        steps.ShouldAllBe(s => s.AttachmentsSha256 == batch.NoticeSha256 && s.LedgerIndex != null);
        var html = System.Text.Encoding.UTF8.GetString(await check.ServiceProvider.GetRequiredService<IBlobStore>()
            .ReadAllBytesAsync(batch.NoticeSha256, () => ReelRightsException.NotFound("notice"), CancellationToken.None));
        foreach (var c in cases)
        {
            html.ShouldContain(c.Number);
        }
        foreach (var title in titles)
        {
            html.ShouldContain(title);
        }
        html.ShouldContain("This notice covers 3 works and 12 infringing locations");
        var mails = await db.OutgoingMails.AsNoTracking().Where(m => m.ToAddress == "abuse@video.example").ToListAsync();
        mails.Count.ShouldBe(1);
        mails[0].AttachmentSha256.ShouldBe(batch.NoticeSha256);
        mails[0].Subject.ShouldContain("+2");
    }

    [Theory]
    [InlineData("Sqlite")]
    [InlineData("Postgres")]
    public async Task CasesThatCannotGoTogether_AreRefused_AndNothingChanges(string provider)
    {
        await using var env = await CoreEnvironment.CreateAsync(provider);
        var (_, claimant) = await env.CreateOrgAsync("星河影业");
        var (_, registered) = await env.CreateOrgAsync("快看视频", OrganizationKind.Platform);
        var (_, stranger) = await env.CreateOrgAsync("别家影业");
        var works = env.Get<WorkService>();
        async Task<EnforcementCase> OpenAsync(Actor owner, string title, PlatformParty platform)
        {
            var work = await works.CreateAsync(owner, new CreateWorkRequest(title, WorkType.MicroDrama), CancellationToken.None);
            await using var scope = env.NewScope();
            return await scope.ServiceProvider.GetRequiredService<CaseService>().OpenManualAsync(owner, work.Id, platform, null,
                [new ManualLocation($"https://video.example/v/{Guid.NewGuid():N}", null)], CancellationToken.None);
        }
        var toRegistered = new PlatformParty(registered.OrganizationId, null, null);
        var a = await OpenAsync(claimant, "甲", toRegistered);
        var b = await OpenAsync(claimant, "乙", toRegistered);
        var elsewhere = await OpenAsync(claimant, "丙", new PlatformParty(null, "某视频站", "abuse@video.example"));
        var theirs = await OpenAsync(stranger, "丁", toRegistered);
        async Task<ReelRightsException> RefusedAsync(Actor actor, params Guid[] ids)
        {
            await using var scope = env.NewScope();
            return await Should.ThrowAsync<ReelRightsException>(() =>
                scope.ServiceProvider.GetRequiredService<NoticeSender>().SendNoticeAsync(actor, ids, CancellationToken.None));
        }

        (await RefusedAsync(claimant, a.Id, elsewhere.Id)).Code.ShouldBe("several-platforms");
        (await RefusedAsync(claimant, a.Id, theirs.Id)).Kind.ShouldBe(ErrorKind.NotFound);
        (await RefusedAsync(claimant)).Code.ShouldBe("invalid-cases");
        (await RefusedAsync(registered, a.Id)).Kind.ShouldBe(ErrorKind.NotFound);
        await using (var scope = env.NewScope())
        {
            await scope.ServiceProvider.GetRequiredService<CaseMoves>().ActAsync(claimant, b.Id, CaseAction.SendNotice, new MoveInput(), CancellationToken.None);
        }
        var again = await RefusedAsync(claimant, a.Id, b.Id);

        again.Kind.ShouldBe(ErrorKind.Conflict);
        again.MessageEn.ShouldContain(b.Number);
        await using var check = env.NewScope();
        var db = check.ServiceProvider.GetRequiredService<ReelRightsDbContext>();
        (await db.Cases.AsNoTracking().SingleAsync(c => c.Id == a.Id)).State.ShouldBe(CaseState.Open);
        (await db.Cases.AsNoTracking().SingleAsync(c => c.Id == elsewhere.Id)).NoticeSha256.ShouldBeNull();
        (await db.CaseEvents.AsNoTracking().CountAsync(e => e.Action == CaseAction.SendNotice)).ShouldBe(1);
    }

    /// <summary>One episode per work, a monitoring task, and <paramref name="hitsPerWork"/> hits on one site for each.</summary>
    private static async Task<List<Guid>> SeedHitsAsync(CoreEnvironment env, Actor claimant, string[] titles, int hitsPerWork)
    {
        await using var scope = env.NewScope();
        var db = scope.ServiceProvider.GetRequiredService<ReelRightsDbContext>();
        var now = env.Time.GetUtcNow().UtcDateTime;
        var task = new MonitoringTask { Id = Guid.CreateVersion7(), OrganizationId = claimant.OrganizationId, Name = "site", CreatedAt = now };
        db.MonitoringTasks.Add(task);
        var ids = new List<Guid>();
        var n = 0;
        foreach (var title in titles)
        {
            var work = await scope.ServiceProvider.GetRequiredService<WorkService>().CreateAsync(claimant, new CreateWorkRequest(title, WorkType.MicroDrama), CancellationToken.None);
            var episode = new Episode
            {
                Id = Guid.CreateVersion7(), WorkId = work.Id, OrganizationId = claimant.OrganizationId, Number = 1, Code = $"EP-{work.Code}-1", Title = "第1集",
                Source = EpisodeSource.Media, DurationSeconds = 120, State = EpisodeState.Ready, CreatedAt = now,
            };
            db.Episodes.Add(episode);
            for (var i = 0; i < hitsPerWork; i++, n++)
            {
                var hit = new MonitoringHit
                {
                    Id = Guid.CreateVersion7(), OrganizationId = claimant.OrganizationId, TaskId = task.Id, EpisodeId = episode.Id, WorkId = work.Id,
                    Source = $"https://video.example/v/{n}.mp4", PageUrl = $"https://video.example/watch/{n}", MediaSha256 = new string('b', 64),
                    Score = 0.9, Modality = "video+audio", Class = MatchClass.Suspected, FirstSeenAt = now, LastSeenAt = now, TimesSeen = 1,
                    Segments = "[{\"queryStart\":0,\"queryEnd\":30,\"referenceStart\":10,\"referenceEnd\":40}]",
                };
                db.MonitoringHits.Add(hit);
                ids.Add(hit.Id);
            }
        }
        await db.SaveChangesAsync();
        return ids;
    }
}
